"""Settings from the environment: defaults, overrides, and their normalization."""

from __future__ import annotations

import pytest

from lineage.config import DEFAULT_COMMIT_KEYS, DEFAULT_TRAILER_KEYS, TraceSettings


def test_defaults_are_the_issue_key_lists() -> None:
    settings = TraceSettings.from_environment({})

    assert settings.commit_keys == ("commitHash", "commit_hash", "commit", "sha", "revision")
    assert settings.commit_keys == DEFAULT_COMMIT_KEYS
    assert settings.trailer_keys == DEFAULT_TRAILER_KEYS == (
        "Source-Commit-Hash", "Trace-Commit-Hash",
    )  # fmt: skip
    assert settings.search_nested is True


def test_environment_overrides_each_list() -> None:
    settings = TraceSettings.from_environment(
        {
            "LINEAGE_COMMIT_KEYS": " gitSha , sha,,gitSha",
            "LINEAGE_TRAILER_KEYS": "Upstream-Commit",
            "LINEAGE_COMMIT_SEARCH_NESTED": "off",
        }
    )

    assert settings.commit_keys == ("gitSha", "sha")
    assert settings.trailer_keys == ("Upstream-Commit",)
    assert settings.search_nested is False


def test_blank_values_fall_back_to_defaults() -> None:
    settings = TraceSettings.from_environment({"LINEAGE_COMMIT_KEYS": " , "})

    assert settings.commit_keys == DEFAULT_COMMIT_KEYS


def test_http_settings_from_the_environment() -> None:
    from datetime import timedelta

    from lineage.config import HttpSettings, SettingsError

    default = HttpSettings.from_environment({})
    custom = HttpSettings.from_environment(
        {
            "LINEAGE_MAX_BODY_BYTES": "1_048_576",
            "LINEAGE_MAX_INFLIGHT_WRITES": "4",
            "LINEAGE_WRITE_LOCK_WAIT": "500ms",
            "LINEAGE_KEEP_ALIVE": "2m",
        }
    )

    assert (default.max_body_bytes, default.max_inflight_writes) == (10 * 1024 * 1024, 32)
    assert default.write_lock_wait == timedelta(seconds=5)
    assert (custom.max_body_bytes, custom.max_inflight_writes) == (1_048_576, 4)
    assert custom.write_lock_wait == timedelta(milliseconds=500)
    assert (default.keep_alive, custom.keep_alive) == (timedelta(seconds=75), timedelta(minutes=2))
    with pytest.raises(SettingsError, match="LINEAGE_MAX_BODY_BYTES"):
        HttpSettings.from_environment({"LINEAGE_MAX_BODY_BYTES": "ten"})
    with pytest.raises(SettingsError, match="LINEAGE_MAX_INFLIGHT_WRITES"):
        HttpSettings.from_environment({"LINEAGE_MAX_INFLIGHT_WRITES": "0"})
    with pytest.raises(SettingsError, match="LINEAGE_KEEP_ALIVE"):
        HttpSettings.from_environment({"LINEAGE_KEEP_ALIVE": "0s"})
