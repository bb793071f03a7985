"""Git trailers of manifest-repo commit messages and the source commits they name."""

from __future__ import annotations

from lineage.ingest.trailers import source_commit_hashes, trailers

KEYS = ("Source-Commit-Hash", "Trace-Commit-Hash")


def test_trailers_are_the_last_paragraph() -> None:
    message = "Bump image\n\nBody with: a colon\n\nSource-Commit-Hash: abcdef1\nSigned-off-by: bot"

    assert trailers(message) == [("Source-Commit-Hash", "abcdef1"), ("Signed-off-by", "bot")]


def test_message_without_trailers() -> None:
    assert trailers("Bump image") == []
    assert trailers("Bump image\n\nJust prose here,\nnothing: else to see\nreally\nat all") == []


def test_continuation_lines_join_the_previous_trailer() -> None:
    assert trailers("Subject\n\nNote: first\n  second") == [("Note", "first second")]


def test_source_hashes_by_key_case_insensitively_lower_cased_once() -> None:
    message = (
        "Sync manifests\n\n"
        "source-commit-hash: ABCDEF1234\n"
        "Trace-Commit-Hash: abcdef1234\n"
        "Trace-Commit-Hash: 7654321 (cherry-picked)\n"
        "Source-Commit-Hash: not-a-hash\n"
        "Reviewed-by: 1234567"
    )

    assert source_commit_hashes(message, KEYS) == ("abcdef1234", "7654321")


def test_one_paragraph_message_reads_subject_then_trailers() -> None:
    assert source_commit_hashes("Bump\nSource-Commit-Hash: abcdef1", KEYS) == ("abcdef1",)
    assert source_commit_hashes("Source-Commit-Hash: abcdef1", KEYS) == ("abcdef1",)


def test_configured_keys_only() -> None:
    assert source_commit_hashes("x\n\nUpstream: abcdef1", KEYS) == ()
    assert source_commit_hashes("x\n\nUpstream: abcdef1", ("Upstream",)) == ("abcdef1",)


def test_mixed_block_counts_when_a_quarter_are_trailers_with_a_wanted_key() -> None:
    message = (
        "Bump\n\nAutomated by the image updater.\nSee the dashboard.\nSource-Commit-Hash: abcdef1"
    )

    assert source_commit_hashes(message, KEYS) == ("abcdef1",)
    assert trailers(message) == []
