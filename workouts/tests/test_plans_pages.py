"""Plan pages: list with today's workout, create, read view, builder (htmx partials and plain POSTs), assign,
activate with confirmation, permissions and query counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import ClientFactory, CoachingLinkFactory
from workouts.models import ExerciseType, Plan, PlanDay, PlanExercise, PlanSet, PlanStatus
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    TemplatePlanFactory,
)
from workouts.tests.test_today_page import finished_earlier_today
from workouts.units import format_duration

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, *args) -> str:
    return reverse(f"workouts:{name}", args=args)


def full_plan(client, author, *, days=1, exercises=1, sets=1, **kwargs) -> Plan:
    plan = PlanFactory(client=client, author=author, **kwargs)
    for d in range(days):
        day = PlanDayFactory(plan=plan, position=d, name=f"Day {d + 1}")
        for e in range(exercises):
            item = PlanExerciseFactory(day=day, position=e)
            for s in range(sets):
                PlanSetFactory(plan_exercise=item, position=s)
    return plan


@pytest.fixture
def plan(trainer, their_client):
    return full_plan(their_client, trainer, name="Strength", start_date=date(2026, 1, 5), weeks=8)


# --- List ---------------------------------------------------------------------------------------


def test_trainer_list_shows_templates_and_client_plans_with_a_client_filter(
    login, trainer, their_client, plan, other_client, other_trainer
):
    TemplatePlanFactory(author=trainer, name="Base PPL")
    full_plan(other_client, other_trainer, name="Foreign")
    second = ClientFactory(display_name="Second Client")
    CoachingLinkFactory(trainer=trainer, client=second)
    full_plan(second, trainer, name="Second's plan")
    page = login(trainer)

    html = page.get(url("plan_list")).content.decode()
    assert "Base PPL" in html and "Strength" in html and "Second&#x27;s plan" in html
    assert "Foreign" not in html

    html = page.get(url("plan_list"), {"client": str(their_client.pk)}).content.decode()
    assert "Strength" in html and "Second&#x27;s plan" not in html and "Base PPL" not in html


def test_client_list_shows_the_active_plan_first_and_todays_workout(login, trainer, their_client):
    PlanFactory(client=their_client, author=trainer, name="Old block", status=PlanStatus.ARCHIVED)
    active = full_plan(their_client, trainer, name="Current block", status=PlanStatus.ACTIVE)
    day = active.days.get()

    html = login(their_client).get(url("plan_list")).content.decode()

    assert html.index("Current block") < html.index("Old block")
    assert "Today's workout" in html
    assert f'name="plan_day" value="{day.pk}"' in html
    assert f'action="{url("workout_start")}"' in html
    assert "New plan" not in html  # a client with a trainer does not build plans


def test_client_list_shows_todays_workout_done_once_finished(login, trainer, their_client):
    """As Today does: the day just done is not offered again; the next day waits for "Start anyway"."""
    active = full_plan(their_client, trainer, days=2, name="Current block", status=PlanStatus.ACTIVE)
    first, second = active.days.order_by("position")
    done = finished_earlier_today(their_client, first)

    html = login(their_client).get(url("plan_list")).content.decode()

    assert "Done today: Day 1" in html
    assert f"2 sets · {format_duration(done.duration_seconds)}" in html
    assert url("workout_detail", done.pk) in html
    assert "Next: <strong>Day 2</strong>" in html and "Start anyway" in html
    assert f'name="plan_day" value="{second.pk}"' in html and f'name="plan_day" value="{first.pk}"' not in html
    assert "Start Day 1" not in html and "Start Day 2" not in html and 'class="plan-targets"' not in html


def test_a_client_without_a_trainer_can_create(login):
    solo = ClientFactory()
    assert "New plan" in login(solo).get(url("plan_list")).content.decode()


# --- Create -------------------------------------------------------------------------------------


def test_trainer_creates_a_plan_for_a_preselected_client(login, trainer, their_client):
    page = login(trainer)
    html = page.get(url("plan_create"), {"client": str(their_client.pk)}).content.decode()
    assert f'<option value="{their_client.pk}" selected>' in html

    response = page.post(url("plan_create"), {"client": str(their_client.pk), "name": "Block", "weeks": 6})

    plan = Plan.objects.get()
    assert response.status_code == 302 and response.url == url("plan_builder", plan.pk)
    assert (plan.client, plan.author, plan.weeks, plan.is_template) == (their_client, trainer, 6, False)


def test_trainer_creates_a_template(login, trainer):
    login(trainer).post(url("plan_create"), {"client": "template", "name": "Base", "weeks": 4})
    assert Plan.objects.get().is_template


def test_create_shows_errors(login, trainer, their_client, other_client):
    page = login(trainer)
    response = page.post(url("plan_create"), {"client": str(other_client.pk), "name": "", "weeks": 99})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"client", "name", "weeks"}
    assert not Plan.objects.exists()


def test_a_client_with_a_trainer_is_told_the_trainer_builds_plans(login, their_client):
    html = login(their_client).get(url("plan_create")).content.decode()
    assert "Your trainer builds your plans" in html
    login(their_client).post(url("plan_create"), {"name": "Mine", "weeks": 4})
    assert not Plan.objects.exists()


def test_a_client_without_a_trainer_creates_their_own(login):
    solo = ClientFactory()
    login(solo).post(url("plan_create"), {"name": "Mine", "weeks": 4})
    assert Plan.objects.get().client == solo


# --- Read view ----------------------------------------------------------------------------------


def test_detail_shows_this_weeks_targets_in_the_users_units(login, trainer, their_client):
    plan = PlanFactory(client=their_client, author=trainer, start_date=date(2020, 1, 6), weeks=3)
    item = PlanExerciseFactory(day=PlanDayFactory(plan=plan, name="Push"), exercise=ExerciseFactory(name="Bench"))
    PlanSetFactory(
        plan_exercise=item, reps_min=5, reps_max=5, target_weight_kg=Decimal("100"), weight_increment_kg=Decimal("5")
    )
    their_client.units = "lb"
    their_client.save()

    html = login(their_client).get(url("plan_detail", plan.pk)).content.decode()
    assert "week 3 of 3" in html
    assert "5 reps · 245 lb" in html  # 110 kg in week 3 is 242.5 lb: a barbell loads 245

    html = login(trainer).get(url("plan_detail", plan.pk)).content.decode()
    assert "5 reps · 110 kg" in html
    assert url("plan_builder", plan.pk) in html


def test_a_target_reads_as_its_parts_joined_without_a_stray_separator(login, trainer, their_client):
    plan = PlanFactory(client=their_client, author=trainer)
    day = PlanDayFactory(plan=plan, name="Cardio")
    bike = ExerciseFactory(name="Bike", exercise_type=ExerciseType.DISTANCE_DURATION)
    PlanSetFactory(
        plan_exercise=PlanExerciseFactory(day=day, position=0, exercise=bike),
        reps_min=None, reps_max=None, target_weight_kg=None, duration_seconds=1200, distance_m=Decimal("8000"),
    )  # fmt: skip
    PlanSetFactory(
        plan_exercise=PlanExerciseFactory(day=day, position=1, exercise=ExerciseFactory(name="Plank")),
        reps_min=None, reps_max=None, target_weight_kg=None, target_rpe=Decimal("8"),
    )  # fmt: skip
    html = " ".join(login(their_client).get(url("plan_detail", plan.pk)).content.decode().split())
    assert "20:00 · 8.0 km" in html and "RPE 8" in html
    assert "> · " not in html  # no part begins with the separator (it did for targets without reps)


def test_rest_reads_as_minutes_and_seconds(login, trainer, their_client):
    """As the logger's rest timer counts it ("rest 2:30", not "rest 150 s"); no rest, no mention."""
    plan = PlanFactory(client=their_client, author=trainer)
    day = PlanDayFactory(plan=plan, name="Push")
    for position, (name, rest) in enumerate([("Bench", 150), ("Fly", 45), ("Dip", 0)]):
        PlanExerciseFactory(day=day, position=position, exercise=ExerciseFactory(name=name), rest_seconds=rest)
    html = login(their_client).get(url("plan_detail", plan.pk)).content.decode()
    assert "· rest 2:30" in html and "· rest 0:45" in html
    assert " s</small>" not in html and html.count("· rest") == 2


