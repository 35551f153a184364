"""Every tenant page: no axe-core violation, under 100 KB, usable at 320 px, 200 % and on a TV."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, new_page, transferred_bytes
from tests.browser.tour import Tour

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGE_BUDGET = 100 * 1024
# Interactive things a finger or a remote must hit; links inside sentences are exempt.
TARGETS = ".button, .tile, button, input[type=search], input[type=file], .half, a.back, a.call"


def test_axe_core_finds_no_violation_on_any_step(page, live_server, shots):
    tour = Tour(page, live_server)
    found = {}

    def check(label: str) -> None:
        shots.take(page, label)
        violations = axe_violations(page)
        if violations:
            found[label] = violations

    tour.run(check)

    assert len(tour.visited) >= 14
    assert found == {}


def test_each_page_with_its_css_scripts_and_pictures_is_under_100_kb(browser, page, live_server):
    tour = Tour(page, live_server)
    weights = {}

    def check(label: str) -> None:
        if not tour.visited or tour.visited[-1][0] != label:
            return  # the answer to a POST cannot be fetched again by its address
        # A fresh browser (empty cache) on the same session, at this moment of the journey.
        total, parts = transferred_bytes(browser, page.url, page.context.storage_state())
        assert parts[0][0] == page.url, parts  # not redirected elsewhere
        assert len(parts) >= 3, parts  # the page, its stylesheet and its script at least
        weights[label] = total

    tour.run(check)

    assert len(weights) >= 14
    assert {label: w for label, w in weights.items() if w >= PAGE_BUDGET} == {}, weights


@pytest.mark.parametrize(
    ("name", "viewport", "scale"),
    [
        ("phone-320", {"width": 320, "height": 640}, 1),
        ("zoom-200", {"width": 640, "height": 360}, 2),  # a 1280 × 720 screen at 200 %
        ("tv-1280", {"width": 1280, "height": 720}, 1),
    ],
)
def test_every_page_fits_the_screen_with_large_targets(
    browser, live_server, shots, name, viewport, scale
):
    page = new_page(browser, viewport=viewport, device_scale_factor=scale)
    problems = {}

    def check(label: str) -> None:
        shots.take(page, f"{name}-{label}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        small = page.evaluate(
            """(selector) => Array.from(document.querySelectorAll(selector))
                .filter(el => el.offsetParent !== null)
                .map(el => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
                .filter(([, box]) => box.width < 44 || box.height < 44)
                .map(([text, box]) => `${text} ${box.width | 0}x${box.height | 0}`)""",
            TARGETS,
        )
        if overflow > 0 or small:
            problems[label] = {"overflow": overflow, "small": small}

    try:
        Tour(page, live_server).run(check)
    finally:
        page.context.close()

    assert problems == {}
