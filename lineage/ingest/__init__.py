"""Ingest: raw records in, normalized model out, identity and conflict rules applied."""

from lineage.ingest.errors import RecordError
from lineage.ingest.ingestor import Ingestor
from lineage.ingest.outcome import IngestReport, RecordOutcome, Status
from lineage.ingest.records import parse_record, record_kind
from lineage.ingest.sources import SourceRecord, read_records

__all__ = [
    "IngestReport",
    "Ingestor",
    "RecordError",
    "RecordOutcome",
    "SourceRecord",
    "Status",
    "parse_record",
    "read_records",
    "record_kind",
]
