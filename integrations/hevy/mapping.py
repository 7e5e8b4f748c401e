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
from integrations.hevy.errors import HevyNotFound
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
