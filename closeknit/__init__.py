"""closeknit: a private practice space for two."""
