"""The whole workouts story in two browsers: a trainer on a laptop builds a two-day template from the library and
assigns it; their client, on a phone, logs today's workout (three exercises, nine sets, no page reload), sees the
rest timer and a new record, and finishes; the trainer opens the workout and comments; the client sees the comment.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from unittest.mock import patch

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Locator, Page, expect

from accounts.tests.factories import ClientFactory, CoachingLinkFactory, TrainerFactory
from tests.browser.test_clients_page import log_in
from workouts.data.exercises import load_catalogue
from workouts.models import Exercise, Plan, PlanStatus, Workout, WorkoutSet
from workouts.services.workouts import workout_create
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1280, "height": 800}

# Every page reports its CSP violations (the DOM event) to the test, across navigations.
REPORT_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__reportProblem(`CSP ${event.violatedDirective} blocked on ${event.documentURI} (${where})`);
});
"""


def watch(page: Page) -> list[str]:
    """Collect the console errors, uncaught exceptions and CSP violations of every page in `page`'s context."""
    problems: list[str] = []
    context: BrowserContext = page.context
    context.expose_function("__reportProblem", lambda text: problems.append(text))
    context.add_init_script(REPORT_CSP)

    def on_console(message) -> None:
        # The live server speaks plain HTTP (WSGI): realtime.js's WebSocket cannot connect there, and retries.
        if message.type == "error" and "/ws/notifications/" not in message.text:
            problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def settled(locator: Locator) -> None:
    """Wait until htmx has processed the content it swapped in (it drops `htmx-added` then): typing into it
    earlier would find no htmx listeners yet, and a click would submit the plain form."""
    expect(locator).not_to_have_class(re.compile(r"\bhtmx-added\b"))


@pytest.fixture
def catalogue():
    # Transactional tests empty every table afterwards, the migration's catalogue included: load it again.
    load_catalogue(Exercise)


def add_exercise(day: Locator, day_name: str, search: str, name: str) -> None:
    """Find an exercise with the day's inline library search and add it (htmx swaps the day)."""
    day.get_by_label(f"Add an exercise to {day_name}").fill(search)
    day.get_by_role("button", name=re.compile(rf"^{re.escape(name)}")).click()
    expect(day.get_by_role("region", name=re.compile(rf"^{re.escape(name)}"))).to_be_visible()
    settled(day)


def add_day(page: Page, name: str) -> Locator:
    form = page.get_by_role("article", name="Add a day")
    form.get_by_label("Day name").fill(name)
    form.get_by_role("button", name="Add day").click()
    day = page.get_by_role("article", name=name, exact=True)
    expect(day).to_be_visible()
    settled(page.get_by_role("region", name="Days"))  # htmx swapped all the days
    expect(form.get_by_label("Day name")).to_have_value("")  # the form is emptied for the next day
    return day


