"""A pytest plugin loaded with ``-p`` so it runs before Django reads its settings.

It selects the ``test`` environment (fast password hashing, plain static files); a value
already in the environment wins, so DATABASE_URL etc. pass through unchanged.
"""

import os

os.environ.setdefault("CLOSEKNIT_ENV", "test")
