"""QLEE's Pelican plugin: strict front matter, events, calendar pages and iCal feeds."""


def register() -> None:
    # Imported here so that the pure modules (e.g. ``python -m qlee.cli``)
    # load without importing Pelican's generators.
    from .wiring import register as register_with_pelican

    register_with_pelican()


__all__ = ["register"]
