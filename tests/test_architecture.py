"""The house: layers that import one way, modules that each keep a surface and a size."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "negotrack"
#: Bottom to top, as in pyproject.toml's layers contract and docs/architecture.md.
LAYERS = ("model", "files", "diff", "report", "interop", "cli")
MAX_LINES = 400


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    script = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert script is not None, "import-linter is part of the test extra"
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(  # noqa: S603 - a fixed command on the project's own tree
        [script, "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _copy_of_the_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PACKAGE, root / "negotrack", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_layer_contracts_are_kept() -> None:
    """lint-imports finds every contract in pyproject.toml kept on the tree as it is."""
    result = _lint_imports(ROOT)
    assert 0 == result.returncode, result.stdout + result.stderr
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("model/_issues.py", "negotrack.files._yaml"),
        ("files/_loading.py", "negotrack.diff._changes"),
        ("diff/_changes.py", "negotrack.report._labels"),
        ("report/_labels.py", "negotrack.interop._export"),
        ("interop/_export.py", "negotrack.cli._exit"),
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path: Path, module: str, upward: str) -> None:
    """Adding an import from a lower layer to a higher one makes lint-imports fail, naming it."""
    root = _copy_of_the_project(tmp_path)
    target = root / "negotrack" / module
    target.write_text(target.read_text() + f"\nimport {upward}  # an upward import\n")
    result = _lint_imports(root)
    importer = "negotrack." + module.removesuffix(".py").replace("/", ".")
    assert 1 == result.returncode, result.stdout + result.stderr
    assert f"{importer} -> {upward}" in result.stdout


def test_yaml_in_the_diff_breaks_the_contract(tmp_path: Path) -> None:
    """The diff importing PyYAML, even through a module of its own, makes lint-imports fail."""
    root = _copy_of_the_project(tmp_path)
    target = root / "negotrack" / "diff" / "_matching.py"
    target.write_text(target.read_text() + "\nimport yaml  # the diff never reads YAML\n")
    result = _lint_imports(root)
    assert 1 == result.returncode, result.stdout + result.stderr
    assert "negotrack.diff is not allowed to import yaml" in result.stdout


def test_no_two_modules_import_each_other() -> None:
    """The import graph has no cycle between two modules, lazy imports included."""
    graph = grimp.build_graph("negotrack")
    pairs = sorted(
        (a, b)
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if a < b and a in graph.find_modules_directly_imported_by(b)
    )
    assert [] == pairs


def test_every_module_lives_in_a_layer() -> None:
    """Besides the package's face and ``python -m``, every module is in one layer's folder."""
    outside = [
        p.relative_to(PACKAGE).as_posix()
        for p in _modules()
        if p.parent == PACKAGE and p.name not in ("__init__.py", "__main__.py")
    ]
    assert [] == outside
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert set(LAYERS) == folders


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_module_pins_its_surface(path: Path) -> None:
    """Each module names its public surface in a literal ``__all__`` (ruff's RUF022 sorts it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    values = [
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and any(
            isinstance(t, ast.Name) and t.id == "__all__"
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        )
    ]
    assert 1 == len(values), f"{path} has no __all__"
    names = ast.literal_eval(values[0]) if values[0] is not None else None
    assert isinstance(names, list)
    assert all(isinstance(name, str) for name in names)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_modules_stay_small(path: Path) -> None:
    """No module grows past 400 lines: past that, or at a second concept, it is split."""
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path} has {lines} lines"


@pytest.mark.parametrize("layer", [layer for layer in LAYERS if layer != "cli"])
def test_a_layer_serves_what_the_package_exports(layer: str) -> None:
    """Each public name of a layer's package is the very object ``negotrack`` exports."""
    import importlib  # noqa: PLC0415 - the layer is imported by the test, not at collection

    import negotrack  # noqa: PLC0415

    package = importlib.import_module(f"negotrack.{layer}")
    assert package.__all__, f"negotrack.{layer} exports nothing"
    for name in package.__all__:
        assert getattr(negotrack, name) is getattr(package, name)
    exported_here = {n for n in negotrack.__all__ if getattr(negotrack, n) is not None}
    assert set(package.__all__) <= exported_here


def test_the_map_names_every_module_in_its_layer() -> None:
    """docs/architecture.md's table lists each private module in the row of its layer."""
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    assert set(LAYERS) == set(rows)
    missing = [
        f"{p.parent.name}/{p.stem}"
        for p in _modules()
        if p.parent != PACKAGE and p.stem.startswith("_") and p.stem != "__init__"
        if f"`{p.stem}`" not in rows[p.parent.name]
    ]
    assert [] == missing
