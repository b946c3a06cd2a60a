"""What ``invoke new`` writes for the editor to replace, found where it was left in.

A new file (tools/scaffold.py) has a sample body, provisional dates and, in
comments, optional fields with sample values. Each sample date carries a
mark in its comment (:data:`SAMPLE_MARK`; the provisional start the
placeholder mark that publishing looks for), so a line that is active and
still carries its mark was never filled in (the sample addresses on
example.org among them). Pure: no Pelican import.
"""

from __future__ import annotations

import re

from ..errors import ValidationError

# Written by tools/scaffold.py; found here. One source for both.
SAMPLE_MARK = "[MUSTER]"
PLACEHOLDER_MARK = "[PLATZHALTER"
BODY_NEWS = "Hier steht der Text der Nachricht. Der erste Absatz erscheint in Übersichten."
BODY_EVENT = "Hier steht der Text: worum es geht, für wen, was man mitbringen sollte."

# A YAML comment: " #" after the value (a "#" inside quotes is rare in front matter, and
# then it is followed by the mark only by design).
_COMMENT = re.compile(r"(?:^|\s)#(.*)$")


def scan(text: str) -> list[ValidationError]:
    """Sample values of ``invoke new`` left in the file ``text``, one error per line."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return []  # frontmatter.split reports that
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), len(lines))
    errors = []
    for index in range(1, closing):
        line = lines[index]
        if line.lstrip().startswith("#") or not line.strip():
            continue
        comment = _COMMENT.search(line)
        note = comment[1] if comment else ""
        value = line[: comment.start()] if comment else line
        if SAMPLE_MARK in note or PLACEHOLDER_MARK in note:
            key = value.strip().lstrip("- ").partition(":")[0]
            errors.append(ValidationError(
                f"„{value.strip()}“ ist noch der vorläufige Wert, den „invoke new“ eingetragen hat. "
                "Tragen Sie den richtigen Wert ein und löschen Sie danach die Anmerkung ab „#“ "
                "am Ende der Zeile.",
                field=key, value=value.strip(),
            ).at(line=index + 1))
    body = "\n".join(lines[closing + 1 :])
    for sample in (BODY_NEWS, BODY_EVENT):
        if sample in body:
            offset = body[: body.index(sample)].count("\n")
            errors.append(ValidationError(
                f"Der Text ist noch der Mustertext von „invoke new“ („{sample}“). Schreiben Sie "
                "hier den eigenen Text des Beitrags.",
                field="text", value=sample,
            ).at(line=closing + 2 + offset))
    return errors

