"""Validation of the fields every item has (title, date, category, ...).

PROVISIONAL: a minimal version so that the site builds; to be replaced by the
strict implementation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from .errors import ValidationError
from .frontmatter import FrontMatter


def item_metadata(matter: FrontMatter, *, source: str, is_page: bool, settings: Mapping):
    data = dict(matter.data)
    out: dict = {}
    errors: list[ValidationError] = []
    tz = ZoneInfo(settings["TIMEZONE"])
    for key, value in data.items():
        if key in ("date", "modified"):
            day, month, year = value.split(" ")[0].split(".")
            out[key] = dt.datetime(int(year), int(month), int(day), tzinfo=tz)
        elif key == "tags":
            out["tags"] = list(value)
        elif key == "author":
            out["authors"] = [value] if isinstance(value, str) else list(value)
        else:
            out[key] = value
    return out, errors
