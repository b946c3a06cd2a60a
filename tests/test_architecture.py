"""The layout the architecture document describes: every module listed, Pelican only in wiring/."""

import ast
from pathlib import Path

from conftest import PROJECT

PLUGIN = PROJECT / "plugins" / "qlee"
DOC = (PROJECT / "docs" / "architecture.md").read_text(encoding="utf-8")


def modules() -> list[Path]:
    return sorted(PLUGIN.rglob("*.py"))


def test_every_module_is_in_the_architecture_table():
    missing = [p.relative_to(PLUGIN).as_posix() for p in modules() if f"| `{p.relative_to(PLUGIN).as_posix()}` |" not in DOC]
    assert missing == []


def test_only_wiring_imports_pelican():
    importing = []
    for path in modules():
        if path.relative_to(PLUGIN).parts[0] == "wiring":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            if any(name == "pelican" or name.startswith("pelican.") for name in names):
                importing.append(path.relative_to(PLUGIN).as_posix())
    # cli.py reads the settings file as Pelican does, with Pelican's own function.
    assert importing == ["cli.py"]


def test_no_module_shadows_the_standard_library():
    import sys

    shadowing = [p.relative_to(PLUGIN).as_posix() for p in modules() if p.stem in sys.stdlib_module_names]
    assert shadowing == []
