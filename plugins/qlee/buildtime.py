"""The time of the build, which decides "upcoming" versus "past".

Follows the reproducible-builds convention: ``SOURCE_DATE_EPOCH`` (seconds
since 1970-01-01 UTC) when set, so that two builds of the same content are
byte-identical; the current time otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

ENV_VAR = "SOURCE_DATE_EPOCH"


class InvalidBuildTime(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a usable number of seconds."""


def build_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """Return the build time as an aware UTC datetime.

    An empty ``SOURCE_DATE_EPOCH`` counts as unset (the specification says so);
    anything other than a non-negative integer is an error rather than a silent
    fall-back to "now", which would make the build irreproducible unnoticed.
    """
    environ = os.environ if environ is None else environ
    raw = environ.get(ENV_VAR, "").strip()
    if not raw:
        return dt.datetime.now(dt.UTC)
    if not raw.isascii() or not raw.isdigit():
        raise InvalidBuildTime(
            f'{ENV_VAR}="{raw}" ist keine gültige Zeitangabe: erwartet wird die Zahl der '
            f"Sekunden seit dem 1.1.1970 (UTC), z. B. {ENV_VAR}=1735689600 "
            "oder $(git log -1 --format=%ct)."
        )
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise InvalidBuildTime(
            f'{ENV_VAR}="{raw}" liegt außerhalb des darstellbaren Zeitraums; '
            f"erwartet wird z. B. {ENV_VAR}=1735689600."
        ) from None


def build_date_if_known() -> dt.date | None:
    """The build date, which lets date messages name a likely year; None if unusable.

    Validation must not fail on a bad SOURCE_DATE_EPOCH: the build reports that itself.
    """
    moment = build_time_if_known()
    return moment.date() if moment is not None else None


def build_time_if_known() -> dt.datetime | None:
    """The build time (aware, UTC), for messages that suggest a value; None if unusable."""
    try:
        return build_time()
    except InvalidBuildTime:
        return None
