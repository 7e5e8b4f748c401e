"""Demo training data for `seed_demo`: an active plan for each demo client and three months of workouts.

Built from the exercise catalogue through the services (plans.plan_create / plan_activate,
workouts.workout_create), so estimated 1RMs and personal records are computed as for a real user.
The history follows each plan's days: warm-ups on the big lifts, working sets with a slow progression
(+2.5 kg every one or two weeks on compounds, reps in each exercise's range), an occasional RPE, cardio
with distance and duration, a deload week and a few missed sessions. A fixed random seed per client makes
it the same every time. Running it again adds nothing to a client who already has the plan or workouts.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from workouts.models import Exercise, ExerciseType, PersonalRecord, Plan, SetType, Workout, WorkoutSet
from workouts.services.comments import comment_create
from workouts.services.plans import plan_activate, plan_create
from workouts.services.workouts import workout_create
from workouts.units import display_to_kg

WEEKS = 13
DELOAD_WEEK = 8  # counted from 0: the ninth week is lighter
MISSED_SESSION_RATE = 0.07


@dataclass(frozen=True)
class Lift:
    """One exercise of a plan day. `start` and `step` are in the client's unit; `every` is in weeks."""

    name: str
    sets: int
    reps: tuple[int, int]
    start: float = 0
    step: float = 0
    every: int = 1
    warmups: int = 0
    rest: int = 90
    distance_m: int = 0
    seconds: int = 0


@dataclass(frozen=True)
class DaySpec:
    name: str
    weekday: int
    hour: int
    lifts: tuple[Lift, ...]


@dataclass(frozen=True)
class PlanSpec:
    email: str
    name: str
    goal: str
    notes: str
    days: tuple[DaySpec, ...]


