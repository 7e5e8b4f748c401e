"""Plan selectors: visibility of lists, the nested detail, today's workout, week numbers and progression."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from accounts.tests.factories import ClientFactory
from workouts.models import PlanStatus
from workouts.selectors import plans as selectors
from workouts.tests.factories import (
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    TemplatePlanFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)

pytestmark = pytest.mark.django_db

# Monday 23 November 2026, 23:30 UTC: already Tuesday in Tokyo, still Monday in New York.
MONDAY_LATE_UTC = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)


def test_plan_list_scopes_to_the_user(trainer, their_client, other_trainer, other_client):
    mine = PlanFactory(client=their_client, author=trainer)
    template = TemplatePlanFactory(author=trainer)
    draft = PlanFactory(client=their_client, author=trainer, status=PlanStatus.DRAFT)
    foreign = PlanFactory(client=other_client, author=other_trainer)
    TemplatePlanFactory(author=other_trainer)

    assert set(selectors.plan_list(user=trainer)) == {mine, template, draft}
    assert set(selectors.plan_list(user=trainer, is_template=True)) == {template}
    assert set(selectors.plan_list(user=trainer, client_id=their_client.pk)) == {mine, draft}
    assert set(selectors.plan_list(user=trainer, client_id=other_client.pk)) == set()
    # A client does not see the draft their trainer is still writing.
    assert set(selectors.plan_list(user=their_client)) == {mine}
    assert set(selectors.plan_list(user=other_client)) == {foreign}


def test_plan_detail_prefetches_the_structure_in_order(trainer, their_client, django_assert_num_queries):
    plan = PlanFactory(client=their_client, author=trainer)
    second = PlanDayFactory(plan=plan, position=1, name="B")
    first = PlanDayFactory(plan=plan, position=0, name="A")
    item = PlanExerciseFactory(day=first, position=0)
    PlanSetFactory(plan_exercise=item, position=1, reps_min=5, reps_max=5)
    PlanSetFactory(plan_exercise=item, position=0, reps_min=8, reps_max=8)

    # the access check (1), the plan (1), days, exercises with their Exercise, sets (3)
    with django_assert_num_queries(5):
        detail = selectors.plan_detail(user=their_client, plan_id=plan.pk)
        days = list(detail.days.all())
        sets = [s.reps_min for s in days[0].exercises.all()[0].sets.all()]
        names = [e.exercise.name for day in days for e in day.exercises.all()]
    assert [day.pk for day in days] == [first.pk, second.pk]
    assert sets == [8, 5]
    assert names == [item.exercise.name]


def plan_with_days(client, *weekdays, **kwargs):
    plan = PlanFactory(client=client, status=PlanStatus.ACTIVE, **kwargs)
    days = [PlanDayFactory(plan=plan, position=i, name=f"D{i}", weekday=wd) for i, wd in enumerate(weekdays)]
    return plan, days


def test_today_is_the_day_of_todays_weekday_in_the_clients_time_zone():
    tokyo = ClientFactory(time_zone="Asia/Tokyo")
    new_york = ClientFactory(time_zone="America/New_York")
    _plan, tokyo_days = plan_with_days(tokyo, 0, 1, 3)
    _plan, ny_days = plan_with_days(new_york, 0, 1, 3)

    assert selectors.todays_plan_day(tokyo, MONDAY_LATE_UTC) == tokyo_days[1]  # Tuesday there
    assert selectors.todays_plan_day(new_york, MONDAY_LATE_UTC) == ny_days[0]  # Monday there
    assert selectors.client_today(tokyo, MONDAY_LATE_UTC) == date(2026, 11, 24)


def test_today_without_a_weekday_is_the_day_after_the_last_workout_wrapping_around():
    client = ClientFactory()
    _plan, (a, b, c) = plan_with_days(client, None, None, None)

    assert selectors.todays_plan_day(client, MONDAY_LATE_UTC) == a  # nothing done yet: the first day

    WorkoutFactory(user=client, plan_day=a, started_at=MONDAY_LATE_UTC - timedelta(days=3))
    WorkoutFactory(user=client, plan_day=b, started_at=MONDAY_LATE_UTC - timedelta(days=2))
    WorkoutFactory(user=client, plan_day=None, started_at=MONDAY_LATE_UTC - timedelta(days=1, hours=3))
    assert selectors.todays_plan_day(client, MONDAY_LATE_UTC) == c

    WorkoutFactory(user=client, plan_day=c, started_at=MONDAY_LATE_UTC - timedelta(days=1, hours=2))
    assert selectors.todays_plan_day(client, MONDAY_LATE_UTC) == a


def test_a_workout_finished_today_is_todays_done_and_the_next_day_waits_for_tomorrow():
    client = ClientFactory()
    _plan, (a, b, c) = plan_with_days(client, None, None, None)
    WorkoutFactory(user=client, plan_day=a, started_at=MONDAY_LATE_UTC - timedelta(days=1))
    assert selectors.plan_today(client, MONDAY_LATE_UTC) == selectors.PlanToday(day=b)

    done = WorkoutFactory(user=client, plan_day=b, started_at=MONDAY_LATE_UTC - timedelta(hours=2))
    entry = WorkoutExerciseFactory(workout=done)
    WorkoutSetFactory(workout_exercise=entry, set_type="warmup")
    WorkoutSetFactory.create_batch(2, workout_exercise=entry)

    today = selectors.plan_today(client, MONDAY_LATE_UTC)
    assert (today.day, today.done, today.next_day) == (b, done, c)  # b stays today's, done; c is offered next
    assert today.done.working_sets == 2
    assert selectors.todays_plan_day(client, MONDAY_LATE_UTC) == b
    assert selectors.plan_today(client, MONDAY_LATE_UTC + timedelta(days=1)) == selectors.PlanToday(day=c)


def test_a_workout_in_progress_today_makes_its_day_todays_not_done():
    client = ClientFactory()
    _plan, (_a, b, _c) = plan_with_days(client, 0, None, None)  # a is Monday's, but b was started today
    WorkoutFactory(user=client, plan_day=b, started_at=MONDAY_LATE_UTC - timedelta(hours=1), ended_at=None)
    assert selectors.plan_today(client, MONDAY_LATE_UTC) == selectors.PlanToday(day=b)


def test_done_today_is_the_clients_today():
    """A workout at 14:00 UTC on Monday was 23:00 Monday in Tokyo: at 23:30 UTC it is Tuesday there, not done."""
    tokyo = ClientFactory(time_zone="Asia/Tokyo")
    new_york = ClientFactory(time_zone="America/New_York")
    _plan, (tokyo_a, tokyo_b) = plan_with_days(tokyo, None, None)
    _plan, (ny_a, ny_b) = plan_with_days(new_york, None, None)
    afternoon = MONDAY_LATE_UTC - timedelta(hours=9, minutes=30)
    WorkoutFactory(user=tokyo, plan_day=tokyo_a, started_at=afternoon)
    ny_workout = WorkoutFactory(user=new_york, plan_day=ny_a, started_at=afternoon)

    assert selectors.plan_today(tokyo, MONDAY_LATE_UTC) == selectors.PlanToday(day=tokyo_b)
    assert selectors.plan_today(new_york, MONDAY_LATE_UTC) == selectors.PlanToday(
        day=ny_a, done=ny_workout, next_day=ny_b
    )


def test_after_a_weekday_workout_the_next_is_the_next_scheduled_day():
    client = ClientFactory(time_zone="America/New_York")
    _plan, (monday, wednesday, friday) = plan_with_days(client, 0, 2, 4)
    done = WorkoutFactory(user=client, plan_day=monday, started_at=MONDAY_LATE_UTC - timedelta(hours=3))
    today = selectors.plan_today(client, MONDAY_LATE_UTC)
    assert (today.day, today.done, today.next_day) == (monday, done, wednesday)

    on_friday = MONDAY_LATE_UTC + timedelta(days=4)
    WorkoutFactory(user=client, plan_day=friday, started_at=on_friday - timedelta(hours=3))
    assert selectors.plan_today(client, on_friday).next_day == monday  # wrapping around

    # tomorrow's day done a day early is not offered next again
    on_tuesday = MONDAY_LATE_UTC + timedelta(days=8)
    WorkoutFactory(user=client, plan_day=wednesday, started_at=on_tuesday - timedelta(hours=3))
    assert selectors.plan_today(client, on_tuesday).next_day == friday
    # ... nor on its weekday: on Wednesday it is done already, Friday's day comes (it said so on Tuesday)
    assert selectors.plan_today(client, on_tuesday + timedelta(days=1)) == selectors.PlanToday(day=friday)
    # a week later the Wednesday day is due again
    assert selectors.plan_today(client, on_tuesday + timedelta(days=8)).day == wednesday


def test_a_workout_of_another_plan_does_not_count():
    client = ClientFactory()
    old, (old_day,) = plan_with_days(client, None)
    old.status = PlanStatus.ARCHIVED
    old.save()
    _plan, (a, _b) = plan_with_days(client, None, None)
    WorkoutFactory(user=client, plan_day=old_day)
    assert selectors.todays_plan_day(client, MONDAY_LATE_UTC) == a


def test_no_active_plan_or_no_days_means_no_workout_today():
    client = ClientFactory()
    assert selectors.todays_plan_day(client) is None
    PlanFactory(client=client, status=PlanStatus.ACTIVE)
    assert selectors.todays_plan_day(client) is None


def test_week_number():
    plan = PlanFactory.build(start_date=date(2026, 11, 2), weeks=4)
    assert selectors.plan_week_number(plan, date(2026, 11, 1)) == 1
    assert selectors.plan_week_number(plan, date(2026, 11, 8)) == 1
    assert selectors.plan_week_number(plan, date(2026, 11, 9)) == 2
    assert selectors.plan_week_number(plan, date(2026, 11, 23)) == 4
    assert selectors.plan_week_number(plan, date(2027, 3, 1)) == 4  # stays in the last week
    assert selectors.plan_week_number(PlanFactory.build(start_date=None), date(2026, 11, 9)) == 1


def test_plan_day_targets_apply_the_weekly_progression():
    client = ClientFactory()
    _plan, (day,) = plan_with_days(client, None, start_date=date(2026, 11, 2), weeks=6)
    squat = PlanExerciseFactory(day=day, position=0)
    PlanSetFactory(
        plan_exercise=squat,
        position=0,
        reps_min=5,
        reps_max=5,
        target_weight_kg=Decimal("100"),
        weight_increment_kg=Decimal("2.5"),
        target_rpe=Decimal("8"),
    )
    curl = PlanExerciseFactory(day=day, position=1)
    PlanSetFactory(plan_exercise=curl, position=0, reps_min=8, reps_max=12, target_weight_kg=None, reps_increment=1)

    first_week = selectors.plan_day_targets(day, date(2026, 11, 4))
    third_week = selectors.plan_day_targets(day, date(2026, 11, 18))

    assert [item for item, _ in third_week] == [squat, curl]
    [squat_set] = first_week[0][1]
    assert (squat_set.weight_kg, squat_set.reps, squat_set.rpe) == (Decimal("100"), 5, Decimal("8"))
    [squat_set] = third_week[0][1]
    assert squat_set.weight_kg == Decimal("105")
    [curl_set] = third_week[1][1]
    assert (curl_set.reps_min, curl_set.reps_max, curl_set.weight_kg, curl_set.is_range) == (10, 14, None, True)
