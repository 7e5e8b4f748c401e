# ruff: noqa: RUF001  (the pages use the multiplication sign, as in "3 x 8 @ 60 kg")
"""Workout services: start, nested create, sets, finish, edit, delete, comments, and every validation rule."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fitnesspr.errors import ApplicationError, ConflictError, ForbiddenError
from workouts.models import ExerciseType, Workout, WorkoutComment, WorkoutSet
from workouts.selectors.access import plan_day_for_user
from workouts.selectors.workouts import previous_performance, summarize_sets
from workouts.services import comments, workouts
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)

pytestmark = pytest.mark.django_db


def create(user, *sets, exercise=None, **extra):
    exercise = exercise or ExerciseFactory()
    data = {"exercises": [{"exercise": exercise.pk, "sets": list(sets)}], **extra}
    return workouts.workout_create(user=user, data=data)


def fields_of(excinfo):
    return excinfo.value.fields


# --- Starting and creating -------------------------------------------------------------------------


def test_start_empty_is_in_progress_with_a_default_name(their_client):
    workout = workouts.workout_start(user=their_client)
    assert workout.ended_at is None and workout.name.endswith("workout") and workout.user == their_client


def test_start_from_a_plan_day_adds_its_exercises_in_order(their_client, trainer):
    day = PlanDayFactory(plan=PlanFactory(client=their_client, author=trainer), name="Push")
    second = PlanExerciseFactory(day=day, position=1)
    first = PlanExerciseFactory(day=day, position=0, superset_group=1)
    workout = workouts.workout_start(user=their_client, plan_day=day)
    rows = list(workout.exercises.order_by("position"))
    assert workout.name == "Push" and workout.plan_day == day
    assert [r.exercise_id for r in rows] == [first.exercise_id, second.exercise_id]
    assert rows[0].superset_group == 1


def test_plan_day_of_someone_else_is_refused(their_client, other_client):
    day = PlanDayFactory(plan=PlanFactory(client=other_client))
    with pytest.raises(ApplicationError) as excinfo:
        plan_day_for_user(user=their_client, plan_day_id=day.pk)
    assert "plan_day" in fields_of(excinfo)


def test_create_nested_workout(their_client):
    started = timezone.now() - timedelta(hours=2)
    workout = create(
        their_client,
        {"reps": 8, "weight_kg": Decimal("60")},
        {"reps": 6, "weight_kg": "62.5", "rpe": "8.5", "set_type": "failure"},
        started_at=started,
        ended_at=started + timedelta(minutes=50),
        name="Legs",
    )
    sets = list(WorkoutSet.objects.filter(workout_exercise__workout=workout).order_by("position"))
    assert workout.name == "Legs" and workout.duration_seconds == 3000
    assert [(s.reps, s.weight_kg, s.rpe, s.set_type) for s in sets] == [
        (8, Decimal("60.00"), None, "normal"),
        (6, Decimal("62.50"), Decimal("8.5"), "failure"),
    ]


# --- Validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"set_type": "superset"}, "set_type"),
        ({"rpe": "5.5"}, "rpe"),
        ({"rpe": "10.5"}, "rpe"),
        ({"rpe": "7.3"}, "rpe"),
        ({"reps": -1}, "reps"),
        ({"weight_kg": "-5"}, "weight_kg"),
        ({"distance_m": "-1"}, "distance_m"),
        ({"duration_seconds": -10}, "duration_seconds"),
        ({"reps": "many"}, "reps"),
        ({"reps": None}, "reps"),  # weight_reps needs reps
        ({"weight_kg": None}, "weight_kg"),  # ... and a weight
        ({"reps": 1001}, "reps"),
        ({"weight_kg": "60.123"}, "weight_kg"),
    ],
)
def test_set_validation_names_the_field(their_client, bad, field):
    good = {"reps": 8, "weight_kg": Decimal("60")}
    with pytest.raises(ApplicationError) as excinfo:
        create(their_client, good, good, {**good, **bad})
    assert list(fields_of(excinfo)) == [f"exercises.0.sets.2.{field}"]
    assert Workout.objects.count() == 0


def test_rpe_steps_of_half_are_fine(their_client):
    create(their_client, *({"reps": 5, "weight_kg": 50, "rpe": rpe} for rpe in ("6", "7.5", "10", None)))


@pytest.mark.parametrize(
    ("exercise_type", "needs"),
    [
        (ExerciseType.DURATION, {"duration_seconds"}),
        (ExerciseType.DISTANCE_DURATION, {"distance_m", "duration_seconds"}),
        (ExerciseType.REPS_ONLY, {"reps"}),
        (ExerciseType.WEIGHT_DURATION, {"weight_kg", "duration_seconds"}),
    ],
)
def test_each_exercise_type_needs_its_measures(their_client, exercise_type, needs):
    exercise = ExerciseFactory(exercise_type=exercise_type)
    with pytest.raises(ApplicationError) as excinfo:
        create(their_client, {"rpe": 7}, exercise=exercise)
    assert set(fields_of(excinfo)) == {f"exercises.0.sets.0.{name}" for name in needs}


def test_cardio_keeps_distance_and_duration(their_client):
    run = ExerciseFactory(exercise_type=ExerciseType.DISTANCE_DURATION, equipment="none")
    workout = create(their_client, {"distance_m": "5000", "duration_seconds": 1500}, exercise=run)
    saved = WorkoutSet.objects.get(workout_exercise__workout=workout)
    assert (saved.distance_m, saved.duration_seconds, saved.reps) == (Decimal("5000.0"), 1500, None)


def test_end_must_be_after_start(their_client):
    started = timezone.now() - timedelta(hours=1)
    with pytest.raises(ApplicationError) as excinfo:
        create(their_client, started_at=started, ended_at=started - timedelta(minutes=1))
    assert "ended_at" in fields_of(excinfo)


def test_no_workout_in_the_future_beyond_a_small_clock_skew(their_client):
    create(their_client, {"reps": 1, "weight_kg": 1}, started_at=timezone.now() + timedelta(minutes=4))
    with pytest.raises(ApplicationError) as excinfo:
        create(their_client, started_at=timezone.now() + timedelta(minutes=10))
    assert "started_at" in fields_of(excinfo)


def test_the_exercise_must_be_visible(their_client, other_client):
    private = ExerciseFactory(owner=other_client)
    with pytest.raises(ApplicationError) as excinfo:
        create(their_client, {"reps": 8, "weight_kg": 60}, exercise=private)
    assert list(fields_of(excinfo)) == ["exercises.0.exercise"]


def test_the_trainers_custom_exercise_is_fine_for_their_client(their_client, trainer):
    create(their_client, {"reps": 8, "weight_kg": 60}, exercise=ExerciseFactory(owner=trainer))


def test_set_add_validates_with_plain_field_names(their_client):
    row = WorkoutExerciseFactory(workout=WorkoutFactory(user=their_client, ended_at=None))
    with pytest.raises(ApplicationError) as excinfo:
        workouts.set_add(workout_exercise=row, data={"reps": 8, "weight_kg": 60, "rpe": 11})
    assert list(fields_of(excinfo)) == ["rpe"]


# --- Sets, exercises, finishing, editing -------------------------------------------------------------


def test_set_add_update_delete(their_client):
    workout = workouts.workout_start(user=their_client)
    row = workouts.exercise_add(workout=workout, exercise_id=ExerciseFactory().pk)
    first = workouts.set_add(workout_exercise=row, data={"reps": 8, "weight_kg": Decimal("60")})
    second = workouts.set_add(workout_exercise=row, data={"reps": 8, "weight_kg": Decimal("60"), "set_type": "dropset"})
    assert (first.position, second.position) == (0, 1)
    workouts.set_update(workout_set=first, data={"reps": 5, "weight_kg": Decimal("100")})
    first.refresh_from_db()
    assert (first.reps, first.estimated_1rm_kg) == (5, Decimal("116.67"))
    workouts.set_delete(workout_set=second)
    assert list(row.sets.all()) == [first]


def test_sets_add_in_bulk_by_exercise_or_entry(their_client):
    workout = workouts.workout_start(user=their_client)
    row = workouts.exercise_add(workout=workout, exercise_id=ExerciseFactory().pk)
    other = ExerciseFactory()
    created = workouts.sets_add(
        workout=workout,
        items=[
            {"workout_exercise": row.pk, "reps": 5, "weight_kg": 80},
            {"exercise": other.pk, "reps": 10, "weight_kg": 20},
            {"exercise": other.pk, "reps": 9, "weight_kg": 20},
        ],
    )
    assert len(created) == 3
    assert [(r.exercise_id, r.sets.count()) for r in workout.exercises.order_by("position")] == [
        (row.exercise_id, 1),
        (other.pk, 2),
    ]


def test_sets_add_refuses_an_entry_of_another_workout(their_client):
    workout = workouts.workout_start(user=their_client)
    foreign = WorkoutExerciseFactory(workout=WorkoutFactory(user=their_client))
    with pytest.raises(ApplicationError) as excinfo:
        workouts.sets_add(workout=workout, items=[{"workout_exercise": foreign.pk, "reps": 5, "weight_kg": 50}])
    assert list(fields_of(excinfo)) == ["sets.0.workout_exercise"]


def test_exercise_reorder_and_remove(their_client):
    workout = workouts.workout_start(user=their_client)
    a = workouts.exercise_add(workout=workout, exercise_id=ExerciseFactory().pk)
    b = workouts.exercise_add(workout=workout, exercise_id=ExerciseFactory().pk)
    workouts.exercise_reorder(workout=workout, order=[b.pk, a.pk])
    assert list(workout.exercises.order_by("position")) == [b, a]
    with pytest.raises(ApplicationError):
        workouts.exercise_reorder(workout=workout, order=[b.pk])
    workouts.exercise_remove(workout_exercise=a)
    assert list(workout.exercises.all()) == [b]


def test_finish_saves_the_duration_once(their_client):
    workout = workouts.workout_start(user=their_client, started_at=timezone.now() - timedelta(minutes=45))
    workouts.workout_finish(workout=workout)
    assert 45 * 60 <= workout.duration_seconds < 46 * 60
    with pytest.raises(ConflictError):
        workouts.workout_finish(workout=workout)


def test_update_checks_times_and_name(their_client):
    workout = WorkoutFactory(user=their_client)
    with pytest.raises(ApplicationError) as excinfo:
        workouts.workout_update(workout=workout, data={"ended_at": workout.started_at - timedelta(minutes=5)})
    assert "ended_at" in fields_of(excinfo)
    with pytest.raises(ApplicationError) as excinfo:
        workouts.workout_update(workout=workout, data={"name": " "})
    assert "name" in fields_of(excinfo)
    workouts.workout_update(workout=workout, data={"name": "Heavy day", "notes": "Felt strong"})
    workout.refresh_from_db()
    assert (workout.name, workout.notes) == ("Heavy day", "Felt strong")


def test_delete_removes_everything(their_client):
    workout = create(their_client, {"reps": 8, "weight_kg": 60})
    workouts.workout_delete(workout=workout)
    assert not Workout.objects.exists() and not WorkoutSet.objects.exists()


# --- Comments ------------------------------------------------------------------------------------


def test_trainer_comments_and_the_client_is_told(
    their_client, trainer, monkeypatch, django_capture_on_commit_callbacks
):
    pushed = []
    monkeypatch.setattr("notifications.realtime.push_to_user", lambda user, kind, data: pushed.append((user, kind)))
    workout = WorkoutFactory(user=their_client)
    with django_capture_on_commit_callbacks(execute=True):
        comment = comments.comment_create(author=trainer, workout=workout, body=" Great depth! ")
    assert comment.body == "Great depth!"
    assert pushed == [(their_client.pk, "workout.comment")]
    with django_capture_on_commit_callbacks(execute=True):
        comments.comment_create(author=their_client, workout=workout, body="Thanks")
    assert pushed[-1] == (trainer.pk, "workout.comment")


def test_strangers_cannot_comment_and_empty_comments_are_refused(their_client, trainer, other_trainer):
    workout = WorkoutFactory(user=their_client)
    with pytest.raises(ForbiddenError):
        comments.comment_create(author=other_trainer, workout=workout, body="Hi")
    with pytest.raises(ApplicationError) as excinfo:
        comments.comment_create(author=trainer, workout=workout, body="  ")
    assert "body" in fields_of(excinfo)


def test_only_the_author_deletes_a_comment(their_client, trainer):
    comment = comments.comment_create(author=trainer, workout=WorkoutFactory(user=their_client), body="Hi")
    with pytest.raises(ForbiddenError):
        comments.comment_delete(user=their_client, comment=comment)
    comments.comment_delete(user=trainer, comment=comment)
    assert not WorkoutComment.objects.exists()


# --- Last time -----------------------------------------------------------------------------------


def test_previous_performance_summarises_the_latest_earlier_sets(their_client, django_assert_num_queries):
    bench, squat, new = ExerciseFactory(), ExerciseFactory(), ExerciseFactory()
    old = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=9))
    last = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=2))
    WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(workout=old, exercise=bench), reps=5, weight_kg=50)
    row = WorkoutExerciseFactory(workout=last, exercise=bench)
    WorkoutSetFactory(workout_exercise=row, set_type="warmup", reps=10, weight_kg=20, position=0)
    for position in (1, 2, 3):
        WorkoutSetFactory(workout_exercise=row, reps=8, weight_kg=60, position=position)
    squat_row = WorkoutExerciseFactory(workout=last, exercise=squat)
    WorkoutSetFactory(workout_exercise=squat_row, reps=5, weight_kg=100, position=0)
    WorkoutSetFactory(workout_exercise=squat_row, reps=3, weight_kg=110, position=1)
    WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(exercise=bench), reps=1, weight_kg=999)  # someone else

    # 1 the latest earlier entry per exercise (a subquery each), 2 their sets
    with django_assert_num_queries(2):
        found = previous_performance(
            user=their_client, exercise_ids=[bench.pk, squat.pk, new.pk], before=timezone.now()
        )
    assert found == {bench.pk: "3 × 8 @ 60 kg", squat.pk: "1 × 5 @ 100 kg, 1 × 3 @ 110 kg"}


def test_previous_performance_in_pounds_and_for_cardio(their_client):
    their_client.units = "lb"
    row = WorkoutExerciseFactory(workout=WorkoutFactory(user=their_client))
    WorkoutSetFactory(workout_exercise=row, reps=8, weight_kg=Decimal("60"))
    assert previous_performance(user=their_client, exercise_ids=[row.exercise_id], before=timezone.now()) == {
        row.exercise_id: "1 × 8 @ 132.3 lb"
    }
    run = WorkoutSet(reps=None, weight_kg=None, distance_m=Decimal("5000"), duration_seconds=1500)
    assert summarize_sets([run], "kg") == "1 × 5.0 km in 25:00"
