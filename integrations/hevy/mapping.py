"""Hevy exercise templates -> exercises of the library, so that no synced set is ever dropped.

In order: a stored HevyExerciseMapping (built-in templates map for everyone, a user's custom templates for
that user); else the normalized title and equipment against the exercises the user can use (the built-in
catalogue first, then their own custom exercises, then the ones their trainer or clients share); else a new
custom exercise of the user, made from the template (Hevy's muscle, equipment and type vocabularies are ours).
Every answer is stored as a mapping, so Hevy is asked about a template once; within a sync the answers are
cached. The database work is bulk: one query for the stored mappings of a page's templates, one for the
title matches, one insert of the new mappings.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower

from accounts.models import Equipment, User
from fitnesspr.errors import ApplicationError
from integrations.hevy.client import HevyClient
from integrations.hevy.errors import HevyError, HevyNotFound
from integrations.models import HevyExerciseMapping
from workouts.models import Exercise, ExerciseType, MuscleGroup
from workouts.selectors.access import exercises_visible_to
from workouts.services.exercises import NAME_MAX_LENGTH, exercise_create

logger = logging.getLogger(__name__)


def normalize_title(title: str) -> str:
    """Case, spacing and quote differences do not make two titles different."""
    text = str(title or "").replace("’", "'").casefold()  # noqa: RUF001 (Hevy titles use curly quotes)
    return " ".join(text.split())


def _choice(value: Any, choices: type, default: str) -> str:
    return value if value in choices.values else default


def _type_from_sets(sets: list[dict]) -> str:
    """An exercise type that fits the measures the sets carry (for a template Hevy no longer answers)."""
    has = {name for s in sets for name in ("weight_kg", "reps", "distance_meters", "duration_seconds") if s.get(name)}
    if {"distance_meters", "duration_seconds"} <= has:
        return ExerciseType.DISTANCE_DURATION
    if {"distance_meters", "weight_kg"} <= has:
        return ExerciseType.SHORT_DISTANCE_WEIGHT
    if {"weight_kg", "duration_seconds"} <= has and "reps" not in has:
        return ExerciseType.WEIGHT_DURATION
    if "duration_seconds" in has and "reps" not in has:
        return ExerciseType.DURATION
    if "weight_kg" in has:
        return ExerciseType.WEIGHT_REPS
    return ExerciseType.REPS_ONLY


def template_key(item: dict) -> str:
    """The template id of a workout exercise; one with none (never seen, but no set is dropped for it) by title."""
    return item.get("exercise_template_id") or f"title:{normalize_title(item.get('title') or '')}"


class ExerciseMapper:
    """Maps a user's Hevy templates to exercises; one per sync (its cache lives as long as the sync)."""

    def __init__(self, *, user: User, client: Any) -> None:
        self.user = user
        self.client = client
        self.cache: dict[str, Exercise] = {}
        self.created: list[Exercise] = []

    def resolve(self, workouts: Iterable[dict]) -> dict[str, Exercise]:
        """The exercise of every template used by `workouts` (normalized Hevy workouts), by template id."""
        seen: dict[str, dict] = {}
        for workout in workouts:
            for item in workout.get("exercises") or []:
                template_id = template_key(item)
                if template_id not in self.cache:
                    known = seen.setdefault(template_id, {"title": item.get("title") or "", "sets": []})
                    known["sets"].extend(item.get("sets") or [])
        if seen:
            self._resolve_missing(seen)
        return self.cache

    def _resolve_missing(self, wanted: dict[str, dict]) -> None:
        # 1. stored mappings: the user's own first, then the shared built-in ones
        stored = (
            HevyExerciseMapping.objects.filter(template_id__in=list(wanted))
            .filter(Q(user=self.user) | Q(user__isnull=True))
            .select_related("exercise")
            .order_by(Case(When(user__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField()))
        )
        for mapping in stored:
            self.cache.setdefault(mapping.template_id, mapping.exercise)
        missing = {tid: info for tid, info in wanted.items() if tid not in self.cache}
        if not missing:
            return
        # 2. ask Hevy what the templates are (title, equipment, type, muscles)
        templates = {tid: self._template(tid, info) for tid, info in missing.items()}
        # 3. by normalized title and equipment, among the exercises the user can use
        titles = {normalize_title(t["title"]) for t in templates.values() if t["title"]}
        candidates: dict[str, list[Exercise]] = {}
        if titles:
            rows = (
                exercises_visible_to(self.user)
                .annotate(lower_name=Lower("name"))
                .filter(lower_name__in={title.lower() for title in titles})
                .order_by(
                    Case(
                        When(owner__isnull=True, then=Value(0)),
                        When(owner=self.user, then=Value(1)),
                        default=Value(2),
                        output_field=IntegerField(),
                    ),
                    "name",
                )
            )
            for exercise in rows:
                candidates.setdefault(normalize_title(exercise.name), []).append(exercise)
        new_mappings = []
        for template_id, template in templates.items():
            exercise = self._match(template, candidates.get(normalize_title(template["title"]), []))
            if exercise is None:
                exercise = self._create(template)
                if exercise is None:
                    continue
                candidates.setdefault(normalize_title(exercise.name), []).insert(0, exercise)
            self.cache[template_id] = exercise
            if template_id.startswith("title:"):
                continue
            shared = not template["is_custom"] and exercise.owner_id is None
            new_mappings.append(
                HevyExerciseMapping(
                    user=None if shared else self.user,
                    template_id=template_id,
                    title=template["title"][:200],
                    exercise=exercise,
                )
            )
        HevyExerciseMapping.objects.bulk_create(new_mappings, ignore_conflicts=True)

    def _template(self, template_id: str, info: dict) -> dict:
        template: dict = {}
        if not template_id.startswith("title:"):
            try:
                template = self.client.get_exercise_template(template_id) or {}
            except HevyNotFound as error:
                # Gone from Hevy: what the workout says is enough to keep the sets.
                logger.info("template %s not readable: %s", template_id, error)
        return {
            "title": (template.get("title") or info["title"] or "Hevy exercise").strip(),
            "type": template.get("type") or _type_from_sets(info["sets"]),
            "primary_muscle_group": template.get("primary_muscle_group") or "other",
            "secondary_muscle_groups": template.get("secondary_muscle_groups") or [],
            "equipment_category": template.get("equipment_category") or "other",
            "is_custom": bool(template.get("is_custom", True)),
        }

    @staticmethod
    def _match(template: dict, candidates: list[Exercise]) -> Exercise | None:
        equipment = template["equipment_category"]
        for exercise in candidates:
            if exercise.equipment == equipment:
                return exercise
        # Hevy's titles name the equipment already ("Bench Press (Barbell)"): one title match is the one.
        return candidates[0] if len(candidates) == 1 else None

    def _create(self, template: dict) -> Exercise | None:
        primary = _choice(template["primary_muscle_group"], MuscleGroup, MuscleGroup.OTHER)
        values = {
            "name": template["title"][:NAME_MAX_LENGTH],
            "primary_muscle": primary,
            "equipment": _choice(template["equipment_category"], Equipment, Equipment.OTHER),
            "exercise_type": _choice(template["type"], ExerciseType, ExerciseType.WEIGHT_REPS),
            "secondary_muscles": [m for m in template["secondary_muscle_groups"] if m in MuscleGroup.values],
            "instructions": "Added from Hevy.",
        }
        try:
            exercise = exercise_create(user=self.user, **values)
        except ApplicationError:
            # A look-alike (same name and equipment) is visible already: use it.
            exercise = (
                exercises_visible_to(self.user)
                .filter(name__iexact=values["name"], equipment=values["equipment"])
                .order_by("owner_id")
                .first()
            )
            if exercise is None:
                logger.warning("could not add a custom exercise for %r", values["name"])
            return exercise
        self.created.append(exercise)
        return exercise


# --- Exercise -> Hevy template (for pushing) -----------------------------------------------------------------


def _stored_template_ids(*, account_user: User, exercises: Iterable[Exercise]) -> dict[Any, str]:
    """exercise id -> template id from the stored mappings: the account's own (custom templates) first, then
    built-ins. One query."""
    ids = {exercise.pk for exercise in exercises}
    found: dict[Any, tuple[Any, str]] = {}
    rows = (
        HevyExerciseMapping.objects.filter(exercise_id__in=ids)
        .filter(Q(user__isnull=True) | Q(user=account_user))
        .order_by("user_id", "created_at")
        .values_list("exercise_id", "user_id", "template_id")
    )
    for exercise_id, user_id, template_id in rows:
        # built-ins (user null) win over the user's custom templates, the oldest mapping first
        if exercise_id not in found or (user_id is None and found[exercise_id][0] is not None):
            found[exercise_id] = (user_id, template_id)
    return {exercise_id: template_id for exercise_id, (_user, template_id) in found.items()}


def _match_template(exercise: Exercise, templates: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A template with the exercise's normalized title; with several, the one with its equipment."""
    if not templates:
        return None
    same_equipment = [t for t in templates if t.get("equipment_category") == exercise.equipment]
    return (same_equipment or templates)[0]


def ensure_template_ids(
    *, client: HevyClient, account_user: User, exercises: Iterable[Exercise]
) -> tuple[dict[Any, str], list[str]]:
    """Every exercise -> a template id of the account: stored mappings, else the account's template list (read
    once, matches stored), else a new Hevy custom exercise. Answers (ids, names of the custom exercises made).
    Hevy errors propagate, with `what` naming what was being fetched or made."""
    exercises = {exercise.pk: exercise for exercise in exercises}
    template_ids = _stored_template_ids(account_user=account_user, exercises=exercises.values())
    missing = [exercise for pk, exercise in exercises.items() if pk not in template_ids]
    created: list[str] = []
    if not missing:
        return template_ids, created
    try:
        templates = list(client.iter_exercise_templates())
    except HevyError as error:
        error.what = "the exercise list"
        raise
    builtin_by_title: dict[str, list[dict[str, Any]]] = {}
    custom_by_title: dict[str, list[dict[str, Any]]] = {}
    for template in templates:
        target = custom_by_title if template.get("is_custom") else builtin_by_title
        target.setdefault(normalize_title(template.get("title") or ""), []).append(template)
    for exercise in missing:
        key = normalize_title(exercise.name)
        builtin = _match_template(exercise, builtin_by_title.get(key, []))
        if builtin is not None:
            # shared only between built-ins, as the sync does: a custom exercise maps for this account only
            _store_mapping(
                user=None if exercise.owner_id is None else account_user, template=builtin, exercise=exercise
            )
            template_ids[exercise.pk] = builtin["id"]
            continue
        custom = _match_template(exercise, custom_by_title.get(key, []))
        if custom is not None:
            _store_mapping(user=account_user, template=custom, exercise=exercise)
            template_ids[exercise.pk] = custom["id"]
            continue
        try:
            template_id = client.create_exercise_template(
                title=exercise.name,
                exercise_type=exercise.exercise_type,
                equipment_category=exercise.equipment,
                muscle_group=exercise.primary_muscle,
                other_muscles=[m for m in exercise.secondary_muscles if m != exercise.primary_muscle],
            )
        except HevyError as error:
            error.what = f"the custom exercise “{exercise.name}”"
            raise
        template_id = str(template_id).strip()
        _store_mapping(user=account_user, template={"id": template_id, "title": exercise.name}, exercise=exercise)
        template_ids[exercise.pk] = template_id
        created.append(exercise.name)
    return template_ids, created


def _store_mapping(*, user: User | None, template: dict[str, Any], exercise: Exercise) -> None:
    """Keep a template -> exercise mapping (a sync may have stored the same one meanwhile: that one stays)."""
    HevyExerciseMapping.objects.bulk_create(
        [
            HevyExerciseMapping(
                user=user, template_id=str(template["id"]), title=(template.get("title") or "")[:200], exercise=exercise
            )
        ],
        ignore_conflicts=True,
    )
