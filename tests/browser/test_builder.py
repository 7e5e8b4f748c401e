"""The plan builder in the browser: the exercise picker stays inside the viewport on a phone and on a laptop,
and a day's sets are edited in compact rows that save when a field is left."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.tests.factories import ClientFactory, CoachingLinkFactory, TrainerFactory
from tests.browser.test_clients_page import log_in
from workouts.data.exercises import load_catalogue
from workouts.models import Exercise, PlanDay, PlanSet
from workouts.tests.factories import PlanDayFactory, PlanExerciseFactory, PlanFactory, PlanSetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}


@pytest.fixture
def plan():
    # Transactional tests empty every table afterwards, the migration's catalogue included: load it again.
    load_catalogue(Exercise)
    trainer = TrainerFactory(email="tara@example.com", display_name="Tara Trainer")
    client = ClientFactory(display_name="Cody Client")
    CoachingLinkFactory(trainer=trainer, client=client)
    plan = PlanFactory(author=trainer, client=client, name="Strength")
    day = PlanDayFactory(plan=plan, name="Lower", position=0)
    squat = Exercise.objects.get(name="Squat (Barbell)", owner=None)
    item = PlanExerciseFactory(day=day, exercise=squat, position=0)
    for position in range(3):
        PlanSetFactory(plan_exercise=item, position=position, reps_min=5, reps_max=5)
    return plan


def open_builder(page: Page, plan) -> None:
    log_in(page, "tara@example.com")
    page.goto(reverse("workouts:plan_builder", args=[plan.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Strength")


def search_picker(page: Page) -> None:
    page.get_by_label("Add an exercise to Lower", exact=True).fill("press")
    expect(page.locator("#plan-days .picker-option").first).to_be_visible()


def assert_inside_viewport(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    options = page.locator("#plan-days .picker-option")
    assert options.count() > 3
    for index in range(options.count()):
        box = options.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "phone"), (LAPTOP, "laptop")], ids=["phone", "laptop"])
def test_picker_results_stay_inside_the_viewport(plan, new_page, screenshot, viewport, name):
    page = new_page(viewport=viewport, is_mobile=viewport is PHONE)
    open_builder(page, plan)
    search_picker(page)
    screenshot(page, f"builder-picker-{name}")
    assert_inside_viewport(page, viewport["width"])
    # The picker is the logger's: each result shows the exercise's muscle and equipment under its name.
    expect(page.locator("#plan-days .exercise-picker .picker-meta").first).to_be_visible()
    assert re.search(r"·", page.locator("#plan-days .picker-meta").first.inner_text())


def input_lines(row) -> int:
    """How many lines the visible inputs of a set row take (their distinct tops)."""
    tops = row.locator("input:not([type=hidden]), select").evaluate_all(
        "els => els.map(el => Math.round(el.getBoundingClientRect().top))"
    )
    return len(set(tops))


@pytest.mark.parametrize(("viewport", "lines"), [(PHONE, 2), (LAPTOP, 1)], ids=["phone", "laptop"])
def test_compact_set_rows_save_on_change_and_add_set_copies(plan, new_page, screenshot, viewport, lines):
    page = new_page(viewport=viewport, is_mobile=viewport is PHONE)
    open_builder(page, plan)
    page.evaluate("window.__noReload = 1")
    day = page.get_by_role("article", name="Lower")
    squat = day.get_by_role("region", name=re.compile(r"^Squat \(Barbell\)"))
    rows = squat.get_by_role("listitem")
    expect(rows).to_have_count(3)
    for index in range(3):
        assert input_lines(rows.nth(index)) == lines
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # No per-row Save button: leaving a changed field saves the row and says so.
    expect(squat.get_by_role("button", name="Save", exact=True)).to_have_count(0)
    third = squat.get_by_role("listitem", name="Set 3")
    third.get_by_label("Weight (kg)").fill("72.5")
    third.get_by_label("RPE").fill("8")
    third.get_by_label("RPE").blur()
    expect(third.get_by_role("status")).to_have_text("Saved")
    last = PlanSet.objects.get(plan_exercise__day__plan=plan, position=2)
    assert (last.target_weight_kg, last.target_rpe) == (Decimal("72.5"), Decimal("8"))
    # A bad value: the row shows its error and that it is not saved.
    third.get_by_label("Reps from").fill("9")
    third.get_by_label("Reps from").blur()
    expect(third.get_by_role("status")).to_have_text("Not saved")
    expect(third).to_contain_text("at least the fewest reps")
    third.get_by_label("Reps from").fill("5")
    third.get_by_label("Reps from").blur()
    expect(third.get_by_role("status")).to_have_text("Saved")
    # A value the browser refuses before sending (below the minimum): the row says it is not saved, and why.
    third.get_by_label("Reps from").fill("-5")
    third.get_by_label("Reps from").blur()
    expect(third.get_by_role("status")).to_contain_text("Not saved:")
    assert PlanSet.objects.get(plan_exercise__day__plan=plan, position=2).reps_min == 5
    third.get_by_label("Reps from").fill("5")
    third.get_by_label("Reps from").blur()
    expect(third.get_by_role("status")).to_have_text("Saved")
    # "Add set" copies the previous set.
    squat.get_by_role("button", name="+ Add set").click()
    expect(rows).to_have_count(4)
    fourth = squat.get_by_role("listitem", name="Set 4")
    expect(fourth.get_by_label("Weight (kg)")).to_have_value("72.5")
    expect(fourth.get_by_label("RPE")).to_have_value(re.compile(r"^8(\.0)?$"))
    assert input_lines(fourth) == lines
    # Renaming the day saves on change, without a button.
    expect(day.get_by_role("button", name="Save day")).to_have_count(0)
    day.get_by_label("Day name").fill("Legs")
    day.get_by_label("Day name").blur()
    expect(page.get_by_role("article", name="Legs")).to_be_visible()
    assert PlanDay.objects.get(plan=plan).name == "Legs"
    assert page.evaluate("window.__noReload") == 1
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, f"builder-rows-{'phone' if viewport is PHONE else 'laptop'}")


# A select's scrollWidth does not grow when its text is cut: measure the shown text against its content box.
SHOWS_WHOLE_TEXT = """el => {
  const style = getComputedStyle(el);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const text = el.tagName === "SELECT" ? el.selectedOptions[0].text : el.value;
  const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return el.scrollWidth <= el.clientWidth && context.measureText(text).width <= room;
}"""
LABEL_SHOWN_WHOLE = """el => {
  const label = el.labels[0];
  const box = label.getBoundingClientRect();
  return box.width > 1 && box.height > 1 && label.scrollWidth <= label.clientWidth;
}"""


def test_set_rows_read_clearly_on_a_phone(plan, new_page, screenshot):
    """On a phone every set row shows the type whole and every field with its whole label; every input of every
    row has an accessible name."""
    page = new_page()
    open_builder(page, plan)
    squat = page.get_by_role("region", name=re.compile(r"^Squat \(Barbell\)"))
    second = squat.get_by_role("listitem", name="Set 2")
    kind = second.get_by_label("Type")
    expect(kind).to_have_value("normal")
    assert kind.evaluate(SHOWS_WHOLE_TEXT), "the type of the second set is cut"
    for label in ("Warm-up", "Drop set", "Failure"):
        kind.select_option(label=label)
        expect(second.get_by_role("status")).to_have_text("Saved")
        assert kind.evaluate(SHOWS_WHOLE_TEXT), f"“{label}” is cut"
    fields = second.locator("input:not([type=hidden]), select")
    names = ["Type", "Reps from", "Reps to", "Weight (kg)", "RPE", "+ kg / week", "+ reps / week"]
    expect(fields).to_have_count(len(names))
    for index, name in enumerate(names):
        expect(fields.nth(index)).to_have_accessible_name(name)
    inputs = page.locator("#plan-days .set-row").locator("input:not([type=hidden]), select")
    assert inputs.count() == 3 * len(names)
    for index in range(inputs.count()):
        expect(inputs.nth(index)).to_have_accessible_name(re.compile(r"\w"))
        assert inputs.nth(index).evaluate(LABEL_SHOWN_WHOLE), inputs.nth(index).get_attribute("id")
    for index in range(3):
        assert input_lines(squat.get_by_role("listitem").nth(index)) == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "builder-set-rows-phone")


def test_a_day_of_six_exercises_of_three_sets_fits_in_two_laptop_screens(plan, new_page, screenshot):
    day = plan.days.get()
    for position, exercise in enumerate(Exercise.objects.filter(owner=None).exclude(name="Squat (Barbell)")[:5], 1):
        item = PlanExerciseFactory(day=day, exercise=exercise, position=position)
        for set_position in range(3):
            PlanSetFactory(plan_exercise=item, position=set_position)
    page = new_page(viewport=LAPTOP, is_mobile=False)
    open_builder(page, plan)
    lower = page.get_by_role("article", name="Lower")
    expect(lower.get_by_role("region")).to_have_count(6)
    screenshot(page, "builder-six-exercises-laptop")
    height = lower.bounding_box()["height"]
    assert height <= 2 * LAPTOP["height"], height


def test_duplicate_a_day_copy_the_week_and_superset_by_grouping_on_a_phone(plan, new_page, screenshot):
    day = plan.days.get()
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner=None)
    item = PlanExerciseFactory(day=day, exercise=bench, position=1)
    PlanSetFactory(plan_exercise=item, position=0)
    page = new_page()
    open_builder(page, plan)
    page.evaluate("window.__noReload = 1")
    lower = page.get_by_role("article", name="Lower", exact=True)
    bench_region = lower.get_by_role("region", name=re.compile(r"^Bench Press \(Barbell\)"))
    bench_region.get_by_role("button", name="Superset Bench Press (Barbell) with the exercise before it").click()
    expect(lower.get_by_role("region", name=re.compile(r"^A1 Squat"))).to_be_visible()
    expect(lower.get_by_role("region", name=re.compile(r"^A2 Bench Press"))).to_be_visible()
    expect(lower.get_by_role("button", name=re.compile("^Superset"))).to_have_count(0)

    lower.get_by_role("button", name="Duplicate Lower").click()
    copy = page.get_by_role("article", name="Lower (copy)")
    expect(copy).to_be_visible()
    expect(copy.get_by_role("region")).to_have_count(2)
    expect(copy.get_by_role("region", name=re.compile(r"^A1 Squat")).get_by_role("listitem")).to_have_count(3)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Copy the week: both days again, after them, in their order, supersets and sets included.
    expect(page.get_by_text(re.compile(r"^Adds a copy of the plan.s 2 days at the end\.$"))).to_be_visible()
    page.get_by_role("button", name="Copy week").click()
    days = page.locator("#plan-days > article.plan-day")
    expect(days).to_have_count(4)
    names = [days.nth(index).get_attribute("aria-label") for index in range(4)]
    assert names == ["Lower", "Lower (copy)", "Lower (copy)", "Lower (copy) (copy)"]
    expect(page.get_by_text("The week is copied: 2 days added.")).to_be_visible()
    last = page.get_by_role("article", name="Lower (copy) (copy)")
    expect(last.get_by_role("region", name=re.compile(r"^A2 Bench Press"))).to_be_visible()
    expect(last.get_by_role("region", name=re.compile(r"^A1 Squat")).get_by_role("listitem")).to_have_count(3)
    assert PlanDay.objects.filter(plan=plan).count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("window.__noReload") == 1
    search_picker(page)
    screenshot(page, "builder-phone")


def test_a_superset_in_the_middle_of_a_day_keeps_each_action_on_one_line_on_a_phone(plan, new_page):
    """Its head has both "Ungroup" and "Group with previous": the buttons wrap as a row, each label stays whole
    (it read "Group / with / previous" on three lines)."""
    day = plan.days.get()
    for position, name in ((1, "Bicep Curl (Dumbbell)"), (2, "Triceps Pushdown (Cable)")):
        PlanExerciseFactory(day=day, exercise=Exercise.objects.get(name=name, owner=None), position=position)
    page = new_page()
    open_builder(page, plan)
    triceps = page.get_by_role("region", name=re.compile(r"^Triceps Pushdown"))
    triceps.get_by_role("button", name="Superset Triceps Pushdown (Cable) with the exercise before it").click()
    curl = page.get_by_role("region", name=re.compile(r"^A1 Bicep Curl"))
    expect(curl.get_by_role("button", name="Take Bicep Curl (Dumbbell) out of its superset")).to_be_visible()
    buttons = curl.locator(".exercise-head .row-actions button")
    heights = {round(box["height"]) for box in (buttons.nth(i).bounding_box() for i in range(buttons.count()))}
    assert len(heights) == 1, heights  # "Group with previous" as tall as "↑": one line
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
