"""Personal records: found when a workout's sets change, kept in PersonalRecord.

Four kinds per exercise (RecordKind):
- `e1rm`: the best estimated one-rep max, by the Epley formula (see `estimate_1rm`);
- `heaviest`: the heaviest weight lifted in a set;
- `most_reps`: the most reps at a weight: more reps than ever done at that weight *or any heavier one*
  (so 10 reps at 60 kg is a record after 8 at 70 kg, but 6 at 60 kg is not);
- `volume`: the best session volume, the sum of weight x reps of the exercise's sets in one workout.

Warm-up sets never count. A workout holds at most one record of each kind per exercise (its best set;
for `most_reps`, one per weight), and only if it beats every earlier workout of the user (by `started_at`).
The first time an exercise is logged sets its first records, kept but never announced: a set is flagged
("New record!", the `records.new` event, `new_records`) only when it beats a record that stood before its
workout, and a workout shows at most one badge per exercise and kind (`badges`).

How they stay correct when history changes: `records_refresh` takes the user's best values *before*
a moment from the earlier sets (a few aggregate queries), then walks the workouts from that moment
on in order, replacing their record rows. Logging the newest workout walks only that workout; editing
or deleting an older one re-walks the workouts after it. The query count is constant: it does not
grow with the number of sets or workouts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Case, DecimalField, F, Max, Q, QuerySet, Sum, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber

from accounts.models import User
from fitnesspr.events import publish
from workouts.events import NewRecord, RecordsSet
from workouts.models import PersonalRecord, RecordKind, SetType, Workout, WorkoutSet

EPLEY_MAX_REPS = 10
# No one lifts more in a set (the deadlift world record is about 500 kg): beyond it, a typo, and no estimate.
MAX_PLAUSIBLE_KG = Decimal(500)
EPLEY_FORMULA = "Estimated 1RM = weight × (1 + reps / 30), from sets of 10 reps or fewer"  # noqa: RUF001
CENT = Decimal("0.01")
ZERO = Decimal("0")


def estimate_1rm(*, weight_kg: Decimal | None, reps: int | None, set_type: str = SetType.NORMAL) -> Decimal | None:
    """Epley's estimated one-rep max: weight x (1 + reps / 30).

    Only from sets of 1 to 10 reps with a weight (the estimate gets poor beyond 10 reps); a single rep is
    the weight itself; warm-up sets have none. Rounded to 0.01 kg.
    """
    if set_type == SetType.WARMUP or weight_kg is None or reps is None or weight_kg <= 0:
        return None
    if Decimal(weight_kg) > MAX_PLAUSIBLE_KG:
        return None
    if not 1 <= reps <= EPLEY_MAX_REPS:
        return None
    if reps == 1:
        return Decimal(weight_kg).quantize(CENT)
    value = Decimal(weight_kg) * (1 + Decimal(reps) / Decimal(30))
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def set_volume(workout_set: Any) -> Decimal:
    if workout_set.weight_kg is None or not workout_set.reps:
        return ZERO
    return Decimal(workout_set.weight_kg) * workout_set.reps


# --- Bests ---------------------------------------------------------------------------------------


@dataclass
class Bests:
    """The best values of one exercise so far."""

    e1rm: Decimal | None = None
    heaviest: Decimal | None = None
    volume: Decimal | None = None
    reps_at_weight: dict[Decimal, int] = field(default_factory=dict)

    def reps_at_or_above(self, weight: Decimal) -> int:
        return max((reps for at, reps in self.reps_at_weight.items() if at >= weight), default=0)


def earlier_working_sets(
    *, user: User, exercise_ids: Iterable, before: datetime, exclude_workout_ids: Iterable = ()
) -> QuerySet[WorkoutSet]:
    """The user's working sets (no warm-ups) of these exercises in the workouts started before `before`, but
    those of `exclude_workout_ids`: what a set is compared with (the records' baseline, the logger's checks)."""
    return (
        WorkoutSet.objects.filter(
            workout_exercise__workout__user=user,
            workout_exercise__exercise_id__in=exercise_ids,
            workout_exercise__workout__started_at__lt=before,
        )
        .exclude(set_type=SetType.WARMUP)
        .exclude(workout_exercise__workout_id__in=exclude_workout_ids)
    )


def _baseline(*, user: User, exercise_ids: set, before: datetime, exclude_workout_ids: set) -> dict[Any, Bests]:
    """The user's bests per exercise from the sets of workouts started before `before`: three queries."""
    bests: dict[Any, Bests] = defaultdict(Bests)
    earlier = earlier_working_sets(
        user=user, exercise_ids=exercise_ids, before=before, exclude_workout_ids=exclude_workout_ids
    )
    # 1. best e1RM and heaviest weight per exercise (a weight counts with reps done, as in the walk)
    for row in (
        earlier.values("workout_exercise__exercise_id")
        .annotate(e1rm=Max("estimated_1rm_kg"), heaviest=Max("weight_kg", filter=Q(weight_kg__gt=0, reps__gt=0)))
        .order_by()
    ):
        best = bests[row["workout_exercise__exercise_id"]]
        best.e1rm, best.heaviest = row["e1rm"], row["heaviest"]
    # 2. most reps at each weight used (a few dozen rows per exercise)
    for row in (
        earlier.filter(reps__gt=0)
        .values("workout_exercise__exercise_id", "weight_kg")
        .annotate(reps=Max("reps"))
        .order_by()
    ):
        weight = row["weight_kg"] if row["weight_kg"] is not None else ZERO
        table = bests[row["workout_exercise__exercise_id"]].reps_at_weight
        table[weight] = max(table.get(weight, 0), row["reps"])
    # 3. session volume per earlier workout and exercise; the best one is kept
    for row in (
        earlier.filter(weight_kg__gt=0, reps__gt=0)
        .values("workout_exercise__exercise_id", "workout_exercise__workout_id")
        .annotate(volume=Sum(F("weight_kg") * F("reps")))
        .order_by()
    ):
        best = bests[row["workout_exercise__exercise_id"]]
        volume = Decimal(row["volume"])
        if best.volume is None or volume > best.volume:
            best.volume = volume
    return bests


