"""The benchmark corpus converted for stock Pelican: native ``Key: value`` metadata.

Stock Pelican gets the same articles, pages and Markdown bodies with its own
metadata syntax (``Title:``, ``Date: 2024-03-04 09:30``, ``Category:``,
``Tags: a, b``, ``Slug:``, ``Summary:``, ...), its built-in ``simple`` theme,
no plugins and default settings apart from the paths, the time zone and the
pagination our site uses. The ``event:`` and ``image:`` blocks have no native
equivalent and are dropped: that is the work our features add.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

TIMEZONE = ZoneInfo("Europe/Berlin")
PAGINATION = 10  # pelicanconf.DEFAULT_PAGINATION
_WHEN = re.compile(
    r"(?:(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})|(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4}))"
    r"(?:[ T](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?P<tz>[+-]\d{2}:\d{2})?(?: Uhr)?)?"
)
# Front-matter key -> native key; values are written as plain text on one line.
_PLAIN = {"title": "Title", "category": "Category", "slug": "Slug", "summary": "Summary", "status": "Status"}


@dataclasses.dataclass(frozen=True)
class StockSite:
    content: Path
    settings: Path


def convert(content: Path, target: Path) -> StockSite:
    """Write ``content`` (our corpus) with native metadata to ``target/content``, plus settings."""
    target = Path(target)
    out = target / "content"
    for source in sorted(Path(content).rglob("*.md")):
        destination = out / source.relative_to(content)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(native(source.read_text(encoding="utf-8")), encoding="utf-8")
    settings = target / "stockconf.py"
    settings.write_text(settings_text(out), encoding="utf-8")
    return StockSite(content=out, settings=settings)


def native(text: str) -> str:
    """One file: YAML front matter replaced by Pelican's ``Key: value`` header."""
    _, yaml_text, body = text.split("---\n", 2)
    data = yaml.load(yaml_text, Loader=yaml.BaseLoader)  # every scalar a str, as our reader sees it
    header = []
    for key, value in data.items():
        if key in _PLAIN:
            header.append(f"{_PLAIN[key]}: {value}")
        elif key in ("date", "modified"):
            header.append(f"{key.capitalize()}: {pelican_date(value)}")
        elif key == "tags":
            header.append(f"Tags: {', '.join(value)}")
        elif key == "author":
            names = [value] if isinstance(value, str) else value
            header.append(f"Authors: {', '.join(names)}")
    return "\n".join(header) + "\n" + body


def pelican_date(value: str) -> str:
    """A corpus date (ISO or German, optional time, offset or ``Uhr``) as Pelican's local ``YYYY-MM-DD HH:MM``."""
    match = _WHEN.fullmatch(value)
    if match is None:
        raise ValueError(f"not a corpus date: {value!r}")
    parts = match.groupdict()
    day = dt.date(int(parts["y"] or parts["y2"]), int(parts["m"] or parts["m2"]), int(parts["d"] or parts["d2"]))
    if parts["H"] is None:
        return day.isoformat()
    moment = dt.datetime.combine(day, dt.time(int(parts["H"]), int(parts["M"]), int(parts["S"] or 0)))
    if parts["tz"]:
        moment = dt.datetime.fromisoformat(moment.isoformat() + parts["tz"]).astimezone(TIMEZONE)
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")


def settings_text(content: Path) -> str:
    """Stock settings: Pelican's defaults plus paths, theme ``simple``, time zone and pagination."""
    return (
        '"""Stock Pelican settings for the side-by-side benchmark (written by benchmarks/stock.py)."""\n'
        "import os\n\n"
        "import pelican\n\n"
        f"PATH = {str(content)!r}\n"
        'THEME = os.path.join(os.path.dirname(pelican.__file__), "themes", "simple")\n'
        f"TIMEZONE = {TIMEZONE.key!r}\n"
        f"DEFAULT_PAGINATION = {PAGINATION}\n"
        "PLUGINS = []\n"
    )