PLANS: tuple[PlanSpec, ...] = (
    PlanSpec(
        email="alex@fitnesspr.test",
        name="Upper / lower, 4 days",
        goal="build_muscle",
        notes="Add 2.5 kg to the main lifts when every set reaches the top of the rep range.",
        days=(
            DaySpec("Upper A", 0, 18, (
                Lift("Bench Press (Barbell)", 3, (6, 8), 70, 2.5, 2, warmups=2, rest=150),
                Lift("Bent Over Row (Barbell)", 3, (8, 10), 60, 2.5, 2, warmups=1, rest=120),
                Lift("Shoulder Press (Dumbbell)", 3, (8, 12), 20, 2, 3),
                Lift("Lat Pulldown (Cable)", 3, (10, 12), 55, 2.5, 2),
                Lift("Bicep Curl (Dumbbell)", 2, (10, 12), 12, 1, 4, rest=60),
                Lift("Triceps Pushdown (Cable)", 2, (10, 12), 25, 2.5, 3, rest=60),
            )),
            DaySpec("Lower A", 1, 18, (
                Lift("Squat (Barbell)", 3, (5, 6), 90, 2.5, 1, warmups=3, rest=180),
                Lift("Romanian Deadlift (Barbell)", 3, (8, 10), 80, 2.5, 2, warmups=1, rest=120),
                Lift("Leg Press (Machine)", 3, (10, 12), 140, 5, 2),
                Lift("Seated Leg Curl (Machine)", 3, (10, 12), 40, 2.5, 3, rest=60),
                Lift("Standing Calf Raise (Machine)", 3, (12, 15), 60, 5, 3, rest=60),
            )),
            DaySpec("Upper B", 3, 18, (
                Lift("Overhead Press (Barbell)", 3, (6, 8), 45, 2.5, 2, warmups=2, rest=150),
                Lift("Incline Bench Press (Dumbbell)", 3, (8, 10), 26, 2, 3),
                Lift("Seated Row (Cable)", 3, (10, 12), 55, 2.5, 2),
                Lift("Lateral Raise (Dumbbell)", 3, (12, 15), 9, 1, 4, rest=60),
                Lift("Hammer Curl (Dumbbell)", 2, (10, 12), 14, 1, 4, rest=60),
            )),
            DaySpec("Lower B", 5, 10, (
                Lift("Deadlift (Barbell)", 3, (5, 5), 120, 2.5, 1, warmups=3, rest=180),
                Lift("Bulgarian Split Squat (Dumbbell)", 3, (8, 10), 16, 2, 3),
                Lift("Leg Extension (Machine)", 3, (12, 15), 45, 2.5, 3, rest=60),
                Lift("Stationary Bike", 1, (0, 0), distance_m=8000, seconds=1200),
            )),
        ),
    ),
    PlanSpec(
        email="sam@fitnesspr.test",
        name="Full body, 3 days",
        goal="lose_fat",
        notes="Dumbbells and bands at home. Keep the lower back neutral; stop a set if it aches.",
        days=(
            DaySpec("Full body A", 0, 7, (
                Lift("Goblet Squat (Dumbbell)", 3, (10, 12), 30, 5, 2, warmups=1),
                Lift("Bench Press (Dumbbell)", 3, (10, 12), 20, 5, 3),
                Lift("Single Arm Row (Dumbbell)", 3, (10, 12), 25, 5, 3),
                Lift("Glute Bridge", 3, (12, 15), rest=60),
                Lift("Plank", 3, (0, 0), seconds=30, rest=45),
                Lift("Walking", 1, (0, 0), distance_m=3000, seconds=1800),
            )),
            DaySpec("Full body B", 2, 7, (
                Lift("Romanian Deadlift (Dumbbell)", 3, (10, 12), 30, 5, 2, warmups=1),
                Lift("Shoulder Press (Dumbbell)", 3, (10, 12), 15, 5, 4),
                Lift("Reverse Lunge (Dumbbell)", 3, (10, 12), 15, 5, 4),
                Lift("Band Pull Apart", 3, (15, 20), rest=45),
                Lift("Dead Bug", 3, (10, 12), rest=45),
            )),
            DaySpec("Full body C", 4, 7, (
                Lift("Step Up (Dumbbell)", 3, (10, 12), 15, 5, 3),
                Lift("Incline Bench Press (Dumbbell)", 3, (10, 12), 17.5, 5, 4),
                Lift("Chest Supported Row (Dumbbell)", 3, (10, 12), 20, 5, 3),
                Lift("Hip Thrust (Dumbbell)", 3, (12, 15), 35, 5, 2),
                Lift("Running", 1, (0, 0), distance_m=3000, seconds=1260),
            )),
        ),
    ),
    PlanSpec(
        email="jordan@fitnesspr.test",
        name="Strength block, 5 days",
        goal="get_stronger",
        notes="Top sets at RPE 8, no grinding. No behind-the-neck pressing (left shoulder).",
        days=(
            DaySpec("Squat", 0, 6, (
                Lift("Squat (Barbell)", 5, (3, 5), 140, 2.5, 1, warmups=4, rest=240),
                Lift("Front Squat (Barbell)", 3, (5, 6), 90, 2.5, 2, warmups=1, rest=180),
                Lift("Seated Leg Curl (Machine)", 3, (8, 10), 50, 2.5, 3, rest=90),
            )),
            DaySpec("Bench", 1, 6, (
                Lift("Bench Press (Barbell)", 5, (3, 5), 110, 2.5, 1, warmups=3, rest=240),
                Lift("Close Grip Bench Press (Barbell)", 3, (6, 8), 85, 2.5, 2, warmups=1, rest=150),
                Lift("Pendlay Row (Barbell)", 4, (5, 6), 90, 2.5, 2, warmups=1, rest=150),
                Lift("Face Pull (Cable)", 3, (12, 15), 20, 2.5, 4, rest=60),
            )),
            DaySpec("Deadlift", 3, 6, (
                Lift("Deadlift (Barbell)", 4, (2, 3), 190, 2.5, 1, warmups=4, rest=300),
                Lift("Romanian Deadlift (Barbell)", 3, (6, 8), 120, 2.5, 2, warmups=1, rest=150),
                Lift("Pull Up", 4, (6, 8), rest=120),
                Lift("Hanging Leg Raise", 3, (10, 12), rest=60),
            )),
            DaySpec("Press", 4, 6, (
                Lift("Overhead Press (Barbell)", 4, (4, 6), 65, 2.5, 2, warmups=2, rest=180),
                Lift("Incline Bench Press (Barbell)", 3, (6, 8), 85, 2.5, 2, warmups=1, rest=150),
                Lift("Chin Up", 3, (6, 8), rest=120),
                Lift("Lateral Raise (Dumbbell)", 3, (12, 15), 12, 1, 4, rest=60),
            )),
            DaySpec("Volume", 5, 9, (
                Lift("Squat (Barbell)", 3, (8, 8), 110, 2.5, 2, warmups=2, rest=180),
                Lift("Bench Press (Barbell)", 3, (8, 8), 87.5, 2.5, 2, warmups=2, rest=150),
                Lift("Bent Over Row (Barbell)", 3, (8, 10), 80, 2.5, 2, rest=120),
                Lift("Rowing Machine", 1, (0, 0), distance_m=5000, seconds=1260),
            )),
        ),
    ),
)  # fmt: skip

