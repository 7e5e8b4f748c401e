"""Every write to the exercise library: custom exercises of trainers and clients.

Built-ins (no owner) come from the catalogue migration and are edited by staff in the admin only. A
custom exercise belongs to the user who added it; the access rule (workouts.selectors.access) shows it to
their trainer or clients too, and only the owner changes or deletes it. A name may not repeat, with the
same equipment, an exercise the user can already see, so pickers never show two look-alikes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from accounts.models import Equipment, User
from fitnesspr.errors import ApplicationError, ConflictError, ForbiddenError
from workouts.models import Exercise, ExerciseType, Mechanic, MuscleGroup, PlanExercise, WorkoutExercise
from workouts.selectors.access import exercises_visible_to

EXERCISE_FIELDS = (
    "name",
    "primary_muscle",
    "secondary_muscles",
    "equipment",
    "exercise_type",
    "mechanic",
    "instructions",
)
NAME_MAX_LENGTH = Exercise._meta.get_field("name").max_length


def _full_clean(exercise: Exercise) -> None:
    try:
        # The duplicate check below gives the clearer message (and the database constraint backs it up).
        exercise.full_clean(exclude=["owner"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ApplicationError("Please correct the errors below.", code="invalid", fields=error.message_dict) from None


def _clean_values(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise the input and check the vocabularies; errors are collected per field."""
    errors: dict[str, list[str]] = {}
    values = dict(data)
    if "name" in values:
        values["name"] = " ".join(str(values["name"] or "").split())
        if not values["name"]:
            errors["name"] = ["Give the exercise a name."]
        elif len(values["name"]) > NAME_MAX_LENGTH:
            errors["name"] = [f"Keep the name to {NAME_MAX_LENGTH} characters."]
    vocabularies = {
        "primary_muscle": (MuscleGroup, "muscle group"),
        "equipment": (Equipment, "equipment"),
        "exercise_type": (ExerciseType, "exercise type"),
        "mechanic": (Mechanic, "mechanic"),
    }
    for field, (choices, label) in vocabularies.items():
        if field in values and values[field] not in choices.values:
            errors[field] = [f"Choose a valid {label}: {', '.join(choices.values)}."]
    if "secondary_muscles" in values:
        muscles = values["secondary_muscles"] or []
        if isinstance(muscles, str) or not isinstance(muscles, Iterable):
            errors["secondary_muscles"] = ["Give a list of muscle groups."]
        else:
            unknown = [str(muscle) for muscle in muscles if muscle not in MuscleGroup.values]
            if unknown:
                errors["secondary_muscles"] = [f"Unknown muscle groups: {', '.join(unknown)}."]
            else:
                values["secondary_muscles"] = list(dict.fromkeys(muscles))
    if "instructions" in values:
        values["instructions"] = (values["instructions"] or "").strip()
    if errors:
        raise ApplicationError("Please correct the errors below.", code="invalid", fields=errors)
    return values


def _check_not_duplicate(*, user: User, exercise: Exercise) -> None:
    clash = (
        exercises_visible_to(user)
        .filter(name__iexact=exercise.name, equipment=exercise.equipment)
        .exclude(pk=exercise.pk)
        .first()
    )
    if clash is not None:
        if clash.owner_id is None:
            where = "the built-in library"
        elif clash.owner_id == user.pk:
            where = "your library"
        else:
            where = f"the library, added by {clash.owner.display_name}"
        raise ConflictError(
            f"“{clash.name}” with this equipment is already in {where}: use it, or choose another name.",
            code="exercise_exists",
            fields={"name": [f"“{clash.name}” with this equipment already exists."]},
        )


