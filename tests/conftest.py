"""Shared fixtures: every behavioural test runs against every backend through `store_factory`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lineage.store import Store
from lineage.store.embedded import EmbeddedStore

SPEC_DIR = Path(__file__).resolve().parents[2] / "shared" / "cdevents-spec"
BACKENDS = ["embedded"]

StoreFactory = Callable[[], Store]


@pytest.fixture(params=BACKENDS)
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Makes empty stores of one backend (each call a fresh, empty one); closes them afterwards."""
    opened: list[Store] = []

    def make() -> Store:
        backend: Store = EmbeddedStore(tmp_path / f"lineage-{len(opened)}.db")
        opened.append(backend)
        return backend

    yield make
    for backend in opened:
        backend.close()


@pytest.fixture
def store(store_factory: StoreFactory) -> Store:
    """An empty store of each backend."""
    return store_factory()


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    """The CDEvents v0.5.1 schemas and conformance examples next to the checkout."""
    if not SPEC_DIR.is_dir():
        pytest.fail(f"CDEvents spec files not found at {SPEC_DIR} (expected ../shared beside the repo)")
    return SPEC_DIR
