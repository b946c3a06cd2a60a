"""QLEE's Pelican plugin: strict front matter, events, calendar pages and iCal feeds."""

from .wiring import register

__all__ = ["register"]
