"""The layers are a contract: import-linter fails on an import that goes the wrong way."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["checks", "cli", "model", "parsers", "reports", "review", "samples", "store", "tui"]
LINT = Path(sys.executable).parent / "lint-imports"


def _mirror(tmp: Path, copied: str | None = None) -> Path:
    """A tree that mirrors the installed namespace: links to the folders, or a copy of one."""
    tree = tmp / "tree"
    (tree / "budget_review").mkdir(parents=True)
    for package in PACKAGES:
        target = tree / "budget_review" / package
        if package == copied:
            shutil.copytree(ROOT / package, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            target.symlink_to(ROOT / package)
    return tree


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def linter() -> Path:
    if not LINT.exists():
        pytest.skip("import-linter is not installed")
    return LINT


def test_every_contract_is_kept(linter: Path, tmp_path: Path) -> None:
    result = _lint(_mirror(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("package", "module", "wrong_import", "contract"),
    [
        ("model", "money.py", "import budget_review.checks.run", "Layers"),
        ("store", "store.py", "import budget_review.parsers.reader", "never parses"),
        ("checks", "run.py", "import textual.app", "Only the app imports textual"),
    ],
)
def test_a_wrong_way_import_breaks_a_contract(
    linter: Path, tmp_path: Path, package: str, module: str, wrong_import: str, contract: str
) -> None:
    tree = _mirror(tmp_path, copied=package)
    source = tree / "budget_review" / package / module
    source.write_text(source.read_text(encoding="utf-8") + f"\n{wrong_import}\n", encoding="utf-8")
    result = _lint(tree)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if "BROKEN" in line]
    assert any(contract in line for line in broken), result.stdout