def is_implausible(*, weight_kg: Decimal | None, best_heaviest: Decimal | None) -> bool:
    """A weight that is far more than anything lifted before in this exercise (or than anyone lifts): likely a
    typo, so the logger asks to check it instead of showing a record."""
    if weight_kg is None:
        return False
    if weight_kg > MAX_PLAUSIBLE_KG:
        return True
    if best_heaviest is None or best_heaviest <= 0:
        return False
    return weight_kg > best_heaviest * Decimal("1.5") and weight_kg - best_heaviest > 25


def badges(records: Iterable[PersonalRecord]) -> list[PersonalRecord]:
    """At most one record per exercise and kind: the heaviest `most_reps`, else the best value."""
    chosen: dict[tuple, PersonalRecord] = {}
    for record in records:
        key = (record.workout_id, record.exercise_id, record.kind)
        rank = (record.weight_kg or ZERO, record.value)
        if key not in chosen or rank > (chosen[key].weight_kg or ZERO, chosen[key].value):
            chosen[key] = record
    return list(chosen.values())


@dataclass
class _Session:
    """What one workout did in one exercise, as the database summed it up (`_sessions`): its best set by e1RM,
    its heaviest set with reps and the session volume, and its best set at each weight."""

    workout_id: Any
    exercise_id: Any
    started_at: datetime
    e1rm: tuple | None = None  # (set id, e1RM)
    heaviest: tuple | None = None  # (set id, weight)
    volume: Decimal | None = None
    by_weight: dict[Decimal, tuple] = field(default_factory=dict)  # weight or 0 -> (set id, reps, weight)


SESSION_COLUMNS = (
    "workout_exercise__workout_id", "workout_exercise__exercise_id", "workout_exercise__workout__started_at", "pk",
    "estimated_1rm_kg", "weight_kg", "reps", "e1rm_rank", "weight_rank", "reps_rank", "volume",
)  # fmt: skip