def superset_day(plan, name="Push"):
    """A day: Squat and Bench as superset A, then Row alone, then Curl and Dip as superset B."""
    day = PlanDayFactory(plan=plan, name=name, position=0)
    for position, (exercise, group) in enumerate([("Squat", 3), ("Bench", 3), ("Row", None), ("Curl", 1), ("Dip", 1)]):
        PlanExerciseFactory(day=day, position=position, exercise=ExerciseFactory(name=exercise), superset_group=group)
    return day


def labelled(html: str, label: str, name: str) -> bool:
    return f'<span class="superset-label" title="Superset">{label}</span> <strong>{name}</strong>' in html


def test_supersets_read_a1_a2_on_the_plan_and_on_todays_workout(login, trainer, their_client):
    plan = PlanFactory(client=their_client, author=trainer, status=PlanStatus.ACTIVE)
    superset_day(plan)

    for page in (url("plan_detail", plan.pk), url("plan_list"), url("today")):
        html = login(their_client).get(page).content.decode()
        assert labelled(html, "A1", "Squat") and labelled(html, "A2", "Bench"), page
        assert labelled(html, "B1", "Curl") and labelled(html, "B2", "Dip"), page
        assert "<strong>Row</strong>" in html and "Superset 1" not in html and "Superset 3" not in html
    assert labelled(login(trainer).get(url("plan_detail", plan.pk)).content.decode(), "A2", "Bench")


