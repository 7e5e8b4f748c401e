"""The built-in catalogue, as the migration left it in the test database."""

from __future__ import annotations

from collections import Counter

import pytest

from accounts.models import Equipment
from workouts.data.exercises import CATALOGUE, load_catalogue
from workouts.models import Exercise, ExerciseType, Mechanic, MuscleGroup

pytestmark = pytest.mark.django_db


def builtins():
    return Exercise.objects.filter(owner__isnull=True)


def test_at_least_150_builtins_after_migrate():
    assert builtins().count() >= 150
    assert builtins().count() == len(CATALOGUE)


def test_every_value_is_in_its_vocabulary():
    for exercise in builtins():
        assert exercise.primary_muscle in MuscleGroup.values, exercise
        assert isinstance(exercise.secondary_muscles, list), exercise
        assert set(exercise.secondary_muscles) <= set(MuscleGroup.values), exercise
        assert exercise.primary_muscle not in exercise.secondary_muscles, exercise
        assert exercise.equipment in Equipment.values, exercise
        assert exercise.exercise_type in ExerciseType.values, exercise
        assert exercise.mechanic in Mechanic.values, exercise
        assert exercise.name.strip() == exercise.name and exercise.name, exercise
        assert 20 <= len(exercise.instructions) <= 600, exercise


def test_name_and_equipment_are_unique_ignoring_case():
    keys = Counter((name.lower(), equipment) for name, equipment in builtins().values_list("name", "equipment"))
    assert [key for key, count in keys.items() if count > 1] == []


def test_every_equipment_group_and_exercise_type_is_present():
    assert set(builtins().values_list("equipment", flat=True)) == set(Equipment.values)
    assert set(builtins().values_list("exercise_type", flat=True)) == set(ExerciseType.values)
    assert set(builtins().values_list("mechanic", flat=True)) == set(Mechanic.values)


@pytest.mark.parametrize(
    ("name", "equipment", "exercise_type"),
    [
        ("Bench Press (Barbell)", "barbell", "weight_reps"),
        ("Squat (Barbell)", "barbell", "weight_reps"),
        ("Lateral Raise (Dumbbell)", "dumbbell", "weight_reps"),
        ("Lat Pulldown (Cable)", "machine", "weight_reps"),
        ("Swing (Kettlebell)", "kettlebell", "weight_reps"),
        ("Pull Up", "none", "bodyweight_reps"),
        ("Assisted Pull Up (Machine)", "machine", "bodyweight_assisted_reps"),
        ("Band Pull Apart", "resistance_band", "reps_only"),
        ("Running", "none", "distance_duration"),
        ("Cycling", "other", "distance_duration"),
        ("Rowing Machine", "machine", "distance_duration"),
        ("Elliptical Trainer", "machine", "distance_duration"),
        ("Stair Climber", "machine", "duration"),
        ("Jump Rope", "other", "duration"),
        ("Swimming", "none", "distance_duration"),
        ("Walking", "none", "distance_duration"),
        ("Farmers Walk (Dumbbell)", "dumbbell", "short_distance_weight"),
        ("Sled Push", "other", "short_distance_weight"),
        ("Plank", "none", "duration"),
        ("Dead Hang", "none", "duration"),
        ("Wall Sit", "none", "duration"),
        ("Plank (Weighted)", "plate", "weight_duration"),
    ],
)
def test_the_usual_movements_are_there(name, equipment, exercise_type):
    exercise = builtins().get(name=name, equipment=equipment)
    assert exercise.exercise_type == exercise_type


def test_every_muscle_group_of_training_is_a_primary_somewhere():
    primaries = set(builtins().values_list("primary_muscle", flat=True))
    assert set(MuscleGroup.values) - primaries == set()


def test_loading_again_changes_nothing_and_restores_edits():
    before = builtins().count()
    bench = builtins().get(name="Bench Press (Barbell)")
    bench.instructions = "changed"
    bench.save(update_fields=["instructions"])

    load_catalogue(Exercise)

    assert builtins().count() == before
    bench.refresh_from_db()
    assert bench.instructions.startswith("Lie on a flat bench")