def _sessions(sets: QuerySet[WorkoutSet]) -> list[_Session]:
    """One query: the working sets of `sets` ranked inside their workout and exercise (window functions) and
    summed (the session volume); only the sets that lead a ranking come back, in workout order."""
    session = [F("workout_exercise__workout_id"), F("workout_exercise__exercise_id")]
    in_order = [F("position").asc(), F("created_at").asc()]
    weighted = Q(weight_kg__gt=0, reps__gt=0)
    weight_or_zero = Coalesce("weight_kg", Value(ZERO), output_field=DecimalField(max_digits=6, decimal_places=2))
    by_e1rm = [F("estimated_1rm_kg").desc(nulls_last=True), *in_order]
    by_weight = [Case(When(weighted, then=F("weight_kg")), default=None).desc(nulls_last=True), *in_order]
    by_reps = [F("reps").desc(nulls_last=True), *in_order]
    session_volume = Sum(Case(When(weighted, then=F("weight_kg") * F("reps")), default=None))
    ranked = (
        sets.exclude(set_type=SetType.WARMUP)
        .annotate(
            e1rm_rank=Window(RowNumber(), partition_by=session, order_by=by_e1rm),
            weight_rank=Window(RowNumber(), partition_by=session, order_by=by_weight),
            reps_rank=Window(RowNumber(), partition_by=[*session, weight_or_zero], order_by=by_reps),
            volume=Window(
                session_volume, partition_by=session, output_field=DecimalField(max_digits=14, decimal_places=2)
            ),
        )
        .filter(Q(e1rm_rank=1) | Q(weight_rank=1) | Q(reps_rank=1))
        .values_list(*SESSION_COLUMNS)
    )
    found: dict[tuple, _Session] = {}
    for (
        workout_id,
        exercise_id,
        started_at,
        pk,
        e1rm,
        weight,
        reps,
        e1rm_rank,
        weight_rank,
        reps_rank,
        volume,
    ) in ranked:
        key = (workout_id, exercise_id)
        if key not in found:
            found[key] = _Session(workout_id, exercise_id, started_at)
        one = found[key]
        if e1rm_rank == 1 and e1rm is not None:
            one.e1rm = (pk, e1rm)
        if weight_rank == 1 and weight is not None and weight > 0 and (reps or 0) > 0:
            one.heaviest = (pk, weight)
            one.volume = Decimal(volume)
        if reps_rank == 1 and reps:
            one.by_weight[weight if weight is not None else ZERO] = (pk, reps, weight)
    return sorted(found.values(), key=lambda one: (one.started_at, str(one.workout_id)))


def _records_of_session(user_id: Any, one: _Session, best: Bests) -> list[PersonalRecord]:
    """The records one workout's sets of one exercise set against `best`; `best` is moved on to include them.
    Each carries `beats_earlier`: whether a record stood before (the exercise was logged in an earlier workout)."""
    found: list[PersonalRecord] = []
    stood_before = best.e1rm is not None or best.heaviest is not None or bool(best.reps_at_weight)

    def record(kind: str, value: Decimal, set_id: Any, weight: Decimal | None = None) -> None:
        found.append(
            PersonalRecord(
                user_id=user_id,
                exercise_id=one.exercise_id,
                kind=kind,
                value=Decimal(value).quantize(CENT),
                weight_kg=weight,
                workout_id=one.workout_id,
                workout_set_id=set_id,
                achieved_at=one.started_at,
            )
        )
        found[-1].beats_earlier = stood_before

    if one.e1rm is not None and (best.e1rm is None or one.e1rm[1] > best.e1rm):
        record(RecordKind.ESTIMATED_1RM, one.e1rm[1], one.e1rm[0])
    if one.heaviest is not None:
        if best.heaviest is None or one.heaviest[1] > best.heaviest:
            record(RecordKind.HEAVIEST_WEIGHT, one.heaviest[1], one.heaviest[0])
        if best.volume is None or one.volume > best.volume:
            record(RecordKind.BEST_VOLUME, one.volume, None)
    # most reps at a weight: the best set at each weight, unless a heavier set of this workout did as many reps
    for weight, (set_id, reps, set_weight) in one.by_weight.items():
        if any(other > weight and other_reps >= reps for other, (_, other_reps, _) in one.by_weight.items()):
            continue
        if reps > best.reps_at_or_above(weight):
            record(RecordKind.MOST_REPS, Decimal(reps), set_id, set_weight)

    # move the bests on, so later workouts are compared with this one too
    if one.e1rm is not None:
        best.e1rm = one.e1rm[1] if best.e1rm is None else max(best.e1rm, one.e1rm[1])
    if one.heaviest is not None:
        best.heaviest = one.heaviest[1] if best.heaviest is None else max(best.heaviest, one.heaviest[1])
        best.volume = one.volume if best.volume is None else max(best.volume, one.volume)
    for weight, (_set_id, reps, _set_weight) in one.by_weight.items():
        best.reps_at_weight[weight] = max(best.reps_at_weight.get(weight, 0), reps)
    return found


