"""Validation errors that editors read.

Modelled on icalendar's ``InvalidCalendar``: the error carries the offending
value and where it stands, so that one line tells the editor file, line,
field, value and fix::

    content/kurse/wasserstoff-2024.md:7: event.start: "13.02.206" ist kein gültiges Datum: ...
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Self


@dataclasses.dataclass(frozen=True)
class ValidationError(Exception):
    """One problem in one content file, worded in German for editors.

    Pure parsers raise it with ``message`` (and ``value``) only; the caller that
    knows the file and the line fills in the rest with :meth:`at`.
    ``message`` already quotes the value and gives an example of a correct one.
    """

    message: str
    field: str = ""
    value: str | None = None
    path: str = ""
    line: int | None = None

    def at(
        self, *, path: str | None = None, line: int | None = None, field: str | None = None
    ) -> Self:
        """Return a copy located at ``path``/``line``/``field`` (unset parts are kept)."""
        return dataclasses.replace(
            self,
            path=self.path if path is None else path,
            line=self.line if line is None else line,
            field=self.field if field is None else field,
        )

    def __str__(self) -> str:
        where = self.path or "<unbekannte Datei>"
        if self.line is not None:
            where += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"

    def as_dict(self) -> dict[str, object]:
        """The error as plain data, for ``invoke check --format json``."""
        return dataclasses.asdict(self)


# The fields stay frozen, but Python must still be able to attach a traceback,
# cause, context or notes to a raised error (e.g. inside a ``with`` block).
# dataclasses forbids defining __setattr__ in a frozen class, hence afterwards.
_EXCEPTION_ATTRIBUTES = frozenset(
    {"__traceback__", "__cause__", "__context__", "__suppress_context__", "__notes__"}
)
_frozen_setattr = ValidationError.__setattr__


def _setattr(self: object, name: str, value: object) -> None:
    if name in _EXCEPTION_ATTRIBUTES:
        object.__setattr__(self, name, value)
    else:
        _frozen_setattr(self, name, value)


ValidationError.__setattr__ = _setattr  # type: ignore[method-assign]


@dataclasses.dataclass(frozen=True)
class Notice(ValidationError):
    """Not an error: allowed, but probably a typo (an event in 2072). The build goes on."""

    def __str__(self) -> str:
        where = self.path or "<unbekannte Datei>"
        if self.line is not None:
            where += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}: Hinweis:{field} {self.message}"


class ContentInvalid(Exception):
    """Raised once, after all files were read, when any of them had errors.

    Pelican turns an exception that escapes ``generate_context`` into a failed
    build with a non-zero exit code, before anything is written.
    """

    exitcode = 1

    def __init__(self, errors: Iterable[ValidationError]):
        self.errors = tuple(sorted(errors, key=lambda e: (e.path, e.line or 0, e.field)))
        super().__init__(
            f"{len(self.errors)} Fehler in den Inhalten (siehe oben); "
            "die Website wurde nicht erzeugt und nichts veröffentlicht."
        )

    def report(self) -> str:
        """All errors, one per line, in file order."""
        return "\n".join(str(error) for error in self.errors)


def unexpected(error: BaseException) -> ValidationError:
    """The last resort: a failure nobody foresaw while one file was read, as one line naming the file.

    The caller adds the path; the build then stops as for any other content error,
    before anything is written.
    """
    return ValidationError(
        "Beim Lesen dieser Datei ist ein unerwarteter Fehler aufgetreten "
        f"({type(error).__name__}: {str(error)[:120]}). Das ist ein Fehler im Programm, nicht "
        "unbedingt in der Datei: Melden Sie ihn bitte mit dieser Datei der technischen Betreuung.",
        line=1,
    )