def build_and_assign_template(page: Page, client_name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plans").click()
    page.get_by_role("button", name="New plan").click()
    page.get_by_label("For").select_option(label="A template (assign it to clients later)")
    page.get_by_label("Name").fill("Strength basics")
    page.get_by_label("Length in weeks").fill("6")
    with page.expect_navigation():
        page.get_by_role("button", name="Create and add days").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strength basics")
    builder_url = page.url
    page.evaluate("window.__noReload = 1")

    lower = add_day(page, "Lower and push")
    add_exercise(lower, "Lower and push", "squat barbell", "Squat (Barbell)")
    add_exercise(lower, "Lower and push", "bench press", "Bench Press (Barbell)")
    # Every added exercise starts with three target sets; set the first squat set to 5 reps at 60 kg, inline.
    squat = lower.get_by_role("region", name=re.compile(r"^Squat \(Barbell\)"))
    expect(squat.get_by_role("listitem")).to_have_count(3)
    first_set = squat.get_by_role("listitem", name="Set 1")
    first_set.get_by_label("Reps from").fill("5")
    first_set.get_by_label("Reps to", exact=True).fill("5")
    first_set.get_by_label("Weight (kg)").fill("60")
    first_set.get_by_label("Weight (kg)").blur()
    expect(first_set.get_by_role("status")).to_have_text("Saved")
    expect(first_set.get_by_label("Reps from")).to_have_value("5")
    expect(first_set.get_by_label("Reps to", exact=True)).to_have_value("5")
    expect(first_set.get_by_label("Weight (kg)")).to_have_value("60")

    pull = add_day(page, "Pull")
    add_exercise(pull, "Pull", "deadlift barbell", "Deadlift (Barbell)")
    expect(page.get_by_role("article", name="Lower and push").get_by_role("region")).to_have_count(2)
    assert page.url == builder_url and page.evaluate("window.__noReload") == 1  # all of it without a reload

    page.get_by_role("link", name="← View the plan").click()
    page.get_by_role("button", name="Assign to clients").click()
    page.get_by_label(client_name).check()
    expect(page.get_by_label("Make it their active plan now")).to_be_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Assign").click()
    expect(
        page.get_by_role("status").filter(has_text=f"“Strength basics” is assigned to {client_name}.")
    ).to_be_visible()


def log_set(card: Locator, weight: str | None, reps: str, count: int) -> None:
    """Save one set of the exercise card (htmx swaps the card) and wait for the set to be listed."""
    if weight is not None:
        card.get_by_label("Weight (kg)").fill(weight)
    card.get_by_label("Reps").fill(reps)
    card.get_by_role("button", name="Save set").click()
    expect(card.get_by_role("list", name=re.compile("^Sets of")).get_by_role("listitem")).to_have_count(count)
    settled(card)


def test_trainer_builds_and_assigns_client_logs_trainer_comments(catalogue, new_page, screenshot):
    trainer = TrainerFactory(email="tara@example.com", display_name="Tara Trainer")
    client = ClientFactory(email="cody@example.com", display_name="Cody Client")
    CoachingLinkFactory(trainer=trainer, client=client)
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner=None)
    started = timezone.now() - timedelta(days=3)
    # An earlier, lighter bench session: today's heavier sets beat a real record, not just a first log. (Its
    # record push is left out: Playwright's event loop runs in this thread, where the channel layer cannot.)
    with patch("notifications.realtime.push_to_user"):
        workout_create(
            user=client,
            data={
                "name": "Earlier upper",
                "started_at": started,
                "ended_at": started + timedelta(hours=1),
                "exercises": [
                    {"exercise": bench.pk, "sets": [{"set_type": "normal", "reps": 8, "weight_kg": Decimal(50)}] * 3}
                ],
            },
        )

    # 1. The trainer, on a laptop, builds a two-day template from the library and assigns it.
    trainer_page = new_page(viewport=LAPTOP, is_mobile=False)
    trainer_problems = watch(trainer_page)
    trainer_page.on("dialog", lambda dialog: dialog.accept())
    log_in(trainer_page, trainer.email)
    build_and_assign_template(trainer_page, "Cody Client")
    screenshot(trainer_page, "60-plan-assigned")
    plan = Plan.objects.get(client=client)
    assert plan.status == PlanStatus.ACTIVE and plan.days.count() == 2
    assert Plan.objects.get(client=None, author=trainer).is_template
    first_target = plan.days.get(position=0).exercises.get(position=0).sets.get(position=0)
    assert (first_target.reps_min, first_target.reps_max, first_target.target_weight_kg) == (5, 5, Decimal(60))

    # 2. The client, on a phone, logs today's workout: the plan's first day, plus an exercise of their own.
    page = new_page()
    problems = watch(page)
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, client.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Start Lower and push").click()  # Today: the plan's day, one tap
    expect(page.get_by_role("heading", level=1)).to_have_text("Lower and push")
    logger_url = page.url
    page.evaluate("window.__noReload = 1")

    squat = page.get_by_role("article", name="Squat (Barbell)")
    bench_card = page.get_by_role("article", name="Bench Press (Barbell)")
    expect(squat.get_by_label("Weight (kg)")).to_have_value("60")  # the plan's target, pre-filled
    expect(squat.get_by_label("Reps")).to_have_value("5")
    expect(bench_card).to_contain_text("Last time: 3 × 8 @ 50 kg")  # noqa: RUF001
    screenshot(page, "61-logger")

    timer = page.get_by_role("timer", name="Rest time left")
    expect(timer).to_be_hidden()
    squat.get_by_role("button", name="Save set").click()  # the pre-filled target, as is: one tap
    expect(squat.get_by_role("list", name="Sets of Squat (Barbell)").get_by_role("listitem")).to_have_count(1)
    settled(squat)
    expect(timer).to_be_visible()  # the rest timer started after the set
    expect(page.get_by_text("Rest 1:30 started.")).to_be_attached()
    log_set(squat, "60", "5", 2)
    log_set(squat, "60", "5", 3)

    log_set(bench_card, "55", "8", 1)
    expect(bench_card.get_by_text("New record!").first).to_be_visible()  # beats the earlier 50 kg at once
    log_set(bench_card, "55", "8", 2)
    log_set(bench_card, "55", "7", 3)

    page.get_by_label("Search the library").fill("bent over row")
    page.get_by_role("button", name=re.compile(r"^Bent Over Row \(Barbell\)")).click()
    row = page.get_by_role("article", name="Bent Over Row (Barbell)")
    expect(row).to_be_visible()
    settled(row)
    for count in (1, 2, 3):
        log_set(row, "50", "10", count)
    screenshot(page, "62-logger-sets")
    assert page.url == logger_url and page.evaluate("window.__noReload") == 1  # nine sets, no page reload
    workout = Workout.objects.get(user=client, plan_day__isnull=False)
    assert WorkoutSet.objects.filter(workout_exercise__workout=workout).count() == 9

    with page.expect_navigation():
        page.get_by_role("button", name="Finish workout").click()
    expect(page.get_by_role("status").filter(has_text="Workout saved")).to_be_visible()
    expect(page.get_by_role("region", name="New records")).to_contain_text("Bench Press (Barbell)")
    workout.refresh_from_db()
    assert workout.ended_at is not None and workout.duration_seconds is not None
    screenshot(page, "63-workout-finished")

    # 3. The trainer finds the workout in the client's history and comments on it.
    trainer_page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    trainer_page.get_by_role("link", name="Training history of Cody Client").click()
    trainer_page.get_by_role("link", name="Lower and push").click()
    expect(trainer_page.get_by_role("heading", level=1)).to_have_text("Lower and push")
    expect(trainer_page.get_by_role("article", name="Squat (Barbell)")).to_contain_text("5 @ 60 kg")
    trainer_page.get_by_role("textbox", name="Comment").fill("Strong bench today, keep the bar path straight.")
    trainer_page.get_by_role("button", name="Comment", exact=True).click()
    comments = trainer_page.get_by_role("region", name=re.compile("^Comments"))
    expect(comments).to_contain_text("Strong bench today")
    expect(comments).to_contain_text("Tara Trainer")

    page.reload()
    expect(page.get_by_role("region", name=re.compile("^Comments"))).to_contain_text(
        "Strong bench today, keep the bar path straight."
    )
    screenshot(page, "64-workout-comment")
    assert not trainer_problems, "\n".join(trainer_problems)
    assert not problems, "\n".join(problems)