def _key(record: PersonalRecord) -> tuple:
    return (record.workout_id, record.exercise_id, record.kind, record.weight_kg, record.workout_set_id, record.value)


@transaction.atomic(savepoint=False)  # part of the caller's change: no savepoint of its own
def records_refresh(
    *, user: User, exercise_ids: Iterable, since: datetime, exclude_workout_ids: Iterable = ()
) -> list[PersonalRecord]:
    """Recompute the records of `exercise_ids` for the workouts started at or after `since`.

    Returns the records that did not exist before (a set that just beat a record), and pushes a
    `records.new` event with them to the user and their current trainer. Queries: three for the bests
    before `since`, one for what each workout from `since` on did (`_sessions`: its sets ranked and summed in
    the database, not loaded one by one), one for the old records, a delete and an insert.
    """
    exercise_ids = set(exercise_ids)
    exclude_workout_ids = set(exclude_workout_ids)
    if not exercise_ids:
        return []
    bests = _baseline(user=user, exercise_ids=exercise_ids, before=since, exclude_workout_ids=exclude_workout_ids)
    later = WorkoutSet.objects.filter(
        workout_exercise__workout__user=user,
        workout_exercise__exercise_id__in=exercise_ids,
        workout_exercise__workout__started_at__gte=since,
    ).exclude(workout_exercise__workout_id__in=exclude_workout_ids)
    new_rows: list[PersonalRecord] = []
    for one in _sessions(later):  # in workout order
        new_rows += _records_of_session(user.pk, one, bests[one.exercise_id])

    old = PersonalRecord.objects.filter(user=user, exercise_id__in=exercise_ids, workout__started_at__gte=since)
    old_rows = list(old)
    old_keys = {_key(r) for r in old_rows if r.workout_id not in exclude_workout_ids}
    if {_key(r) for r in old_rows} != {_key(r) for r in new_rows} or len(old_rows) != len(new_rows):
        # (a set that changes no record, the usual case while logging, writes nothing)
        old.delete()
        PersonalRecord.objects.bulk_create(new_rows)
    fresh = badges(r for r in new_rows if _key(r) not in old_keys and r.beats_earlier)
    if fresh:
        _publish_new_records(user, fresh)
    return fresh


def records_refresh_for_workout(*, workout: Workout, exercise_ids: Iterable | None = None) -> list[PersonalRecord]:
    """Recompute the records that depend on `workout` (all its exercises, or only `exercise_ids`)."""
    if exercise_ids is None:
        exercise_ids = workout.exercises.values_list("exercise_id", flat=True)
    return records_refresh(user=workout.user, exercise_ids=exercise_ids, since=workout.started_at)


def _publish_new_records(user: User, records: list[PersonalRecord]) -> None:
    publish(
        RecordsSet(
            workout_id=records[0].workout_id,
            user_id=user.pk,
            user_name=user.display_name,
            records=tuple(
                NewRecord(
                    exercise_id=r.exercise_id,
                    kind=r.kind,
                    value=str(r.value),
                    weight_kg=None if r.weight_kg is None else str(r.weight_kg),
                    workout_set_id=r.workout_set_id,
                )
                for r in records
            ),
        )
    )
