"""The validation error editors read: format, location, and behaviour as an exception."""

import contextlib
import dataclasses

import pytest

from qlee.errors import ContentInvalid, ValidationError


def test_str_names_path_line_field_and_message():
    error = ValidationError('"13.02.206" ist kein gültiges Datum.', value="13.02.206")
    located = error.at(path="content/kurse/x.md", line=7, field="event.start")
    assert str(located) == 'content/kurse/x.md:7: event.start: "13.02.206" ist kein gültiges Datum.'
    assert str(error.at(path="content/a.md", line=1)) == "content/a.md:1: " + error.message


def test_fields_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        ValidationError("x").message = "y"  # type: ignore[misc]


def test_can_be_raised_through_a_context_manager_and_take_notes():
    @contextlib.contextmanager
    def nothing():
        yield

    with pytest.raises(ValidationError) as caught, nothing():
        raise ValidationError("x")
    caught.value.add_note("more")
    assert caught.value.__notes__ == ["more"]


def test_content_invalid_reports_errors_in_file_order():
    errors = [
        ValidationError("b").at(path="content/b.md", line=2),
        ValidationError("a2").at(path="content/a.md", line=9),
        ValidationError("a1").at(path="content/a.md", line=3),
    ]
    report = ContentInvalid(errors).report().splitlines()
    assert report == ["content/a.md:3: a1", "content/a.md:9: a2", "content/b.md:2: b"]
