"""Explore's JSON API: the same services and access rules as the pages."""

from ninja import Router

router = Router(tags=["explore"])
