"""Pages of the exercise library: list with search and filters, detail, add/edit/delete, the picker."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from workouts.models import Exercise
from workouts.tests.factories import ExerciseFactory, WorkoutExerciseFactory

pytestmark = pytest.mark.django_db

LIST = reverse("workouts:exercise_list")
CREATE = reverse("workouts:exercise_create")
PICKER = reverse("workouts:exercise_picker")


def url(name, exercise):
    return reverse(f"workouts:{name}", args=[exercise.pk])


def form_data(**overrides):
    data = {
        "name": "Zottman Curl (Dumbbell)",
        "primary_muscle": "biceps",
        "secondary_muscles": ["forearms"],
        "equipment": "dumbbell",
        "exercise_type": "weight_reps",
        "mechanic": "isolation",
        "instructions": "Palms up on the way up, palms down on the way down.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def client_exercise(their_client):
    return ExerciseFactory(owner=their_client, name="Client Special", secondary_muscles=["triceps", "upper_back"])


# --- Anonymous ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["exercise_list", "exercise_create", "exercise_picker"])
def test_anonymous_is_sent_to_log_in(client, name):
    response = client.get(reverse(f"workouts:{name}"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_anonymous_cannot_see_or_delete_an_exercise(client, client_exercise):
    assert client.get(url("exercise_detail", client_exercise))["Location"].startswith("/login/")
    assert client.post(url("exercise_delete", client_exercise)).status_code == 302
    assert Exercise.objects.filter(pk=client_exercise.pk).exists()


# --- The library page --------------------------------------------------------------------------------


def test_library_lists_50_a_page_with_names_muscles_equipment_and_type(login, trainer):
    response = login(trainer).get(LIST)
    assert response.status_code == 200
    page = response.context["page"]
    assert len(page.object_list) == 50 and page.paginator.count == Exercise.objects.count()
    html = response.content.decode()
    assert "Ab Wheel Rollout" in html and "Other" in html and "Bodyweight reps" in html
    assert 'hx-push-url="true"' in html and "delay:300ms" in html
    assert "?page=2" in html


def test_search_and_filters_narrow_the_results(login, trainer):
    response = login(trainer).get(LIST, {"q": "bench barbell", "muscle": "triceps", "equipment": "barbell"})
    names = [exercise.name for exercise in response.context["page"].object_list]
    assert "Bench Press (Barbell)" in names and all("Bench" in name for name in names)


def test_htmx_gets_only_the_results(login, trainer):
    response = login(trainer).get(LIST, {"q": "squat"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="exercise-results")
    html = response.content.decode()
    assert '<section id="exercise-results"' in html and "<html" not in html
    assert "Squat (Barbell)" in html


def test_a_bad_filter_shows_an_error_and_keeps_the_others(login, trainer):
    response = login(trainer).get(LIST, {"muscle": "wings", "q": "deadlift"})
    assert response.status_code == 200
    assert "muscle" in response.context["form"].errors
    assert all("Deadlift" in e.name for e in response.context["page"].object_list)


def test_a_page_past_the_end_shows_the_last_page(login, trainer):
    response = login(trainer).get(LIST, {"page": "999"})
    assert response.context["page"].number == response.context["page"].paginator.num_pages


def test_custom_exercises_carry_a_badge_for_the_trainer_and_the_client(login, trainer, their_client, client_exercise):
    for user in (trainer, their_client):
        html = login(user).get(LIST, {"q": "special"}).content.decode()
        assert "Client Special" in html and ">custom</span>" in html


def test_strangers_do_not_see_others_custom_exercises(login, other_trainer, other_client, client_exercise):
    for user in (other_trainer, other_client):
        response = login(user).get(LIST, {"q": "special"})
        assert response.context["page"].paginator.count == 0
        assert "No exercise matches" in response.content.decode()


@pytest.mark.parametrize("customs", [5, 120])
def test_library_query_count_does_not_grow(login, trainer, their_client, customs, django_assert_num_queries):
    Exercise.objects.bulk_create(
        Exercise(owner=their_client, name=f"Custom Row {n:03d}", primary_muscle="upper_back", equipment="machine")
        for n in range(customs)
    )
    client = login(trainer)
    # 1 session, 2 user, 3 COUNT for the paginator, 4 the page of exercises with their owners joined
    with django_assert_num_queries(4):
        response = client.get(LIST, {"custom": "true", "muscle": "upper_back"})
    assert response.context["page"].paginator.count == customs


# --- Detail ------------------------------------------------------------------------------------------


def test_a_builtin_shows_its_instructions_and_muscles(login, other_client):
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner__isnull=True)
    html = login(other_client).get(url("exercise_detail", bench)).content.decode()
    assert "Lie on a flat bench" in html and "Triceps, Shoulders" in html and "built-in" in html
    assert url("exercise_edit", bench) not in html


@pytest.mark.parametrize(
    ("who", "status", "can_edit"),
    [("their_client", 200, True), ("trainer", 200, False), ("other_trainer", 404, None), ("other_client", 404, None)],
)
def test_detail_permissions(request, login, client_exercise, who, status, can_edit):
    response = login(request.getfixturevalue(who)).get(url("exercise_detail", client_exercise))
    assert response.status_code == status
    if status == 200:
        assert (url("exercise_edit", client_exercise) in response.content.decode()) is can_edit
        assert "Triceps, Upper back" in response.content.decode()


def test_detail_of_a_missing_exercise_is_404(login, trainer):
    assert login(trainer).get("/exercises/00000000-0000-0000-0000-000000000000/").status_code == 404


# --- Add, edit, delete -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainer", "their_client"])
def test_adding_a_custom_exercise(request, login, who):
    user = request.getfixturevalue(who)
    client = login(user)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, form_data(), follow=True)
    exercise = Exercise.objects.get(owner=user)
    assert response.redirect_chain[-1][0] == url("exercise_detail", exercise)
    assert exercise.secondary_muscles == ["forearms"] and exercise.mechanic == "isolation"
    assert "is in your library" in response.content.decode()


def test_adding_a_duplicate_shows_the_error_on_the_name(login, trainer):
    response = login(trainer).post(CREATE, form_data(name="Squat (Barbell)", equipment="barbell"))
    assert response.status_code == 200
    assert "already exists" in " ".join(response.context["form"].errors["name"])
    assert not Exercise.objects.filter(owner=trainer).exists()


def test_adding_with_missing_fields_shows_errors(login, trainer):
    response = login(trainer).post(CREATE, {"name": ""})
    assert set(response.context["form"].errors) >= {"name", "primary_muscle", "equipment"}
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_owner_edits(login, their_client, client_exercise):
    client = login(their_client)
    response = client.get(url("exercise_edit", client_exercise))
    assert 'value="Client Special"' in response.content.decode()
    response = client.post(url("exercise_edit", client_exercise), form_data(name="Renamed"))
    assert response.status_code == 302
    client_exercise.refresh_from_db()
    assert client_exercise.name == "Renamed" and client_exercise.primary_muscle == "biceps"


@pytest.mark.parametrize(("who", "status"), [("trainer", 403), ("other_trainer", 404), ("other_client", 404)])
def test_only_the_owner_edits_or_deletes(request, login, client_exercise, who, status):
    client = login(request.getfixturevalue(who))
    assert client.get(url("exercise_edit", client_exercise)).status_code == status
    assert client.post(url("exercise_edit", client_exercise), form_data(name="Hijacked")).status_code == status
    assert client.post(url("exercise_delete", client_exercise)).status_code == status
    client_exercise.refresh_from_db()
    assert client_exercise.name == "Client Special"


def test_builtins_cannot_be_edited_or_deleted(login, trainer):
    bench = Exercise.objects.get(name="Bench Press (Barbell)", owner__isnull=True)
    assert login(trainer).get(url("exercise_edit", bench)).status_code == 403
    assert login(trainer).post(url("exercise_delete", bench)).status_code == 403


def test_delete_is_post_only(login, their_client, client_exercise):
    assert login(their_client).get(url("exercise_delete", client_exercise)).status_code == 405


def test_the_owner_deletes(login, their_client, client_exercise):
    response = login(their_client).post(url("exercise_delete", client_exercise), follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "is deleted" in response.content.decode()
    assert not Exercise.objects.filter(pk=client_exercise.pk).exists()


def test_deleting_an_exercise_in_use_explains_why(login, their_client, client_exercise):
    WorkoutExerciseFactory(exercise=client_exercise)
    response = login(their_client).post(url("exercise_delete", client_exercise), follow=True)
    assert response.status_code == 200
    assert "1 logged workout" in response.content.decode()
    assert Exercise.objects.filter(pk=client_exercise.pk).exists()


# --- Picker ------------------------------------------------------------------------------------------


def test_picker_returns_at_most_20_submit_buttons_with_the_data_attributes(login, trainer):
    html = login(trainer).get(PICKER, HTTP_HX_REQUEST="true").content.decode()
    buttons = re.findall(r"<button[^>]*>", html)
    assert len(buttons) == 20
    for button in buttons:
        assert 'type="submit"' in button and 'name="exercise"' in button
        assert "data-exercise-id=" in button and "data-exercise-name=" in button and "data-exercise-type=" in button
    assert "<html" not in html


def test_picker_filters_and_targets_a_form(login, trainer, client_exercise):
    response = login(trainer).get(PICKER, {"q": "special", "muscle": "chest", "target": "add-exercise-form"})
    html = response.content.decode()
    assert f'value="{client_exercise.pk}"' in html and 'form="add-exercise-form"' in html
    assert 'data-exercise-type="weight_reps"' in html


def test_picker_ignores_bad_parameters(login, trainer):
    html = login(trainer).get(PICKER, {"q": "row", "muscle": "wings", "target": '"><script>'}).content.decode()
    assert "<script>" not in html and ' form="' not in html
    assert "Row (Machine)" in html


def test_picker_shows_strangers_nothing_of_others(login, other_trainer, client_exercise):
    html = login(other_trainer).get(PICKER, {"q": "client special"}).content.decode()
    assert "No exercise matches" in html


@pytest.mark.parametrize("customs", [5, 100])
def test_picker_query_count_does_not_grow(login, trainer, customs, django_assert_num_queries):
    ExerciseFactory.create_batch(customs, owner=trainer)
    client = login(trainer)
    # 1 session, 2 user, 3 up to 20 exercises with their owners joined
    with django_assert_num_queries(3):
        client.get(PICKER, {"q": "test exercise"})


def test_exercise_page_links_a_client_to_their_progress(login, their_client, trainer):
    from django.urls import reverse

    from workouts.tests.factories import ExerciseFactory

    exercise = ExerciseFactory()
    history_url = reverse("workouts:exercise_history", args=[exercise.pk])
    page = login(their_client).get(reverse("workouts:exercise_detail", args=[exercise.pk]))
    assert history_url in page.content.decode()
    page = login(trainer).get(reverse("workouts:exercise_detail", args=[exercise.pk]))
    assert history_url not in page.content.decode()
