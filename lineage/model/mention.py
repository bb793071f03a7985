"""Subject mentions: an event's place in the causal story of a subject it is about or names.

The rules that make mentions (and the inferred edges between them) live in
`lineage.ingest.inference`; stores keep mentions indexed by `slot` so that an event arriving later
finds the events it is to be joined with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

_SLOT_SEPARATOR = "\x1f"


def stage_slot(subject_type: str, subject_id: str, stage: int) -> str:
    """The index key of one stage of one subject's story."""
    return f"{subject_type}{_SLOT_SEPARATOR}{subject_id}{_SLOT_SEPARATOR}{stage}"


def parse_slot(slot: str) -> tuple[str, str, int]:
    """(subject type, subject id, stage) of a slot made by `stage_slot`."""
    subject_type, rest = slot.split(_SLOT_SEPARATOR, 1)
    subject_id, stage = rest.rsplit(_SLOT_SEPARATOR, 1)
    return subject_type, subject_id, int(stage)


@dataclass(frozen=True, slots=True)
class Mention:
    """Event `event_id` is at `stage` of the story of subject (`subject_type`, `subject_id`)."""

    subject_type: str
    subject_id: str
    stage: int
    event_id: str
    timestamp: datetime

    @property
    def slot(self) -> str:
        """The index key of this subject's stage: what stores look mentions up by."""
        return stage_slot(self.subject_type, self.subject_id, self.stage)