COMMENTS = (
    "Great session: bar speed looked good on the top sets.",
    "Nice consistency this week. Keep the rest times honest on the last exercise.",
    "Solid deload. Next week we push again.",
)


def _exercises(names: set[str]) -> dict[str, Exercise]:
    """The catalogue's built-ins by name (one query); a name missing from the catalogue is left out."""
    return {exercise.name: exercise for exercise in Exercise.objects.filter(owner__isnull=True, name__in=names)}


def _round_to(value: Decimal, step: Decimal) -> Decimal:
    return ((value / step).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * step).normalize()


class _ClientHistory:
    """Writes one client's plan and history; `rng` is seeded from the email, so runs are repeatable."""

    def __init__(self, *, trainer: User, client: User, spec: PlanSpec, exercises: dict[str, Exercise]) -> None:
        self.trainer, self.client, self.spec, self.exercises = trainer, client, spec, exercises
        self.rng = random.Random(spec.email)
        self.units = client.units
        self.plate = Decimal("2.5") if self.units == "lb" else Decimal("1.25")  # smallest jump, client's unit

    def _kg(self, value: Decimal | float) -> Decimal:
        return display_to_kg(_round_to(Decimal(str(value)), self.plate), self.units)

    def _weight(self, lift: Lift, week: int) -> Decimal:
        """This week's working weight in the client's unit: start + step every `every` weeks; deload: 80 %."""
        weight = Decimal(str(lift.start)) + Decimal(str(lift.step)) * (week // lift.every)
        if week == DELOAD_WEEK:
            weight = weight * Decimal("0.8")
        return weight

    def plan(self, start_date: datetime.date) -> Plan:
        days = []
        for day in self.spec.days:
            items = []
            for lift in day.lifts:
                exercise = self.exercises.get(lift.name)
                if exercise is None:
                    continue
                items.append(
                    {"exercise": exercise.pk, "rest_seconds": lift.rest, "sets": self._targets(lift, exercise)}
                )
            days.append({"name": day.name, "weekday": day.weekday, "exercises": items})
        plan = plan_create(
            actor=self.trainer,
            client=self.client,
            data={"name": self.spec.name, "goal": self.spec.goal, "start_date": start_date, "weeks": WEEKS,
                  "notes": self.spec.notes},
            days=days,
        )  # fmt: skip
        return plan_activate(actor=self.trainer, plan=plan, archive_current=True)

    def _targets(self, lift: Lift, exercise: Exercise) -> list[dict]:
        kind = exercise.exercise_type
        if kind == ExerciseType.DISTANCE_DURATION:
            return [{"distance_m": lift.distance_m, "duration_seconds": lift.seconds}]
        if kind in (ExerciseType.DURATION, ExerciseType.WEIGHT_DURATION):
            return [{"duration_seconds": lift.seconds} for _ in range(lift.sets)]
        target: dict = {"reps_min": lift.reps[0], "reps_max": lift.reps[1]}
        if kind == ExerciseType.WEIGHT_REPS and lift.start:
            target["target_weight_kg"] = self._kg(lift.start)
            target["weight_increment_kg"] = (self._kg(lift.step) / lift.every).quantize(Decimal("0.01"))
        return [dict(target) for _ in range(lift.sets)]

    def _sets(self, lift: Lift, exercise: Exercise, week: int) -> list[dict]:
        kind, rng = exercise.exercise_type, self.rng
        deload = week == DELOAD_WEEK
        if kind == ExerciseType.DISTANCE_DURATION:
            pace = 1 - 0.004 * week + rng.uniform(-0.03, 0.03)  # a little faster over the weeks
            return [{"distance_m": lift.distance_m, "duration_seconds": int(lift.seconds * pace)}]
        if kind in (ExerciseType.DURATION, ExerciseType.WEIGHT_DURATION):
            return [{"duration_seconds": lift.seconds + 5 * (week // 2)} for _ in range(lift.sets)]
        low, high = lift.reps
        sets: list[dict] = []
        if kind != ExerciseType.WEIGHT_REPS or not lift.start:
            for number in range(lift.sets - (1 if deload else 0)):
                reps = max(1, min(high + week // 4, high + 3) - number - rng.randint(0, 1))
                sets.append({"reps": reps})
            return sets
        weight = self._weight(lift, week)
        for fraction, reps in ((Decimal("0.5"), 8), (Decimal("0.7"), 5), (Decimal("0.85"), 3), (Decimal("0.9"), 1))[
            : lift.warmups
        ]:
            sets.append({"set_type": SetType.WARMUP, "weight_kg": self._kg(weight * fraction), "reps": reps})
        # Early in a step the top of the range is hard; a week later it comes easier.
        ease = (week % lift.every) + (1 if deload else 0)
        for number in range(lift.sets - (1 if deload else 0)):
            reps = min(high, low + ease + rng.randint(0, 1)) - (
                1 if number == lift.sets - 1 and rng.random() < 0.3 else 0
            )
            values = {"weight_kg": self._kg(weight), "reps": max(1, reps)}
            if number == lift.sets - 1 and rng.random() < 0.35:
                values["rpe"] = Decimal(rng.choice(["7.5", "8", "8.5", "9", "9.5"]))
            sets.append(values)
        if lift.warmups == 0 and not deload and rng.random() < 0.1:  # now and then, a drop set to finish
            sets.append({"set_type": SetType.DROPSET, "weight_kg": self._kg(weight * Decimal("0.7")), "reps": high})
        return sets

    def history(self, first_monday: datetime.date, plan: Plan) -> list[Workout]:
        plan_days = {day.name: day for day in plan.days.all()}
        tz = self.client.tz
        now = timezone.now()
        workouts = []
        for week in range(WEEKS):
            for day in self.spec.days:
                date = first_monday + datetime.timedelta(weeks=week, days=day.weekday)
                if self.rng.random() < MISSED_SESSION_RATE:
                    continue  # life happens
                started = datetime.datetime.combine(
                    date, datetime.time(day.hour, self.rng.choice([0, 5, 10, 15, 30])), tzinfo=tz
                )
                items = []
                for lift in day.lifts:
                    exercise = self.exercises.get(lift.name)
                    if exercise is not None:
                        items.append({"exercise": exercise.pk, "sets": self._sets(lift, exercise, week)})
                minutes = sum(len(item["sets"]) for item in items) * 3 + self.rng.randint(5, 15)
                ended = started + datetime.timedelta(minutes=minutes)
                if ended > now:
                    continue
                data = {
                    "name": day.name,
                    "started_at": started,
                    "ended_at": ended,
                    "plan_day": plan_days[day.name].pk,
                    "notes": "Deload week: lighter, fewer sets." if week == DELOAD_WEEK else "",
                    "exercises": items,
                }
                workouts.append(workout_create(user=self.client, data=data))
        return workouts


def seed_workouts(*, trainer: User, clients: list[User], today: datetime.date | None = None) -> dict[str, int]:
    """An active plan and three months of history for each demo client that has none yet.

    Returns what was added: plans, workouts, sets (working and warm-up) and personal records.
    """
    by_email = {client.email: client for client in clients}
    exercises = _exercises({lift.name for spec in PLANS for day in spec.days for lift in day.lifts})
    added = {"plans": 0, "workouts": 0, "sets": 0, "records": 0}
    for spec in PLANS:
        client = by_email.get(spec.email)
        if client is None:
            continue
        if Plan.objects.filter(client=client, name=spec.name).exists() or Workout.objects.filter(user=client).exists():
            continue
        local_today = today or timezone.localdate(timezone=client.tz)
        this_monday = local_today - datetime.timedelta(days=local_today.weekday())
        first_monday = this_monday - datetime.timedelta(weeks=WEEKS - 1)
        writer = _ClientHistory(trainer=trainer, client=client, spec=spec, exercises=exercises)
        with transaction.atomic():
            plan = writer.plan(first_monday)
            workouts = writer.history(first_monday, plan)
            for workout, body in zip(workouts[3::15], COMMENTS, strict=False):
                comment_create(author=trainer, workout=workout, body=body)
        added["plans"] += 1
        added["workouts"] += len(workouts)
        added["sets"] += WorkoutSet.objects.filter(workout_exercise__workout__user=client).count()
        added["records"] += PersonalRecord.objects.filter(user=client).count()
    return added
