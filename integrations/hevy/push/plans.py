"""Sending plans to Hevy (`plan_push`): one routine folder per plan (created once, its integer id kept on
HevyPlanFolder), one routine per PlanDay (kept on HevyRoutine). Pushing again PUTs the same routines; a new day gets a
new routine; a routine deleted in the Hevy app is created again. Hevy has no DELETE, so a day removed from the plan
leaves its routine in Hevy. Plans go to the CLIENT's Hevy account (the plan's client must be connected). The targets
of the plan's current week are sent, as the plan page shows them (Hevy routines have no progression: push again
in a later week to update them); a target RPE, which routine sets may not carry, is written into the
exercise notes instead. Days without exercises are skipped.

Who may push: the plan's client (their own plan) and anyone who may edit the plan (its client's trainer);
everyone else gets 404 from `plan_get_for_push`. Templates have no client and cannot be pushed.

Exercises are mapped to Hevy template ids by HevyExerciseMapping: a built-in mapping (user null) or one for the
Hevy account's user. Unmapped exercises are looked up once per push in the account's template list (by
normalized title, then equipment); the matches are stored. An exercise Hevy has no template for gets a Hevy
custom exercise first (stored as a mapping for that user).

The Hevy calls are not one transaction: every Hevy id is stored the moment Hevy answers it, so a push that fails
midway (a 403 limit, Hevy down) keeps what it made and the next push updates it instead of duplicating it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone

from accounts.models import User
from fitnesspr.errors import ApplicationError, ConflictError, ForbiddenError
from integrations.hevy.bodies import routine_body
from integrations.hevy.client import HevyClient
from integrations.hevy.connection import client_for
from integrations.hevy.errors import HevyError, HevyNotFound
from integrations.hevy.mapping import ensure_template_ids
from integrations.hevy.push.common import HevyPushError, answer_id, hevy_error, require_connection
from integrations.models import HevyConnection, HevyPlanFolder, HevyRoutine
from integrations.selectors import can_push_plan
from workouts.models import Plan, PlanDay, PlanExercise, PlanSet
from workouts.selectors.plans import client_today, plan_week_number
from workouts.selectors.preferences import training_preferences_for

logger = logging.getLogger(__name__)

PUSH_LOCK_SECONDS = 10 * 60


@dataclass
class RoutineResult:
    plan_day_id: Any
    name: str
    routine_id: str
    action: str  # "created" or "updated"


@dataclass
class PlanPushResult:
    plan_id: Any
    week: int  # the plan week whose targets were sent
    folder_id: int
    folder_created: bool
    routines: list[RoutineResult] = field(default_factory=list)
    skipped_days: list[str] = field(default_factory=list)
    custom_exercises_created: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for routine in self.routines if routine.action == "created")

    @property
    def updated(self) -> int:
        return sum(1 for routine in self.routines if routine.action == "updated")

    def summary(self) -> str:
        parts = [f"week {self.week} targets", f"{self.created} routine{'s' if self.created != 1 else ''} created"]
        parts.append(f"{self.updated} updated")
        if self.custom_exercises_created:
            parts.append(f"{len(self.custom_exercises_created)} custom exercise(s) added to Hevy")
        if self.skipped_days:
            parts.append(f"skipped (no exercises): {', '.join(self.skipped_days)}")
        return "; ".join(parts)


def _plan_days(plan: Plan) -> list[PlanDay]:
    """The plan's days with exercises (and their exercise) and sets, in order: 3 queries."""
    return list(
        PlanDay.objects.filter(plan=plan)
        .order_by("position", "created_at")
        .select_related("hevy_routine")
        .prefetch_related(
            Prefetch(
                "exercises",
                queryset=PlanExercise.objects.select_related("exercise").order_by("position", "created_at"),
            ),
            Prefetch("exercises__sets", queryset=PlanSet.objects.order_by("position", "created_at")),
        )
    )


def _find_routine(client: HevyClient, *, folder_id: int, title: str, known: set[str]) -> str | None:
    """After an id-less success answer: the routine of that title in the folder that we do not know yet."""
    candidates = [
        routine
        for routine in client.iter_routines()
        if routine.get("folder_id") == folder_id
        and routine.get("title") == title
        and str(routine.get("id")) not in known
    ]
    if not candidates:
        return None
    newest = max(candidates, key=lambda routine: str(routine.get("updated_at") or routine.get("created_at") or ""))
    return str(newest["id"])


def _plan_lock(plan: Plan) -> str:
    return f"hevy-push-plan:{plan.pk}"


