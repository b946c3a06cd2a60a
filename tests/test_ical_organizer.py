"""ORGANIZER in the iCal entries: written only when the organizer's address is configured."""

from __future__ import annotations

import icalendar
import pytest
from test_events import PLACE, SETTINGS, valid
from test_ical import make_item

from qlee.output import ical
from qlee.settings import merge

ADDRESS = "kontakt@qlee.example"
WITH_ADDRESS = SETTINGS | {"QLEE_ORGANIZER_EMAIL": ADDRESS}


def organizer_of(item: ical.FeedItem):
    calendar = icalendar.Calendar.from_ical(ical.to_bytes(ical.single(item, url_base="")))
    (event,) = calendar.walk("VEVENT")
    return event.get("ORGANIZER")


def test_organizer_with_name_and_address_when_configured():
    event = valid(f"start: 04.03.2024 09:00\n{PLACE}", settings=WITH_ADDRESS)
    assert event.organizer_email == ADDRESS
    written = organizer_of(make_item(organizer=event.organizer, organizer_email=event.organizer_email))
    assert str(written) == f"mailto:{ADDRESS}"
    assert written.params["CN"] == "QLEE"


def test_no_organizer_without_an_address():
    event = valid(f"start: 04.03.2024 09:00\n{PLACE}")
    assert event.organizer_email is None
    assert organizer_of(make_item()) is None


def test_another_organizer_does_not_get_the_site_s_address():
    event = valid(f"start: 04.03.2024 09:00\n{PLACE}\norganizer: Beispielverein e. V.", settings=WITH_ADDRESS)
    assert event.organizer == "Beispielverein e. V." and event.organizer_email is None


def test_a_name_with_comma_and_quotes_stays_one_parameter():
    written = organizer_of(make_item(organizer='QLEE, "Lausitz"; Verbund', organizer_email=ADDRESS))
    assert written.params["CN"] == 'QLEE, "Lausitz"; Verbund' and str(written) == f"mailto:{ADDRESS}"


@pytest.mark.parametrize("address", ["kontakt", "a@b", "x@y.de;ROLE=CHAIR", "x y@z.de", "a@b.de:c"])
def test_the_setting_must_be_one_address(address):
    with pytest.raises(ValueError, match="QLEE_ORGANIZER_EMAIL"):
        merge({"SITEURL": "", "QLEE_ORGANIZER_EMAIL": address})


def test_the_setting_is_unset_by_default():
    assert merge({"SITEURL": ""})["QLEE_ORGANIZER_EMAIL"] is None
