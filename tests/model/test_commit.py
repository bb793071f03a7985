"""Commit hashes and commits: what counts as a hash, its canonical form, the headline."""

from __future__ import annotations

import pytest

from lineage.model.commit import Commit, is_commit_hash, normalize_commit_hash


@pytest.mark.parametrize("text", ["abcdef1", "ABCDEF1234", "0" * 40, "9f8e7d6c5b4a"])
def test_seven_to_forty_hex_digits_are_hashes(text: str) -> None:
    assert is_commit_hash(text)


@pytest.mark.parametrize("text", ["abcdef", "0" * 41, "abcdefg", "", "v1.2.3", 1234567, None])
def test_anything_else_is_not(text: object) -> None:
    assert not is_commit_hash(text)


def test_hashes_are_lower_cased() -> None:
    assert normalize_commit_hash(" ABCDEF1234 ") == "abcdef1234"


def test_a_non_hash_is_refused_with_the_rule() -> None:
    with pytest.raises(ValueError, match="7 to 40 hexadecimal digits"):
        normalize_commit_hash("main")


def test_headline_is_the_title_else_the_first_message_line() -> None:
    assert Commit("abcdef1", title="Fix it", message="Other").headline == "Fix it"
    assert Commit("abcdef1", message="Fix totals\n\nLonger text").headline == "Fix totals"
    assert Commit("abcdef1").headline is None