# Count the beeps (WebAudio oscillators started) and the vibrations of the rest timer.
COUNT_SIGNALS = """
window.__beeps = 0;
window.__vibrations = 0;
if (window.OscillatorNode) {
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { window.__beeps += 1; return start.apply(this, args); };
}
Navigator.prototype.vibrate = function () { window.__vibrations += 1; return true; };
"""


def test_logging_two_sets_in_a_row_records_what_was_typed(new_page, screenshot):
    """The next set follows the lifter; the clock runs; the rest ends with a beep and a vibration even when the
    phone slept through it; finishing with an untouched exercise asks once, even on a double click."""
    client = ClientFactory(email="lena@example.com", display_name="Lena Lifter")
    plan = PlanFactory(client=client, author=TrainerFactory(), start_date=timezone.localdate())
    day = PlanDayFactory(plan=plan, name="Press day")
    planned = PlanExerciseFactory(day=day, exercise=ExerciseFactory(name="Overhead Press"), rest_seconds=60)
    for position in range(3):
        PlanSetFactory(
            plan_exercise=planned, position=position, reps_min=10, reps_max=10, target_weight_kg=Decimal("37.5")
        )
    workout = WorkoutFactory(user=client, plan_day=day, ended_at=None, started_at=timezone.now() - timedelta(minutes=5))
    WorkoutExerciseFactory(workout=workout, exercise=planned.exercise, position=0)
    WorkoutExerciseFactory(workout=workout, exercise=ExerciseFactory(name="Cable Curl"), position=1)

    page = new_page()
    page.context.add_init_script(COUNT_SIGNALS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.clock.install()
    log_in(page, client.email)
    page.goto(f"/workouts/{workout.pk}/log/")
    expect(page.get_by_role("timer", name="Time since the start")).to_have_text(re.compile(r"^5:\d\d$"))

    press = page.get_by_role("article", name="Overhead Press")
    expect(press.get_by_label("Weight (kg)")).to_have_value("37.5")  # the target, pre-filled
    expect(press.get_by_text("Target for this set: 10 @ 37.5 kg")).to_be_visible()
    log_set(press, "34", "9", 1)  # today's weight, not the plan's
    # the second set follows what was just lifted, with the target still in sight
    expect(press.get_by_label("Weight (kg)")).to_have_value("34")
    expect(press.get_by_label("Reps")).to_have_value("9")
    expect(press.get_by_text("Target for this set: 10 @ 37.5 kg")).to_be_visible()
    screenshot(page, "65-logger-next-set-phone")
    log_set(press, None, "8", 2)  # only the reps typed
    sets = list(WorkoutSet.objects.filter(workout_exercise__workout=workout).order_by("position"))
    assert [(s.reps, s.weight_kg) for s in sets] == [(9, Decimal("34.00")), (8, Decimal("34.00"))]
    expect(press.get_by_text("New record!")).to_have_count(0)  # a first log beats no record

    # The phone sleeps through the rest: no tick runs, the time moves on; back on the page, the rest is over.
    timer = page.get_by_role("timer", name="Rest time left")
    expect(timer).to_be_visible()
    page.clock.pause_at(datetime_after(page, seconds=1))
    page.clock.set_system_time(datetime_after(page, seconds=120))
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.get_by_text("Rest over: time for the next set.")).to_be_attached()
    assert page.evaluate("window.__vibrations") == 1 and page.evaluate("window.__beeps") >= 1
    page.clock.resume()

    page.set_viewport_size(LAPTOP)
    screenshot(page, "66-logger-next-set-laptop")

    with page.expect_navigation():
        page.get_by_role("button", name="Finish workout").dblclick()
    expect(page.get_by_role("status").filter(has_text="Workout saved")).to_be_visible()
    assert dialogs == ["1 of 2 exercises have no sets (Cable Curl). Finish anyway?"]
    workout.refresh_from_db()
    assert workout.ended_at is not None


def datetime_after(page: Page, *, seconds: int) -> datetime:
    """The page's (fake) clock now, plus `seconds`, as a datetime for page.clock."""
    now_ms = page.evaluate("Date.now()")
    return datetime.fromtimestamp(now_ms / 1000 + seconds, tz=UTC)
