"""axe-core finds no WCAG 2.1 A/AA violation on any page type, in light and in dark mode."""

from __future__ import annotations

import pytest

from browsing import AXE, PAGE_TYPES, violations_report

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
})"""


def run_axe(page) -> dict:
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (python3 run.py test does)"
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def test_axe_finds_a_violation_on_a_broken_page(page):
    """Guards the test below: axe, injected as the suite does it, reports real problems."""
    page.set_content('<html><body><img src="data:,"><a href="#"></a></body></html>')
    rules = {violation["id"] for violation in run_axe(page)["violations"]}
    assert {"html-has-lang", "image-alt", "link-name"} <= rules, rules


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_wcag_violations(page, site_url, name, scheme):
    page.emulate_media(color_scheme=scheme)
    response = page.goto(site_url + PAGE_TYPES[name])
    assert response is not None and response.status in (200, 404)
    if name != "404":
        assert response.status == 200, f"{PAGE_TYPES[name]} is missing ({response.status})"
    result = run_axe(page)
    violations = result["violations"]
    assert not violations, (
        f"axe {result['testEngine']['version']}: {len(violations)} violations on "
        f"{PAGE_TYPES[name]} ({scheme}):\n{violations_report(violations)}"
    )
