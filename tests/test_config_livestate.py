"""Live-state settings: defaults, environment overrides, clear errors."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lineage.config import LiveStateSettings, SettingsError, parse_duration


def test_defaults() -> None:
    settings = LiveStateSettings.from_environment({})

    assert settings.stale_after == timedelta(minutes=3)
    assert settings.retention == timedelta(days=7)


def test_environment_overrides() -> None:
    settings = LiveStateSettings.from_environment(
        {"LINEAGE_LIVESTATE_STALE_AFTER": "90", "LINEAGE_LIVESTATE_RETENTION": "12h"}
    )

    assert settings.stale_after == timedelta(seconds=90)
    assert settings.retention == timedelta(hours=12)


@pytest.mark.parametrize(
    ("text", "value"),
    [("500ms", timedelta(milliseconds=500)), ("3m", timedelta(minutes=3)),
     ("2w", timedelta(weeks=2)), (" 1.5 h ", timedelta(minutes=90))],
)  # fmt: skip
def test_durations(text: str, value: timedelta) -> None:
    assert parse_duration(text) == value


@pytest.mark.parametrize("text", ["soon", "-3m", "0"])
def test_bad_values_name_the_variable(text: str) -> None:
    with pytest.raises(SettingsError, match="LINEAGE_LIVESTATE_STALE_AFTER"):
        LiveStateSettings.from_environment({"LINEAGE_LIVESTATE_STALE_AFTER": text})
