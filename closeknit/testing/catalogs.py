"""Helpers for the catalog content tests (framework-free: no Django needed)."""

from __future__ import annotations

import re
from collections.abc import Iterator


def normalized(text: str) -> str:
    """Lower-cased words without punctuation, for near-duplicate comparisons."""
    without_punctuation = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(without_punctuation.split())


def every_string(node: object, where: str = "catalog") -> Iterator[tuple[str, str]]:
    """Yield (location, text) for every string anywhere in a catalog, keys included."""
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from every_string(key, f"{where}.{key}")
            yield from every_string(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("key", index) if isinstance(value, dict) else index
            yield from every_string(value, f"{where}[{label}]")


def words_found(document: object, pattern: re.Pattern[str]) -> list[tuple[str, list[str]]]:
    """Where ``pattern`` matches any string of the catalog, with what it matched."""
    return [
        (where, hits) for where, text in every_string(document) if (hits := pattern.findall(text))
    ]
