"""The build time: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""

from __future__ import annotations

import datetime as dt

import pytest

from qlee.buildtime import InvalidBuildTime, build_time


def test_source_date_epoch_is_used():
    assert build_time({"SOURCE_DATE_EPOCH": "1735689600"}) == dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    assert build_time({"SOURCE_DATE_EPOCH": " 0 "}) == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize("environ", [{}, {"SOURCE_DATE_EPOCH": ""}])
def test_now_without_it(environ):
    before = dt.datetime.now(dt.UTC)
    value = build_time(environ)
    assert value.tzinfo is dt.UTC and before <= value <= dt.datetime.now(dt.UTC)


def test_reads_the_process_environment(source_date_epoch):
    source_date_epoch("1700000000")
    assert build_time() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


@pytest.mark.parametrize("value", ["abc", "-5", "1.5", "1e9", "١٢٣", "99999999999999999999"])
def test_invalid_value_is_an_error_not_now(value):
    with pytest.raises(InvalidBuildTime, match="SOURCE_DATE_EPOCH") as failure:
        build_time({"SOURCE_DATE_EPOCH": value})
    assert "1735689600" in str(failure.value)  # shows a correct example
