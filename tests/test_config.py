"""Settings from the environment: defaults, overrides, and their normalization."""

from __future__ import annotations

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