def _save(exercise: Exercise, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            exercise.save(**kwargs)
    except IntegrityError:
        # Two requests adding the same exercise at once: the unique constraint decides.
        raise ConflictError(
            "You already have an exercise with this name and equipment.",
            code="exercise_exists",
            fields={"name": ["You already have an exercise with this name and equipment."]},
        ) from None


@transaction.atomic
def exercise_create(
    *,
    user: User,
    name: str,
    primary_muscle: str,
    equipment: str,
    exercise_type: str = ExerciseType.WEIGHT_REPS,
    mechanic: str = Mechanic.COMPOUND,
    secondary_muscles: Iterable[str] = (),
    instructions: str = "",
) -> Exercise:
    """Add a custom exercise owned by `user` (a trainer or a client)."""
    values = _clean_values(
        {
            "name": name,
            "primary_muscle": primary_muscle,
            "secondary_muscles": list(secondary_muscles or []),
            "equipment": equipment,
            "exercise_type": exercise_type,
            "mechanic": mechanic,
            "instructions": instructions,
        }
    )
    values["secondary_muscles"] = [m for m in values["secondary_muscles"] if m != values["primary_muscle"]]
    exercise = Exercise(owner=user, **values)
    _full_clean(exercise)
    _check_not_duplicate(user=user, exercise=exercise)
    _save(exercise)
    return exercise


def _check_owner(*, user: User, exercise: Exercise, action: str) -> None:
    if exercise.owner_id is None:
        raise ForbiddenError(f"Built-in exercises cannot be {action}; add a custom exercise instead.")
    if exercise.owner_id != user.pk:
        raise ForbiddenError(f"Only the person who added this exercise can have it {action}.")


@transaction.atomic
def exercise_update(*, user: User, exercise: Exercise, data: dict[str, Any]) -> Exercise:
    """Change the given fields of the user's own custom exercise (the others stay as they are)."""
    _check_owner(user=user, exercise=exercise, action="changed")
    unknown = set(data) - set(EXERCISE_FIELDS)
    if unknown:
        raise ApplicationError(
            "These fields cannot be changed.",
            code="invalid",
            fields={field: ["This field cannot be changed."] for field in sorted(unknown)},
        )
    values = _clean_values(data)
    changed = [field for field, value in values.items() if getattr(exercise, field) != value]
    for field in changed:
        setattr(exercise, field, values[field])
    if exercise.primary_muscle in exercise.secondary_muscles:
        exercise.secondary_muscles = [m for m in exercise.secondary_muscles if m != exercise.primary_muscle]
        changed.append("secondary_muscles")
    if not changed:
        return exercise
    _full_clean(exercise)
    if {"name", "equipment"} & set(changed):
        _check_not_duplicate(user=user, exercise=exercise)
    _save(exercise, update_fields=[*dict.fromkeys(changed), "updated_at"])
    return exercise


def exercise_usage(exercise: Exercise) -> tuple[int, int]:
    """How many plan entries and logged workout entries use the exercise."""
    plans = PlanExercise.objects.filter(exercise=exercise).values("day__plan_id").distinct().count()
    workouts = WorkoutExercise.objects.filter(exercise=exercise).values("workout_id").distinct().count()
    return plans, workouts


@transaction.atomic
def exercise_delete(*, user: User, exercise: Exercise) -> None:
    """Delete the user's own custom exercise, unless a plan or a logged workout uses it."""
    _check_owner(user=user, exercise=exercise, action="deleted")
    plans, workouts = exercise_usage(exercise)
    if plans or workouts:
        uses = []
        if plans:
            uses.append(f"{plans} plan{'s' if plans != 1 else ''}")
        if workouts:
            uses.append(f"{workouts} logged workout{'s' if workouts != 1 else ''}")
        raise ConflictError(
            f"“{exercise.name}” is used in {' and '.join(uses)}, so it cannot be deleted. "
            "Remove it from them first, or keep it.",
            code="exercise_in_use",
        )
    try:
        with transaction.atomic():
            exercise.delete()
    except ProtectedError:
        # Added to a plan or workout between the check and the delete.
        raise ConflictError(
            f"“{exercise.name}” is used in a plan or a workout, so it cannot be deleted.", code="exercise_in_use"
        ) from None