def plan_push(*, user: User | None, plan: Plan, client: HevyClient | None = None) -> PlanPushResult:
    """Send the plan to its client's Hevy account (see the module docstring). `user` is the person pushing (None:
    a trusted caller such as the management command); `client` a HevyClient to use instead of the connection's.
    Raises ApplicationError (ConflictError `hevy_not_connected`/`hevy_key_invalid`/`hevy_push_running`,
    HevyLimitReached `hevy_limit`, HevyPushError `hevy_unavailable`/`hevy_rejected`)."""
    if plan.client_id is None:
        raise ApplicationError(
            "A template has no client: assign it to a client, then send that plan to Hevy.", code="plan_is_template"
        )
    if user is not None and not can_push_plan(user, plan):
        raise ForbiddenError("Only the client or their trainer can send this plan to Hevy.")
    by_owner = user is not None and user.pk == plan.client_id
    connection = require_connection(plan.client, by_owner=by_owner)
    lock = _plan_lock(plan)
    if not cache.add(lock, "1", PUSH_LOCK_SECONDS):
        raise ConflictError("This plan is being sent to Hevy already: wait a moment.", code="hevy_push_running")
    own_client = client is None
    if own_client:
        client = client_for(connection)
    try:
        return _plan_push(plan=plan, client=client, connection=connection)
    finally:
        cache.delete(lock)
        if own_client:
            client.close()


def _plan_push(*, plan: Plan, client: HevyClient, connection: HevyConnection) -> PlanPushResult:
    days = _plan_days(plan)
    exercises = {pe.exercise_id: pe.exercise for day in days for pe in day.exercises.all()}
    try:
        template_ids, custom_created = ensure_template_ids(
            client=client, account_user=plan.client, exercises=exercises.values()
        )
    except HevyError as error:
        raise hevy_error(error, connection=connection, what=getattr(error, "what", "the exercises")) from error

    folder = HevyPlanFolder.objects.filter(plan=plan).first()
    folder_created = False
    if folder is None:
        try:
            answer = client.create_routine_folder(plan.name)
        except HevyError as error:
            raise hevy_error(error, connection=connection, what="the routine folder") from error
        if not isinstance(answer, dict) or answer.get("id") is None:
            raise HevyPushError("Hevy created the routine folder but did not answer its id. Try again later.")
        folder = HevyPlanFolder.objects.create(plan=plan, folder_id=int(answer["id"]), pushed_at=timezone.now())
        folder_created = True

    week_index = plan_week_number(plan, client_today(plan.client)) - 1
    # The targets as the client loads them: their unit and plates (a pound lifter gets whole pounds in Hevy).
    lifter = {"week_index": week_index, "units": plan.client.units, "steps": training_preferences_for(plan.client)}
    result = PlanPushResult(
        plan_id=plan.pk,
        week=week_index + 1,
        folder_id=folder.folder_id,
        folder_created=folder_created,
        custom_exercises_created=custom_created,
    )
    known = {day.hevy_routine.routine_id for day in days if _stored_routine(day) is not None}
    for day in days:
        if not day.exercises.all():
            result.skipped_days.append(day.name)
            continue
        stored = _stored_routine(day)
        what = f"the routine “{day.name}”"
        routine_id = None
        try:
            if stored is not None:
                try:
                    client.update_routine(
                        stored.routine_id,
                        routine_body(day, template_ids, folder_id=folder.folder_id, for_update=True, **lifter),
                    )
                    routine_id = stored.routine_id
                except HevyNotFound:
                    routine_id = None  # deleted in the Hevy app: create it again
            if routine_id is None:
                body = routine_body(day, template_ids, folder_id=folder.folder_id, **lifter)
                routine_id = answer_id(client.create_routine(body))
                if routine_id is None:
                    routine_id = _find_routine(client, folder_id=folder.folder_id, title=day.name, known=known)
                if routine_id is None:
                    raise HevyPushError(
                        f"Hevy accepted {what} but did not answer its id, and it is not in the folder. Check the "
                        "Hevy app before pushing again, or it may appear twice."
                    )
        except HevyError as error:
            raise hevy_error(error, connection=connection, what=what) from error
        known.add(routine_id)
        action = "updated" if stored is not None and stored.routine_id == routine_id else "created"
        _store_routine(day=day, stored=stored, routine_id=routine_id)
        result.routines.append(RoutineResult(plan_day_id=day.pk, name=day.name, routine_id=routine_id, action=action))

    folder.pushed_at = timezone.now()
    folder.save(update_fields=["pushed_at", "updated_at"])
    return result


def _stored_routine(day: PlanDay) -> HevyRoutine | None:
    try:
        return day.hevy_routine
    except HevyRoutine.DoesNotExist:
        return None


def _store_routine(*, day: PlanDay, stored: HevyRoutine | None, routine_id: str) -> None:
    now = timezone.now()
    if stored is None:
        day.hevy_routine = HevyRoutine.objects.create(plan_day=day, routine_id=routine_id, pushed_at=now)
        return
    stored.routine_id = routine_id
    stored.pushed_at = now
    stored.save(update_fields=["routine_id", "pushed_at", "updated_at"])
