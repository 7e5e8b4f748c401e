"""Custom exercises: adding, changing and deleting them through the services."""

from __future__ import annotations

import pytest

from fitnesspr.errors import ApplicationError, ConflictError, ForbiddenError
from workouts.models import Exercise
from workouts.services.exercises import exercise_create, exercise_delete, exercise_update
from workouts.tests.factories import ExerciseFactory, PlanExerciseFactory, WorkoutExerciseFactory

pytestmark = pytest.mark.django_db


def create(user, **overrides):
    data = {
        "user": user,
        "name": "Zottman Curl (Dumbbell)",
        "primary_muscle": "biceps",
        "secondary_muscles": ["forearms"],
        "equipment": "dumbbell",
        "exercise_type": "weight_reps",
        "mechanic": "isolation",
        "instructions": "Curl up palms up, turn the palms down at the top, lower slowly.",
    }
    data.update(overrides)
    return exercise_create(**data)


def test_a_trainer_adds_a_custom_exercise(trainer):
    exercise = create(trainer, name="  Zottman   Curl (Dumbbell) ")
    exercise.refresh_from_db()
    assert exercise.owner == trainer and exercise.is_custom
    assert exercise.name == "Zottman Curl (Dumbbell)"
    assert exercise.secondary_muscles == ["forearms"]
    assert exercise.mechanic == "isolation"


def test_a_client_adds_their_own(their_client):
    assert create(their_client).owner == their_client


def test_the_primary_muscle_is_dropped_from_the_secondaries_and_duplicates_removed(trainer):
    exercise = create(trainer, secondary_muscles=["biceps", "forearms", "forearms"])
    assert exercise.secondary_muscles == ["forearms"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("primary_muscle", "back"),
        ("equipment", "cable"),
        ("exercise_type", "reps"),
        ("mechanic", "both"),
        ("secondary_muscles", ["forearms", "wings"]),
        ("secondary_muscles", "forearms"),
        ("name", "   "),
        ("name", "x" * 121),
    ],
)
def test_bad_values_are_refused_per_field(trainer, field, value):
    with pytest.raises(ApplicationError) as raised:
        create(trainer, **{field: value})
    assert field in raised.value.fields
    assert not Exercise.objects.filter(owner=trainer).exists()


def test_the_same_name_as_a_builtin_is_refused_ignoring_case(trainer):
    with pytest.raises(ConflictError) as raised:
        create(trainer, name="bench press (barbell)", equipment="barbell")
    assert raised.value.code == "exercise_exists"
    assert "built-in" in raised.value.message
    assert "name" in raised.value.fields


def test_the_same_name_with_other_equipment_is_allowed(trainer):
    assert create(trainer, name="Bench Press (Barbell)", equipment="other").equipment == "other"


def test_a_client_cannot_repeat_their_trainers_exercise(trainer, their_client):
    create(trainer)
    with pytest.raises(ConflictError, match="added by Tara Trainer"):
        create(their_client)


def test_a_stranger_may_use_the_same_name(trainer, other_client):
    create(trainer)
    assert create(other_client).owner == other_client


def test_the_owner_updates_only_the_given_fields(trainer):
    exercise = create(trainer)
    updated = exercise_update(user=trainer, exercise=exercise, data={"name": "Zottman Curl", "mechanic": "compound"})
    updated.refresh_from_db()
    assert (updated.name, updated.mechanic, updated.primary_muscle) == ("Zottman Curl", "compound", "biceps")


def test_updating_to_an_existing_name_is_refused(trainer):
    create(trainer, name="Curl A")
    second = create(trainer, name="Curl B")
    with pytest.raises(ConflictError):
        exercise_update(user=trainer, exercise=second, data={"name": "curl a"})
    second.refresh_from_db()
    assert second.name == "Curl B"


def test_updating_with_a_bad_value_changes_nothing(trainer):
    exercise = create(trainer)
    with pytest.raises(ApplicationError):
        exercise_update(user=trainer, exercise=exercise, data={"name": "New", "equipment": "spaceship"})
    exercise.refresh_from_db()
    assert exercise.name == "Zottman Curl (Dumbbell)"


def test_unknown_fields_are_refused(trainer):
    exercise = create(trainer)
    with pytest.raises(ApplicationError) as raised:
        exercise_update(user=trainer, exercise=exercise, data={"owner": None})
    assert "owner" in raised.value.fields


def test_only_the_owner_may_update_or_delete(trainer, their_client):
    exercise = create(trainer)
    with pytest.raises(ForbiddenError):
        exercise_update(user=their_client, exercise=exercise, data={"name": "Mine now"})
    with pytest.raises(ForbiddenError):
        exercise_delete(user=their_client, exercise=exercise)
    assert Exercise.objects.filter(pk=exercise.pk, name="Zottman Curl (Dumbbell)").exists()


def test_builtins_cannot_be_changed_or_deleted(trainer):
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner__isnull=True)
    with pytest.raises(ForbiddenError, match="Built-in"):
        exercise_update(user=trainer, exercise=bench, data={"name": "Mine"})
    with pytest.raises(ForbiddenError):
        exercise_delete(user=trainer, exercise=bench)


def test_the_owner_deletes_an_unused_exercise(their_client):
    exercise = create(their_client)
    exercise_delete(user=their_client, exercise=exercise)
    assert not Exercise.objects.filter(pk=exercise.pk).exists()


def test_deleting_an_exercise_used_in_a_plan_gives_a_clear_error(trainer):
    exercise = ExerciseFactory(owner=trainer)
    PlanExerciseFactory(exercise=exercise)
    with pytest.raises(ConflictError) as raised:
        exercise_delete(user=trainer, exercise=exercise)
    assert raised.value.code == "exercise_in_use"
    assert "1 plan" in raised.value.message
    assert Exercise.objects.filter(pk=exercise.pk).exists()


def test_deleting_an_exercise_used_in_a_workout_gives_a_clear_error(their_client):
    exercise = ExerciseFactory(owner=their_client)
    WorkoutExerciseFactory(exercise=exercise)
    WorkoutExerciseFactory(exercise=exercise)
    with pytest.raises(ConflictError, match="2 logged workouts"):
        exercise_delete(user=their_client, exercise=exercise)
