"""Encryption at rest for desire answers: Fernet tokens under a MultiFernet of keys.

Keys come from the environment, read here rather than in settings.py so the only code that
can hold them is this module:

* ``DESIRES_KEYS``: comma-separated Fernet keys, newest first. The newest encrypts; every
  key decrypts, so a new key can be put in front and old rows still read.
* ``DESIRES_KEYS_FILE``: a file holding the same (comma- or newline-separated); set one or
  the other, not both.

Outside production, when neither is set, one key is generated into ``VAR_DIR/desires_keys``
(mode 0600) on first use, like the development SECRET_KEY. With ``CLOSEKNIT_ENV=production``
the first use without keys raises ``ImproperlyConfigured``. Losing every key makes the
answers unrecoverable: there is no back door.

The sealed plaintext names the row it belongs to (space, person, item) and ends with a
one-letter answer, so a token copied onto another row does not read, and a token's length
never depends on whether the answer is yes, curious or no.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from closeknit.env import Env

KEYS_ENV = "DESIRES_KEYS"
GENERATED_FILE = "desires_keys"
FORMAT = "d1"
TEXT_FORMAT = "t1"
TEXT_BYTES = 512  # an item's words are padded to this, so a token never tells their length
CODES = {"yes": "y", "curious": "c", "no": "n"}
VALUES = {code: value for value, code in CODES.items()}
_SEPARATORS = re.compile(r"[,\s]+")

_lock = threading.Lock()
_cached: MultiFernet | None = None


class UnreadableAnswer(Exception):
    """A stored answer cannot be read with the configured keys (or was moved to another row)."""


def parse_keys(raw: str, source: str = KEYS_ENV) -> list[Fernet]:
    keys = [part for part in _SEPARATORS.split(raw.strip()) if part]
    if not keys:
        raise ImproperlyConfigured(f"{source} holds no keys.")
    fernets = []
    for number, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except ValueError:
            # Never echo the value: it is a secret, and it may be almost right.
            raise ImproperlyConfigured(
                f"{source}: key {number} is not a Fernet key (32 url-safe base64-encoded bytes). "
                'Make one with: python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"'
            ) from None
    return fernets


def _generated_keys() -> str:
    path = Path(settings.VAR_DIR) / GENERATED_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it a moment ago: use theirs
        else:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(Fernet.generate_key().decode() + "\n")
            path.chmod(0o600)
    return path.read_text(encoding="utf-8")


def load_keys(env: Env | None = None) -> MultiFernet:
    """Build the MultiFernet from the environment (or the generated development file)."""
    env = env or Env()
    raw = env.secret(KEYS_ENV)
    if raw:
        return MultiFernet(parse_keys(raw))
    if settings.PRODUCTION:
        raise ImproperlyConfigured(
            "DESIRES_KEYS (or DESIRES_KEYS_FILE) must be set when CLOSEKNIT_ENV=production: "
            "desire answers are encrypted with it. See docs/deploy.md."
        )
    return MultiFernet(parse_keys(_generated_keys(), str(Path(settings.VAR_DIR) / GENERATED_FILE)))


def keys() -> MultiFernet:
    """The process's keys, read once on first use."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = load_keys()
    return _cached


def reset() -> None:
    """Forget the keys so the next use reads the environment again (tests, rotation)."""
    global _cached
    with _lock:
        _cached = None


def _plaintext(space_id: int, user_id: int, item_id: int, value: str) -> bytes:
    return f"{FORMAT}:{space_id}:{user_id}:{item_id}:{CODES[value]}".encode()


def seal(value: str, *, space_id: int, user_id: int, item_id: int) -> str:
    """Encrypt ``value`` (yes/curious/no) for one answer row with the newest key."""
    if value not in CODES:
        raise ValueError("An answer is yes, curious or no.")
    return keys().encrypt(_plaintext(space_id, user_id, item_id, value)).decode()


def unseal(token: str, *, space_id: int, user_id: int, item_id: int) -> str:
    """Decrypt one answer row's token with any configured key and check it is this row's."""
    try:
        plain = keys().decrypt(token.encode()).decode()
    except (InvalidToken, UnicodeDecodeError):
        raise UnreadableAnswer("an answer cannot be decrypted with the configured keys") from None
    prefix, _sep, code = plain.rpartition(":")
    if prefix != f"{FORMAT}:{space_id}:{user_id}:{item_id}" or code not in VALUES:
        raise UnreadableAnswer("an answer token does not belong to its row")
    return VALUES[code]


def seal_text(text: str, *, space_id: int) -> str:
    """Encrypt a couple's own item's words, padded so the token's length says nothing."""
    words = text.encode()
    if len(words) > TEXT_BYTES:
        raise ValueError("An item's words are too long to seal.")
    plain = f"{TEXT_FORMAT}:{space_id}:".encode() + words + b"\0" * (TEXT_BYTES - len(words))
    return keys().encrypt(plain).decode()


def unseal_text(token: str, *, space_id: int) -> str:
    try:
        plain = keys().decrypt(token.encode())
    except InvalidToken:
        raise UnreadableAnswer("an item cannot be decrypted with the configured keys") from None
    prefix = f"{TEXT_FORMAT}:{space_id}:".encode()
    if not plain.startswith(prefix):
        raise UnreadableAnswer("an item token does not belong to its space")
    return plain[len(prefix) :].rstrip(b"\0").decode()


def rotate(token: str) -> str:
    """Re-encrypt a token with the newest key (``MultiFernet.rotate``)."""
    try:
        return keys().rotate(token.encode()).decode()
    except InvalidToken:
        raise UnreadableAnswer("an answer cannot be decrypted with the configured keys") from None
