"""The editors' live check: remark with remark-lint-frontmatter-schema, as VS Code runs it.

Run from the command line over content/ with the repository's .remarkrc.mjs:
no finding on the real content, a finding that names the field on a broken
file. Node and the npm packages are required (no silent skip).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import PROJECT

REMARK = PROJECT / "node_modules" / ".bin" / "remark"


def remark(root, *paths: str) -> subprocess.CompletedProcess:
    if shutil.which("node") is None:
        pytest.fail("node is missing: install Node.js (README).")
    if not REMARK.exists():
        pytest.fail("node_modules/.bin/remark is missing: run `npm ci --ignore-scripts` in the project folder.")
    # --frail: a warning (every finding of the schema rule) makes the exit code 1.
    return subprocess.run(
        [str(REMARK), "--frail", "--quiet", "--no-stdout", "--no-color", *paths],
        cwd=root, capture_output=True, text=True, timeout=120,
    )


def test_the_real_content_has_no_finding():
    said = remark(PROJECT, "content/")
    assert said.returncode == 0, said.stderr
    assert "warning" not in said.stderr


@pytest.fixture
def project_copy(tmp_path):
    """The configuration and schemas of the project, with content of the test's own."""
    shutil.copy2(PROJECT / ".remarkrc.mjs", tmp_path / ".remarkrc.mjs")
    shutil.copytree(PROJECT / "schemas", tmp_path / "schemas")
    (tmp_path / "node_modules").symlink_to(PROJECT / "node_modules")
    for folder in ("nachrichten", "kurse", "pages"):
        (tmp_path / "content" / folder).mkdir(parents=True)
    return tmp_path


def test_a_broken_file_gets_a_finding_at_its_field(project_copy):
    (project_copy / "content" / "kurse" / "kurs.md").write_text(
        "---\ntitle: Kurs\ndate: 03/04/2024\ncategory: Kurse\nevent:\n  start: 04.03.2024\n"
        "  status: abgesagt\n  online: https://example.org\n---\nText.\n",
        encoding="utf-8",
    )
    said = remark(project_copy, "content/")
    assert said.returncode == 1
    findings = [line for line in said.stderr.splitlines() if "warning" in line]
    # line:column of the value, and the field's path in the schema
    assert any(line.lstrip().startswith("3:7") and "#/properties/date/pattern" in line for line in findings), said.stderr
    assert any(line.lstrip().startswith("7:") and "properties/status/enum" in line for line in findings), said.stderr


def test_a_page_is_checked_with_the_page_schema(project_copy):
    (project_copy / "content" / "pages" / "impressum.md").write_text(
        "---\ntitle: Impressum\ncategory: Kurse\n---\nText.\n", encoding="utf-8"
    )
    said = remark(project_copy, "content/")
    assert said.returncode == 1 and "page.schema.json" in said.stderr, said.stderr


def test_the_globs_are_the_folders_the_build_reads():
    from qlee import cli

    settings = cli.load_settings(PROJECT / "pelicanconf.py")
    config = (PROJECT / ".remarkrc.mjs").read_text(encoding="utf-8")
    globs = dict(re.findall(r'"(schemas/\w+\.schema\.json)": \[([^\]]*)\]', config))
    assert json.loads(f"[{globs['schemas/article.schema.json']}]") == [
        f"content/{folder}/**/*.md" for folder in settings["ARTICLE_PATHS"]
    ]
    assert json.loads(f"[{globs['schemas/page.schema.json']}]") == [
        f"content/{folder}/**/*.md" for folder in settings["PAGE_PATHS"]
    ]


def test_vs_code_recommends_the_remark_extension():
    recommended = json.loads((PROJECT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "unifiedjs.vscode-remark" in recommended["recommendations"]
    pinned = json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert {"remark-cli", "remark-frontmatter", "remark-lint-frontmatter-schema"} <= set(pinned)
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in pinned.values())
