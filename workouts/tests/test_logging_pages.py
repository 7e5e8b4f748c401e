# ruff: noqa: RUF001  (the pages use the multiplication sign, as in "3 x 8 @ 60 kg")
"""Logging pages: start, the logger (htmx and plain POST), sets, finish, detail with comments, edit, delete,
the list; query counts at two sizes; permissions for the owner, their trainer, strangers and anonymous."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from workouts.models import PersonalRecord, PlanStatus, Workout, WorkoutComment, WorkoutSet
from workouts.tests.factories import (
    ExerciseFactory,
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
    earlier_today,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def in_progress(user, exercises=1, sets=0):
    workout = WorkoutFactory(user=user, ended_at=None, started_at=timezone.now() - timedelta(minutes=20))
    for position in range(exercises):
        entry = WorkoutExerciseFactory(workout=workout, position=position)
        for number in range(sets):
            WorkoutSetFactory(workout_exercise=entry, position=number)
    return workout


def set_url(workout, entry):
    return reverse("workouts:set_add", args=[workout.pk, entry.pk])


def set_data(entry, **values):
    data = {"set_type": "normal", "reps": 8, "weight": "60", "rpe": ""}
    data.update(values)
    return {f"set-{entry.pk}-{key}": value for key, value in data.items()}


# --- Starting --------------------------------------------------------------------------------------


def test_start_empty_opens_the_logger(login, their_client):
    response = login(their_client).post(reverse("workouts:workout_start"))
    workout = Workout.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("workouts:workout_logger", args=[workout.pk])


def test_start_from_a_plan_day_shows_targets_and_last_time(login, their_client, trainer):
    plan = PlanFactory(client=their_client, author=trainer, start_date=timezone.localdate() - timedelta(days=8))
    day = PlanDayFactory(plan=plan, name="Push day")
    planned = PlanExerciseFactory(day=day, rest_seconds=120)
    PlanSetFactory(
        plan_exercise=planned,
        reps_min=8,
        reps_max=8,
        target_weight_kg=Decimal("60"),
        weight_increment_kg=Decimal("2.5"),
    )
    earlier = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=3))
    for position in range(3):
        WorkoutSetFactory(
            workout_exercise=WorkoutExerciseFactory(workout=earlier, exercise=planned.exercise)
            if position == 0
            else earlier.exercises.get(),
            position=position,
        )
    client = login(their_client)
    response = client.post(reverse("workouts:workout_start"), {"plan_day": day.pk}, follow=True)
    page = response.content.decode()
    assert "Push day" in page
    assert "Last time:</span> 3 × 8 @ 60 kg" in page
    assert "Target:</span> 8 @ 62.5 kg" in page  # week 2: +2.5 kg
    assert 'data-rest-seconds="120"' in page
    assert 'value="62.5"' in page  # the add-set row is pre-filled from the target


def test_start_from_someone_elses_plan_day_is_refused(login, their_client, other_client):
    day = PlanDayFactory(plan=PlanFactory(client=other_client))
    response = login(their_client).post(reverse("workouts:workout_start"), {"plan_day": day.pk}, follow=True)
    assert "not one of your plans" in response.content.decode() and not Workout.objects.exists()


# --- Logging sets ----------------------------------------------------------------------------------


def test_htmx_set_add_answers_the_card_with_a_new_record_badge(login, their_client):
    workout = in_progress(their_client)
    entry = workout.exercises.get()
    previous = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=2))
    WorkoutSetFactory(
        workout_exercise=WorkoutExerciseFactory(workout=previous, exercise=entry.exercise),
        reps=5,
        weight_kg=Decimal("100"),
        estimated_1rm_kg=Decimal("116.67"),
    )
    client = login(their_client)

    lighter = client.post(set_url(workout, entry), set_data(entry, reps=5, weight="90"), **HTMX)
    assert lighter.status_code == 200
    assert lighter.content.decode().count("New record!") == 0
    assert f'id="exercise-{entry.pk}"' in lighter.content.decode() and "data-rest-start" in lighter.content.decode()

    heavier = client.post(set_url(workout, entry), set_data(entry, reps=5, weight="105", rpe="9.5"), **HTMX)
    page = heavier.content.decode()
    assert "<html" not in page and "New record!" in page and "RPE 9.5" in page
    assert WorkoutSet.objects.filter(workout_exercise=entry).count() == 2


def test_supersets_read_a1_a2_in_the_logger_also_on_one_card(login, their_client):
    workout = WorkoutFactory(user=their_client, ended_at=None, started_at=timezone.now() - timedelta(minutes=5))
    entries = [
        WorkoutExerciseFactory(
            workout=workout, position=position, exercise=ExerciseFactory(name=name), superset_group=group
        )
        for position, (name, group) in enumerate([("Squat", 0), ("Bench", 0), ("Row", None), ("Curl", 4), ("Dip", 4)])
    ]

    def label(label: str, name: str) -> str:
        return f'<span class="superset-label" title="Superset">{label}</span> {name}</h2>'

    client = login(their_client)
    page = client.get(reverse("workouts:workout_logger", args=[workout.pk])).content.decode()
    for text, name in (("A1", "Squat"), ("A2", "Bench"), ("B1", "Curl"), ("B2", "Dip")):
        assert label(text, name) in page
    assert f'id="exercise-{entries[2].pk}-name">Row</h2>' in page and "Superset 0" not in page
    # Logging a set answers its card alone: it keeps its place in the superset.
    card = client.post(set_url(workout, entries[4]), set_data(entries[4]), **HTMX).content.decode()
    assert label("B2", "Dip") in card


def test_plain_post_set_add_redirects_with_the_rest_timer(login, their_client):
    workout = in_progress(their_client)
    entry = workout.exercises.get()
    response = login(their_client).post(set_url(workout, entry), set_data(entry))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?rest=90#exercise-{entry.pk}")
    assert WorkoutSet.objects.get().weight_kg == Decimal("60")


def test_a_set_in_pounds_is_stored_in_kg(login, their_client):
    their_client.units = "lb"
    their_client.save(update_fields=["units"])
    workout = in_progress(their_client)
    entry = workout.exercises.get()
    login(their_client).post(set_url(workout, entry), set_data(entry, weight="135"))
    assert WorkoutSet.objects.get().weight_kg == Decimal("61.23")


def test_invalid_set_shows_the_error_next_to_its_input(login, their_client):
    workout = in_progress(their_client)
    entry = workout.exercises.get()
    client = login(their_client)
    response = client.post(set_url(workout, entry), set_data(entry, weight="", reps="8"), **HTMX)
    assert response.status_code == 200 and "Enter the weight." in response.content.decode()
    plain = client.post(set_url(workout, entry), set_data(entry, reps="-2"))
    assert plain.status_code == 400 and "field-error" in plain.content.decode()
    assert not WorkoutSet.objects.exists()


def test_cardio_card_has_distance_and_duration(login, their_client):
    run = ExerciseFactory(name="Treadmill run", exercise_type="distance_duration", equipment="machine")
    workout = in_progress(their_client, exercises=0)
    entry = WorkoutExerciseFactory(workout=workout, exercise=run)
    client = login(their_client)
    page = client.get(reverse("workouts:workout_logger", args=[workout.pk])).content.decode()
    assert "Distance (km)" in page and "Time (min, sec)" in page and "Weight (kg)" not in page
    data = {f"set-{entry.pk}-set_type": "normal", f"set-{entry.pk}-distance": "5", f"set-{entry.pk}-duration": "25:30"}
    client.post(set_url(workout, entry), data)
    saved = WorkoutSet.objects.get()
    assert (saved.distance_m, saved.duration_seconds) == (Decimal("5000.0"), 1530)


def test_edit_and_delete_a_set(login, their_client):
    workout = in_progress(their_client, sets=2)
    entry = workout.exercises.get()
    first = entry.sets.order_by("position").first()
    client = login(their_client)
    url = reverse("workouts:set_edit", args=[first.pk])
    assert 'name="edit-' in client.get(url, **HTMX).content.decode()
    data = {
        f"edit-{first.pk}-{k}": v for k, v in {"set_type": "warmup", "reps": "10", "weight": "40", "rpe": ""}.items()
    }
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200 and f'id="exercise-{entry.pk}"' in response.content.decode()
    first.refresh_from_db()
    assert (first.set_type, first.reps, first.weight_kg) == ("warmup", 10, Decimal("40.00"))
    response = client.post(reverse("workouts:set_delete", args=[first.pk]))
    assert response.status_code == 302 and entry.sets.count() == 1


def test_add_and_remove_an_exercise(login, their_client):
    workout = in_progress(their_client, exercises=0)
    squat = ExerciseFactory(name="Back squat")
    client = login(their_client)
    search = client.get(reverse("workouts:workout_logger", args=[workout.pk]), {"q": "squat"}).content.decode()
    assert f'name="exercise" value="{squat.pk}"' in search
    response = client.post(reverse("workouts:workout_exercise_add", args=[workout.pk]), {"exercise": squat.pk}, **HTMX)
    assert response.status_code == 200 and "Back squat" in response.content.decode()
    entry = workout.exercises.get()
    client.post(reverse("workouts:workout_exercise_remove", args=[workout.pk, entry.pk]))
    assert not workout.exercises.exists()


def test_adding_an_invisible_exercise_is_refused(login, their_client, other_client):
    workout = in_progress(their_client, exercises=0)
    private = ExerciseFactory(owner=other_client)
    response = login(their_client).post(
        reverse("workouts:workout_exercise_add", args=[workout.pk]), {"exercise": private.pk}, follow=True
    )
    assert "Choose an exercise from your library" in response.content.decode() and not workout.exercises.exists()


def trained_before(user, exercise, reps=3, weight="40"):
    """An earlier workout of `exercise`: the records that stood before this one (only beating them flags)."""
    earlier = WorkoutFactory(user=user, started_at=timezone.now() - timedelta(days=3))
    return WorkoutSetFactory(
        workout_exercise=WorkoutExerciseFactory(workout=earlier, exercise=exercise), reps=reps, weight_kg=weight
    )


def test_finish_saves_the_duration_and_shows_the_detail(login, their_client):
    workout = in_progress(their_client, sets=2)
    trained_before(their_client, workout.exercises.get().exercise)
    response = login(their_client).post(reverse("workouts:workout_finish", args=[workout.pk]), follow=True)
    workout.refresh_from_db()
    assert workout.ended_at is not None and 20 * 60 <= workout.duration_seconds < 21 * 60
    page = response.content.decode()
    assert re.search(r"Workout saved \(20:\d\d\)\.", page)  # m:ss, like every workout duration
    assert "new record" in page and "weight × (1 + reps / 30)" in page


def test_the_finish_message_counts_records_as_the_workout_page_shows_them(login, their_client):
    workout = in_progress(their_client)
    entry = workout.exercises.get()
    trained_before(their_client, entry.exercise)
    client = login(their_client)
    for weight in ("200", "210"):  # two heavier sets: two "heaviest" records, one badge
        client.post(set_url(workout, entry), set_data(entry, reps=1, weight=weight), **HTMX)
    first_time = WorkoutExerciseFactory(workout=workout, position=1)  # first time: records, but nothing beaten
    WorkoutSetFactory(workout_exercise=first_time, reps=5, weight_kg=Decimal("50"))

    page = client.post(reverse("workouts:workout_finish", args=[workout.pk]), {"confirmed": "1"}, follow=True)
    html = page.content.decode()
    shown = int(re.search(r"<dt>Records</dt><dd>(\d+)</dd>", html).group(1))
    assert re.search(rf"{shown} new records?!", html)
    assert shown == 4  # the bench's e1RM, heaviest, most reps at 210 kg, volume; none of the first-time exercise


def test_a_workout_under_a_minute_is_saved_with_its_seconds(login, their_client):
    workout = in_progress(their_client, sets=1)
    Workout.objects.filter(pk=workout.pk).update(started_at=timezone.now() - timedelta(seconds=22))
    response = login(their_client).post(reverse("workouts:workout_finish", args=[workout.pk]), follow=True)
    page = response.content.decode()
    assert re.search(r"Workout saved \(0:2\d\)\.", page) and "0 min" not in page


def test_the_list_offers_todays_plan_workout_until_it_is_done(login, trainer, their_client):
    plan = PlanFactory(client=their_client, author=trainer, status=PlanStatus.ACTIVE)
    push = PlanDayFactory(plan=plan, name="Push A", position=0)
    PlanDayFactory(plan=plan, name="Pull B", position=1)
    page = login(their_client)
    assert "Start today’s workout: Push A" in page.get(reverse("workouts:workout_list")).content.decode()

    WorkoutFactory(user=their_client, plan_day=push, started_at=earlier_today(their_client), ended_at=timezone.now())
    html = page.get(reverse("workouts:workout_list")).content.decode()
    assert "Start today’s workout" not in html and "Start an empty workout" in html


@pytest.mark.parametrize(("exercises", "sets"), [(1, 2), (5, 6)])
def test_logger_query_count_does_not_grow(login, their_client, exercises, sets, django_assert_num_queries):
    workout = in_progress(their_client, exercises=exercises, sets=sets)
    for entry in workout.exercises.all():  # earlier history for "last time"
        WorkoutSetFactory(
            workout_exercise=WorkoutExerciseFactory(
                workout=WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=3)),
                exercise=entry.exercise,
            )
        )
    client = login(their_client)
    url = reverse("workouts:workout_logger", args=[workout.pk])
    # 1 session, 2 user, 3 the workout through the access check (with its owner's weight steps, plan day and
    # plan), 4 its exercises, 5 their sets, 6 the workout's records, 7 last time: latest earlier entry per
    # exercise, 8 their sets, 9 the heaviest earlier weight per exercise (the "check this" hint)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.content.decode().count('class="exercise-card"') == exercises


@pytest.mark.parametrize(("exercises", "sets"), [(1, 1), (5, 6)])
def test_saving_a_set_costs_the_same_few_queries(login, their_client, exercises, sets, django_assert_num_queries):
    workout = in_progress(their_client, exercises=exercises, sets=sets)
    entry = workout.exercises.first()
    client = login(their_client)
    client.post(set_url(workout, entry), set_data(entry, reps=8), **HTMX)
    # 1 session, 2 user, 3 the workout through the access check, 4 its exercises, 5 their sets; the service:
    # savepoint, 6 next position, 7 insert; records of this exercise only: 8-10 bests before, 11 this workout's
    # sets ranked, 12 its old records, 13-14 rewritten (the session volume grew); release; the card:
    # 15 this exercise's sets again, 16 the workout's records, 17 last time, 18 its sets, 19 heaviest before
    with django_assert_num_queries(20):
        response = client.post(set_url(workout, entry), set_data(entry, reps=1, weight="20"), **HTMX)
    assert response.status_code == 200 and f'id="exercise-{entry.pk}"' in response.content.decode()
    # a warm-up changes no record: nothing rewritten
    with django_assert_num_queries(18):
        client.post(set_url(workout, entry), set_data(entry, set_type="warmup", reps=10, weight="20"), **HTMX)


@pytest.mark.parametrize("count", [2, 15])
def test_list_query_count_does_not_grow(login, their_client, count, django_assert_num_queries):
    for _ in range(count):
        workout = WorkoutFactory(user=their_client)
        WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(workout=workout))
    client = login(their_client)
    # 1 session, 2 user, 3 count, 4 the page (with set counts), 5 their exercises, 6 the workout in progress,
    # 7 the active plan (today's workout)
    with django_assert_num_queries(7):
        response = client.get(reverse("workouts:workout_list"))
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 6])
def test_detail_query_count_does_not_grow(login, trainer, their_client, count, django_assert_num_queries):
    workout = WorkoutFactory(user=their_client)
    for position in range(count):
        entry = WorkoutExerciseFactory(workout=workout, position=position)
        for number in range(count):
            WorkoutSetFactory(workout_exercise=entry, position=number)
        WorkoutComment.objects.create(workout=workout, author=trainer, body=f"Comment {position}")
    client = login(trainer)
    # 1 session, 2 user, 3 workout (user, plan day, plan), 4 exercises, 5 sets, 6 records, 7 comments with authors
    with django_assert_num_queries(7):
        response = client.get(reverse("workouts:workout_detail", args=[workout.pk]))
    assert response.content.decode().count('class="comment"') == count


# --- Detail, comments, edit, delete ----------------------------------------------------------------


def test_detail_shows_records_and_the_trainer_comments(login, trainer, their_client):
    workout = WorkoutFactory(user=their_client)
    top = WorkoutSetFactory(workout_exercise=WorkoutExerciseFactory(workout=workout), reps=5, weight_kg=100)
    trained_before(their_client, top.workout_exercise.exercise, weight="80")
    from workouts.services.records import records_refresh

    records_refresh(user=their_client, exercise_ids=[top.workout_exercise.exercise_id], since=workout.started_at)
    assert PersonalRecord.objects.filter(workout_set=top).exists()
    client = login(trainer)
    page = client.get(reverse("workouts:workout_detail", args=[workout.pk])).content.decode()
    assert "New record!" in page and "Edit details" not in page and their_client.display_name in page

    url = reverse("workouts:workout_comment_create", args=[workout.pk])
    response = client.post(url, {"body": "Great pause squats"}, **HTMX)
    assert response.status_code == 200 and "Great pause squats" in response.content.decode()
    page = login(their_client).get(reverse("workouts:workout_detail", args=[workout.pk])).content.decode()
    assert "Great pause squats" in page and "Edit details" in page


def test_empty_comment_is_refused(login, their_client):
    workout = WorkoutFactory(user=their_client)
    response = login(their_client).post(reverse("workouts:workout_comment_create", args=[workout.pk]), {"body": " "})
    assert response.status_code == 400 and not WorkoutComment.objects.exists()


def test_edit_uses_the_users_time_zone(login, their_client):
    their_client.time_zone = "Europe/Paris"
    their_client.save(update_fields=["time_zone"])
    workout = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=1))
    local = timezone.localtime(workout.started_at, their_client.tz)
    client = login(their_client)
    data = {
        "name": "Renamed",
        "started_at": local.strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (local + timedelta(minutes=75)).strftime("%Y-%m-%dT%H:%M"),
        "notes": "",
    }
    response = client.post(reverse("workouts:workout_edit", args=[workout.pk]), data)
    assert response.status_code == 302
    workout.refresh_from_db()
    assert workout.name == "Renamed" and workout.duration_seconds == 75 * 60
    assert abs((workout.started_at - local).total_seconds()) < 60
    data["ended_at"] = (local - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("workouts:workout_edit", args=[workout.pk]), data)
    assert response.status_code == 400 and "after the start" in response.content.decode()


def test_delete(login, their_client):
    workout = WorkoutFactory(user=their_client)
    response = login(their_client).post(reverse("workouts:workout_delete", args=[workout.pk]))
    assert response.status_code == 302 and not Workout.objects.exists()


# --- Permissions -----------------------------------------------------------------------------------


def _urls(workout, workout_set):
    return {
        "logger": ("get", reverse("workouts:workout_logger", args=[workout.pk])),
        "edit": ("get", reverse("workouts:workout_edit", args=[workout.pk])),
        "delete": ("post", reverse("workouts:workout_delete", args=[workout.pk])),
        "finish": ("post", reverse("workouts:workout_finish", args=[workout.pk])),
        "set_edit": ("get", reverse("workouts:set_edit", args=[workout_set.pk])),
        "set_delete": ("post", reverse("workouts:set_delete", args=[workout_set.pk])),
        "set_add": ("post", reverse("workouts:set_add", args=[workout.pk, workout_set.workout_exercise_id])),
    }


@pytest.mark.parametrize("name", ["logger", "edit", "delete", "finish", "set_edit", "set_delete", "set_add"])
def test_write_pages_permissions(client, login, trainer, their_client, other_trainer, other_client, name):
    workout = in_progress(their_client, sets=1)
    workout_set = WorkoutSet.objects.get()
    method, url = _urls(workout, workout_set)[name]
    data = set_data(workout_set.workout_exercise) if name == "set_add" else {}
    anonymous = getattr(client, method)(url, data)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert getattr(login(other_trainer), method)(url, data).status_code == 404
    assert getattr(login(other_client), method)(url, data).status_code == 404
    assert getattr(login(trainer), method)(url, data).status_code == 403
    assert getattr(login(their_client), method)(url, data).status_code in (200, 302)
    assert Workout.objects.exists() or name == "delete"


def test_read_pages_permissions(client, login, trainer, their_client, other_trainer, other_client):
    workout = WorkoutFactory(user=their_client)
    detail = reverse("workouts:workout_detail", args=[workout.pk])
    comment = reverse("workouts:workout_comment_create", args=[workout.pk])
    assert client.get(detail).status_code == 302
    for stranger in (other_trainer, other_client):
        assert login(stranger).get(detail).status_code == 404
        assert login(stranger).post(comment, {"body": "Hi"}).status_code == 404
    assert login(trainer).get(detail).status_code == 200
    assert login(their_client).get(detail).status_code == 200
    assert WorkoutComment.objects.count() == 0


def test_trainer_lists_one_clients_workouts_and_never_another_trainers(login, trainer, their_client, other_client):
    mine = WorkoutFactory(user=their_client, name="Client session")
    WorkoutFactory(user=other_client, name="Stranger session")
    client = login(trainer)
    page = client.get(reverse("workouts:workout_list"), {"client": their_client.pk}).content.decode()
    assert "Client session" in page and "Stranger session" not in page and f"{their_client.display_name}’s" in page
    assert client.get(reverse("workouts:workout_list"), {"client": other_client.pk}).status_code == 404
    assert mine.pk


def test_only_the_author_deletes_a_comment(login, trainer, their_client):
    comment = WorkoutComment.objects.create(workout=WorkoutFactory(user=their_client), author=trainer, body="Hi")
    url = reverse("workouts:workout_comment_delete", args=[comment.pk])
    assert login(their_client).post(url).status_code == 403
    assert login(trainer).post(url).status_code == 302 and not WorkoutComment.objects.exists()