# --- Builder ------------------------------------------------------------------------------------


def test_builder_page_renders_every_part(login, trainer, plan):
    html = login(trainer).get(url("plan_builder", plan.pk)).content.decode()
    day = plan.days.get()
    item = PlanExercise.objects.get(day=day)
    plan_set = PlanSet.objects.get(plan_exercise=item)
    assert f'id="day-{day.pk}"' in html and f'id="item-{item.pk}"' in html and f'id="set-{plan_set.pk}"' in html
    assert url("exercise_picker") in html


def test_builder_updates_plan_details_with_a_plain_post(login, trainer, plan):
    response = login(trainer).post(url("plan_builder", plan.pk), {"name": "Renamed", "weeks": 10})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.name, plan.weeks) == ("Renamed", 10)


def test_add_rename_move_and_remove_days_with_htmx_partials(login, trainer, plan):
    page = login(trainer)
    response = page.post(url("plan_day_add", plan.pk), {"name": "Legs", "weekday": "3"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and 'id="plan-days"' in html and "<html" not in html
    assert 'hx-swap-oob="true"' in html  # the flash message
    legs = PlanDay.objects.get(name="Legs")
    assert (legs.position, legs.weekday) == (1, 3)

    response = page.post(url("plan_day_update", legs.pk), {"name": "Lower", "weekday": ""}, **HTMX)
    assert f'id="day-{legs.pk}"' in response.content.decode()
    legs.refresh_from_db()
    assert (legs.name, legs.weekday) == ("Lower", None)

    page.post(url("plan_day_move", legs.pk), {"direction": "up"}, **HTMX)
    assert list(plan.days.order_by("position").values_list("name", flat=True)) == ["Lower", "Day 1"]

    page.post(url("plan_day_delete", legs.pk), **HTMX)
    assert list(plan.days.values_list("name", flat=True)) == ["Day 1"]


def test_plain_posts_redirect_back_to_the_builder(login, trainer, plan):
    page = login(trainer)
    response = page.post(url("plan_day_add", plan.pk), {"name": "Arms"})
    assert response.status_code == 302 and response.url == url("plan_builder", plan.pk) + "#plan-days"
    response = page.get(response.url)
    assert "“Arms” is added." in response.content.decode()


def test_add_an_exercise_from_the_search_then_edit_its_sets(login, trainer, plan):
    squat = ExerciseFactory(name="Back Squat")
    day = plan.days.get()
    page = login(trainer)

    response = page.post(url("plan_exercise_add", day.pk), {"q": "squat", "exercise": str(squat.pk)}, **HTMX)
    assert response.status_code == 200 and f'id="day-{day.pk}"' in response.content.decode()
    item = PlanExercise.objects.get(day=day, exercise=squat)
    assert list(item.sets.values_list("reps_min", "reps_max")) == [(8, 12)] * 3

    first = item.sets.get(position=0)
    trainer.units = "lb"
    trainer.save()
    response = page.post(
        url("plan_set_update", first.pk),
        {
            "set_type": "normal",
            "reps_min": "5",
            "reps_max": "5",
            "weight": "225",
            "target_rpe": "8.5",
            "weight_step": "5",
        },
        **HTMX,
    )
    # A save answers only "Saved" for the row's status: the inputs stay as the user is typing them.
    html = response.content.decode()
    assert "Saved" in html and "<form" not in html and "HX-Retarget" not in response.headers
    first.refresh_from_db()
    assert (first.reps_min, first.target_weight_kg, first.target_rpe, first.weight_increment_kg) == (
        5,
        Decimal("102.06"),
        Decimal("8.5"),
        Decimal("2.27"),
    )

    response = page.post(
        url("plan_set_update", first.pk), {"set_type": "normal", "reps_min": "9", "reps_max": "5"}, **HTMX
    )
    html = response.content.decode()
    assert "set-row-invalid" in html and "at least the fewest reps" in html and 'name="had_errors"' in html
    assert response.headers["HX-Retarget"] == f"#set-{first.pk}" and response.headers["HX-Reswap"] == "outerHTML"
    first.refresh_from_db()
    assert first.reps_min == 5
    # Fixed after a failed save: the whole row comes back, without its errors.
    response = page.post(
        url("plan_set_update", first.pk),
        {"set_type": "normal", "reps_min": "5", "reps_max": "6", "had_errors": "1"},
        **HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith("<form") and "set-row-invalid" not in html and "Saved" in html
    assert response.headers["HX-Retarget"] == f"#set-{first.pk}"

    page.post(url("plan_set_add", item.pk), **HTMX)
    assert item.sets.count() == 4
    page.post(url("plan_set_delete", first.pk), **HTMX)
    assert list(item.sets.values_list("position", flat=True)) == [0, 1, 2]

    response = page.post(url("plan_exercise_update", item.pk), {"rest_seconds": 180, "superset_group": ""}, **HTMX)
    assert f'id="item-{item.pk}"' in response.content.decode()
    item.refresh_from_db()
    assert item.rest_seconds == 180

    page.post(url("plan_exercise_move", item.pk), {"direction": "up"}, **HTMX)
    assert day.exercises.order_by("position").first() == item
    page.post(url("plan_exercise_delete", item.pk), **HTMX)
    assert not PlanExercise.objects.filter(pk=item.pk).exists()


def test_search_without_javascript_lists_matches_on_the_builder(login, trainer, plan):
    ExerciseFactory(name="Front Squat")
    day = plan.days.get()
    page = login(trainer)
    response = page.post(url("plan_exercise_add", day.pk), {"q": "squat", "search": "1"})
    assert response.status_code == 302
    html = page.get(response.url).content.decode()
    assert "Front Squat" in html and 'name="exercise"' in html


def test_only_fields_of_the_exercise_type_are_shown(login, trainer, plan):
    run = ExerciseFactory(name="Run", exercise_type=ExerciseType.DISTANCE_DURATION)
    PlanSetFactory(
        plan_exercise=PlanExerciseFactory(day=plan.days.get(), exercise=run),
        reps_min=None,
        reps_max=None,
        target_weight_kg=None,
        distance_m=5000,
    )
    html = login(trainer).get(url("plan_builder", plan.pk)).content.decode()
    run_part = html[html.index("Run <small") :]
    assert "Distance (m)" in run_part and "Time (m:ss)" in run_part
    assert 'value="5000"' in run_part and "5000.0" not in run_part  # no trailing ".0"
    assert "Reps from" not in run_part.split("</section>")[0]


@pytest.mark.parametrize(("typed", "seconds"), [("21:00", 1260), ("90", 90), ("90s", 90), ("1m30", 90)])
def test_a_target_time_is_typed_and_shown_as_minutes_and_seconds(login, trainer, plan, typed, seconds):
    run = ExerciseFactory(name="Run", exercise_type=ExerciseType.DISTANCE_DURATION)
    target = PlanSetFactory(
        plan_exercise=PlanExerciseFactory(day=plan.days.get(), exercise=run),
        reps_min=None, reps_max=None, target_weight_kg=None, distance_m=5000,
    )  # fmt: skip
    page = login(trainer)
    data = {"set_type": "normal", "distance_m": "5000", "duration_seconds": typed}
    assert page.post(url("plan_set_update", target.pk), data, **HTMX).status_code == 200
    target.refresh_from_db()
    assert target.duration_seconds == seconds
    html = page.get(url("plan_builder", plan.pk)).content.decode()
    assert f'value="{format_duration(seconds)}"' in html[html.index("Run <small") :]

    bad = page.post(url("plan_set_update", target.pk), {**data, "duration_seconds": "ten"}, **HTMX)
    target.refresh_from_db()
    assert "Not saved" in bad.content.decode() and target.duration_seconds == seconds


def test_adding_an_exercise_the_client_cannot_see_is_refused(login, trainer, plan, other_trainer):
    foreign = ExerciseFactory(owner=other_trainer)
    response = login(trainer).post(url("plan_exercise_add", plan.days.get().pk), {"exercise": str(foreign.pk)}, **HTMX)
    assert "Choose an exercise from the library." in response.content.decode()
    assert not PlanExercise.objects.filter(exercise=foreign).exists()


# --- Activate, archive, delete, save as template, assign ------------------------------------------


def test_activate_asks_for_confirmation_before_archiving(login, trainer, their_client):
    current = full_plan(their_client, trainer, name="Current", status=PlanStatus.ACTIVE)
    new = full_plan(their_client, trainer, name="Next", status=PlanStatus.DRAFT)
    page = login(trainer)

    response = page.post(url("plan_activate", new.pk))
    assert response.status_code == 409
    assert "Current" in response.content.decode() and 'name="archive_current" value="1"' in response.content.decode()
    current.refresh_from_db()
    assert current.status == PlanStatus.ACTIVE

    response = page.post(url("plan_activate", new.pk), {"archive_current": "1"})
    assert response.status_code == 302
    current.refresh_from_db()
    new.refresh_from_db()
    assert (current.status, new.status) == (PlanStatus.ARCHIVED, PlanStatus.ACTIVE)


def test_archive_delete_and_save_as_template(login, trainer, their_client, plan):
    page = login(trainer)
    page.post(url("plan_archive", plan.pk))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ARCHIVED

    response = page.post(url("plan_save_as_template", plan.pk))
    template = Plan.objects.get(is_template=True)
    assert response.url == url("plan_builder", template.pk)
    assert template.days.count() == 1

    response = page.post(url("plan_delete", plan.pk))
    assert response.status_code == 302 and not Plan.objects.filter(pk=plan.pk).exists()


def test_assign_with_confirmation_step(login, trainer, their_client):
    template = full_plan(None, trainer, is_template=True, status=PlanStatus.DRAFT, name="Base")
    second = ClientFactory(display_name="Second")
    CoachingLinkFactory(trainer=trainer, client=second)
    full_plan(their_client, trainer, name="Cody's current", status=PlanStatus.ACTIVE)
    page = login(trainer)

    html = page.get(url("plan_assign", template.pk)).content.decode()
    assert "Cody Client" in html and "Second" in html

    data = {"clients": [str(their_client.pk), str(second.pk)], "activate": "on", "start_date": "2026-12-07"}
    response = page.post(url("plan_assign", template.pk), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Cody&#x27;s current" in html and "Archive and assign" in html
    assert not Plan.objects.filter(copied_from=template).exists()

    response = page.post(url("plan_assign", template.pk), {**data, "archive_current": "on"})
    assert response.status_code == 302
    copies = Plan.objects.filter(copied_from=template)
    assert {(p.client, p.status, p.start_date) for p in copies} == {
        (their_client, PlanStatus.ACTIVE, date(2026, 12, 7)),
        (second, PlanStatus.ACTIVE, date(2026, 12, 7)),
    }


def test_assign_is_for_templates_only(login, trainer, plan):
    assert login(trainer).get(url("plan_assign", plan.pk)).status_code == 404


# --- Permissions ----------------------------------------------------------------------------------


def test_who_may_see_and_edit(client, login, trainer, their_client, other_trainer, other_client, plan):
    day = plan.days.get()
    item = PlanExercise.objects.get(day=day)
    plan_set = PlanSet.objects.get(plan_exercise=item)

    assert client.get(url("plan_detail", plan.pk)).status_code == 302  # anonymous: to the log-in page
    assert client.post(url("plan_day_add", plan.pk), {"name": "X"}).status_code == 302

    assert login(their_client).get(url("plan_detail", plan.pk)).status_code == 200
    assert login(trainer).get(url("plan_detail", plan.pk)).status_code == 200
    for stranger in (other_trainer, other_client):
        page = login(stranger)
        assert page.get(url("plan_detail", plan.pk)).status_code == 404
        assert page.get(url("plan_builder", plan.pk)).status_code == 404
        assert page.post(url("plan_builder", plan.pk), {"name": "Mine", "weeks": 4}).status_code == 404
        assert page.post(url("plan_day_add", plan.pk), {"name": "X"}).status_code == 404
        assert page.post(url("plan_day_update", day.pk), {"name": "X"}).status_code == 404
        assert page.post(url("plan_day_delete", day.pk)).status_code == 404
        assert page.post(url("plan_exercise_delete", item.pk)).status_code == 404
        assert page.post(url("plan_set_update", plan_set.pk), {"set_type": "normal"}).status_code == 404
        assert page.post(url("plan_set_delete", plan_set.pk)).status_code == 404
        assert page.post(url("plan_activate", plan.pk)).status_code == 404
        assert page.post(url("plan_archive", plan.pk)).status_code == 404
        assert page.post(url("plan_delete", plan.pk)).status_code == 404

    # The client reads their trainer's plan but does not change it.
    page = login(their_client)
    assert page.get(url("plan_builder", plan.pk)).status_code == 403
    assert page.post(url("plan_day_delete", day.pk)).status_code == 403
    assert page.post(url("plan_delete", plan.pk)).status_code == 403
    assert Plan.objects.filter(pk=plan.pk, name="Strength").exists() and PlanDay.objects.filter(pk=day.pk).exists()


def test_another_trainers_template_is_invisible(login, trainer, other_trainer):
    template = full_plan(None, trainer, is_template=True, status=PlanStatus.DRAFT)
    page = login(other_trainer)
    assert page.get(url("plan_detail", template.pk)).status_code == 404
    assert page.post(url("plan_assign", template.pk), {}).status_code == 404


# --- Query counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 5])
def test_trainer_list_query_count(login, trainer, their_client, count, django_assert_num_queries):
    for _ in range(count):
        full_plan(their_client, trainer, days=2, status=PlanStatus.DRAFT)
        TemplatePlanFactory(author=trainer)
    page = login(trainer)
    # session, user (2); "may create" is no query for a trainer; the clients (1); the plans with day counts (1)
    with django_assert_num_queries(4):
        response = page.get(url("plan_list"))
    assert len(response.context["client_plans"]) == count


@pytest.mark.parametrize("count", [1, 5])
def test_client_list_query_count(login, trainer, their_client, count, django_assert_num_queries):
    full_plan(their_client, trainer, days=count, exercises=count, sets=count, status=PlanStatus.ACTIVE)
    for _ in range(count):
        PlanFactory(client=their_client, author=trainer, status=PlanStatus.ARCHIVED)
    page = login(their_client)
    # session, user (2); has a trainer (1); the plans (1); today's day: the days, the last workout (2);
    # its targets: exercises with their Exercise, sets (2)
    with django_assert_num_queries(8):
        page.get(url("plan_list"))


@pytest.mark.parametrize("size", [1, 4])
def test_detail_query_count(login, trainer, their_client, size, django_assert_num_queries):
    plan = full_plan(their_client, trainer, days=size, exercises=size, sets=size)
    page = login(trainer)
    # session, user (2); access check (1); the plan (1); days, exercises, sets (3); may edit (1)
    with django_assert_num_queries(8):
        page.get(url("plan_detail", plan.pk))


@pytest.mark.parametrize("size", [1, 4])
def test_builder_query_count(login, trainer, their_client, size, django_assert_num_queries):
    plan = full_plan(their_client, trainer, days=size, exercises=size, sets=size)
    page = login(trainer)
    # session, user (2); access + may edit (2); the plan with its structure: access, plan, 3 levels (5)
    with django_assert_num_queries(9):
        page.get(url("plan_builder", plan.pk))


# --- Duplicate a day ------------------------------------------------------------------------------


def test_duplicate_day_with_htmx_and_without(login, trainer, plan):
    day = plan.days.get()
    page = login(trainer)
    response = page.post(url("plan_day_duplicate", day.pk), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="plan-days"' in html and "Day 1 (copy)" in html and "is copied as" in html
    copy = plan.days.get(position=1)
    assert copy.name == "Day 1 (copy)"
    assert copy.exercises.get().sets.count() == 1

    response = page.post(url("plan_day_duplicate", day.pk))  # without JavaScript: back to the new day
    newest = plan.days.get(position=1)
    assert response.status_code == 302 and response.url == url("plan_builder", plan.pk) + f"#day-{newest.pk}"
    assert list(plan.days.order_by("position").values_list("name", flat=True)) == [
        "Day 1",
        "Day 1 (copy)",
        "Day 1 (copy)",
    ]
    assert page.get(url("plan_day_duplicate", day.pk)).status_code == 405


def test_only_who_edits_the_plan_may_duplicate_a_day(login, trainer, their_client, other_trainer, other_client, plan):
    day = plan.days.get()
    # Their client sees the plan but may not change it; strangers do not learn it exists.
    assert login(their_client).post(url("plan_day_duplicate", day.pk), **HTMX).status_code == 403
    for stranger in (other_trainer, other_client):
        assert login(stranger).post(url("plan_day_duplicate", day.pk), **HTMX).status_code == 404
    assert plan.days.count() == 1
    assert login(trainer).post(url("plan_day_duplicate", day.pk), **HTMX).status_code == 200


@pytest.mark.parametrize("size", [1, 4])
def test_duplicate_day_query_count(login, trainer, their_client, size, django_assert_num_queries):
    plan = full_plan(their_client, trainer, days=size, exercises=size, sets=size)
    day = plan.days.order_by("position").first()
    page = login(trainer)
    # session, user (2); access (2); the copy: savepoint + release (2), may edit (1), lock (1), the plan's days
    # (1), shift the later days (1), read exercises and sets (2), insert day, exercises, sets (3); the days
    # again (5): any plan size.
    with django_assert_num_queries(20):
        page.post(url("plan_day_duplicate", day.pk), **HTMX)
    assert plan.days.count() == size + 1


# --- Copy the week ---------------------------------------------------------------------------------


def test_copy_week_with_htmx_and_without(login, trainer, their_client):
    plan = full_plan(their_client, trainer, days=2, exercises=2, sets=3, status=PlanStatus.DRAFT)
    page = login(trainer)
    html = page.get(url("plan_builder", plan.pk)).content.decode()
    assert f'hx-post="{url("plan_week_duplicate", plan.pk)}"' in html and "Copy week" in html

    response = page.post(url("plan_week_duplicate", plan.pk), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="plan-days"' in html and "The week is copied: 2 days added." in html
    assert html.index("Day 2") < html.index("Day 1 (copy)") < html.index("Day 2 (copy)")
    assert list(plan.days.order_by("position").values_list("name", flat=True)) == [
        "Day 1",
        "Day 2",
        "Day 1 (copy)",
        "Day 2 (copy)",
    ]
    assert PlanSet.objects.filter(plan_exercise__day__plan=plan).count() == 4 * 2 * 3

    response = page.post(url("plan_week_duplicate", plan.pk))  # without JavaScript: back to the first new day
    first_new = plan.days.get(position=4)
    assert response.status_code == 302 and response.url == url("plan_builder", plan.pk) + f"#day-{first_new.pk}"
    assert plan.days.count() == 8
    assert page.get(url("plan_week_duplicate", plan.pk)).status_code == 405


def test_copy_week_says_why_not_when_the_plan_would_pass_fourteen_days(login, trainer, their_client):
    plan = full_plan(their_client, trainer, days=8, status=PlanStatus.DRAFT)
    page = login(trainer)
    html = page.post(url("plan_week_duplicate", plan.pk), **HTMX).content.decode()
    assert "A plan has at most 14 days; this would make 16." in html
    assert plan.days.count() == 8
    empty = PlanFactory(client=their_client, author=trainer, status=PlanStatus.DRAFT)
    assert "Copy week" not in page.get(url("plan_builder", empty.pk)).content.decode()  # nothing to copy yet


def test_only_who_edits_the_plan_may_copy_its_week(login, trainer, their_client, other_trainer, other_client, plan):
    assert login(their_client).post(url("plan_week_duplicate", plan.pk), **HTMX).status_code == 403
    for stranger in (other_trainer, other_client):
        assert login(stranger).post(url("plan_week_duplicate", plan.pk), **HTMX).status_code == 404
    assert plan.days.count() == 1
    assert login(trainer).post(url("plan_week_duplicate", plan.pk), **HTMX).status_code == 200
    assert plan.days.count() == 2


@pytest.mark.parametrize("size", [2, 6])
def test_copy_week_query_count(login, trainer, their_client, size, django_assert_num_queries):
    plan = full_plan(their_client, trainer, days=size, exercises=3, sets=3)  # SQLite batches 999 parameters
    page = login(trainer)
    # session, user (2); access + may edit (2); the copy: savepoint + release (2), may edit (1), lock (1), days,
    # exercises, sets (3), insert days, exercises, sets (3); the days again (5): any number of days.
    with django_assert_num_queries(19):
        page.post(url("plan_week_duplicate", plan.pk), **HTMX)
    assert plan.days.count() == 2 * size


# --- Supersets ------------------------------------------------------------------------------------


def test_group_with_previous_shows_a1_a2_and_ungroup(login, trainer, their_client, other_trainer):
    plan = full_plan(their_client, trainer, exercises=3)
    day = plan.days.get()
    first, second, third = day.exercises.order_by("position")
    page = login(trainer)
    html = page.get(url("plan_builder", plan.pk)).content.decode()
    assert html.count("Group with previous</button>") == 2 and "superset-label" not in html

    response = page.post(url("plan_exercise_group", second.pk), {"action": "group"}, **HTMX)
    html = response.content.decode()
    assert f'id="day-{day.pk}"' in html
    assert '<span class="superset-label" title="Superset">A1</span>' in html
    assert '<span class="superset-label" title="Superset">A2</span>' in html
    assert html.count("Group with previous</button>") == 1 and html.count("Ungroup</button>") == 2
    second.refresh_from_db()
    assert second.superset_group == first.__class__.objects.get(pk=first.pk).superset_group == 1

    response = page.post(url("plan_exercise_group", first.pk), {"action": "group"})  # the first has none before it
    assert response.status_code == 302
    assert page.post(url("plan_exercise_group", third.pk), {"action": "swap"}, **HTMX).status_code == 400

    page.post(url("plan_exercise_group", first.pk), {"action": "ungroup"}, **HTMX)
    assert list(day.exercises.values_list("superset_group", flat=True)) == [None, None, None]
    assert login(other_trainer).post(url("plan_exercise_group", second.pk), {"action": "group"}).status_code == 404
    assert login(their_client).post(url("plan_exercise_group", second.pk), {"action": "group"}).status_code == 403
