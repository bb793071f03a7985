"""Every notebook in notebooks/ runs top to bottom in a real Jupyter kernel (ipykernel, driven by
nbclient) on a scenario store built by the demo generator, and shows what it is for: no error
output, and its plots rendered as PNG images."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from nbclient import NotebookClient

from lineage.cli.demo import build_demo_store

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
#: The kernel the notebooks run in: this interpreter's ipykernel, whatever `python3` kernel
#: the machine may have registered elsewhere.
KERNEL = "lineage-notebook-test"


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A kernelspec of this interpreter, found through `$JUPYTER_PATH`."""
    root = tmp_path_factory.mktemp("jupyter")
    write_kernel_spec(root / "kernels" / KERNEL, overrides={"display_name": KERNEL})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(root))
        yield KERNEL


@pytest.fixture(scope="module")
def scenario_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo-generator store with chains enough for every plot."""
    path = tmp_path_factory.mktemp("notebooks") / "scenario.db"
    build_demo_store(path, chains=60, seed=11)
    return path


def test_there_are_the_notebooks_the_issue_asks_for() -> None:
    names = {path.stem for path in NOTEBOOKS}
    assert {"dora_dashboard", "chain_anatomy", "bottlenecks_and_flaky_tests"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_a_parameters_cell(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    assert "STORE = None" in tagged[0].source and "SINCE = None" in tagged[0].source
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_kernel(
    path: Path, scenario_store: Path, kernel: str, tmp_path: Path
) -> None:
    notebook = with_parameters(nbformat.read(path, as_version=4), STORE=str(scenario_store))
    client = NotebookClient(
        notebook, timeout=600, kernel_name=kernel,
        resources={"metadata": {"path": str(tmp_path)}},
    )  # fmt: skip

    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error

    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    outputs = [output for cell in code for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o.data["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    assert images, f"{path.name} drew no plot"
    assert all(base64.b64decode(image).startswith(PNG_MAGIC) for image in images)


def with_parameters(notebook: nbformat.NotebookNode, **values: str) -> nbformat.NotebookNode:
    """The notebook with a cell setting `values` right after its parameters cell (as papermill
    injects parameters)."""
    index = next(
        i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", [])
    )
    source = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    notebook.cells.insert(index + 1, injected)
    return notebook
