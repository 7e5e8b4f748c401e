"""The trainer's page of a client (profile, plan and today, last workouts with comments, records, Hevy status)
and the profile step a client is offered once after joining through an invitation."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ClientProfile
from accounts.services import invitation_create
from accounts.tests.factories import ClientFactory, CoachingLinkFactory
from integrations.models import ConnectionStatus, HevyConnection
from workouts.models import Exercise, PersonalRecord, PlanStatus, RecordKind
from workouts.tests.factories import (
    PlanDayFactory,
    PlanExerciseFactory,
    PlanFactory,
    PlanSetFactory,
    WorkoutCommentFactory,
    WorkoutExerciseFactory,
    WorkoutFactory,
    WorkoutSetFactory,
)

pytestmark = pytest.mark.django_db


def page_url(client) -> str:
    return reverse("accounts:client_detail", args=[client.pk])


def builtin(name: str) -> Exercise:
    return Exercise.objects.get(name=name, owner=None)


def active_plan_for(client, trainer, *, days: int = 2):
    plan = PlanFactory(client=client, author=trainer, name="Strength block", status=PlanStatus.ACTIVE)
    for position in range(days):
        day = PlanDayFactory(plan=plan, position=position, name=f"Day {'AB'[position % 2]}{position}")
        for index, name in enumerate(["Squat (Barbell)", "Bench Press (Barbell)"]):
            item = PlanExerciseFactory(day=day, position=index, exercise=builtin(name))
            for _ in range(3):
                PlanSetFactory(plan_exercise=item, reps_min=5, reps_max=5, target_weight_kg=Decimal("100"))
    return plan


def log_workouts(client, trainer, count: int) -> None:
    squat = builtin("Squat (Barbell)")
    for n in range(count):
        started = timezone.now() - timedelta(days=count - n)
        workout = WorkoutFactory(user=client, name=f"Session {n}", started_at=started, notes=f"Felt good {n}")
        entry = WorkoutExerciseFactory(workout=workout, exercise=squat, position=0)
        for _ in range(3):
            WorkoutSetFactory(workout_exercise=entry, reps=5, weight_kg=Decimal("100"))
        WorkoutCommentFactory(workout=workout, author=trainer, body=f"Great depth {n}")
        PersonalRecord.objects.create(
            user=client,
            exercise=squat,
            kind=RecordKind.HEAVIEST_WEIGHT,
            value=Decimal("100") + n,
            workout=workout,
            achieved_at=started,
        )


# --- Access ---------------------------------------------------------------------------------------------


def test_the_trainer_sees_their_clients_page(login, trainer, their_client):
    profile = their_client.client_profile
    profile.injuries = "Sore left shoulder: no overhead pressing"
    profile.training_days_per_week = 4
    profile.session_length_minutes = 45
    profile.save()
    response = login(trainer).get(page_url(their_client))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cody Client</h1>" in html
    for text in ("Build muscle", "Intermediate", "Sore left shoulder: no overhead pressing", "Barbell, Dumbbell"):
        assert text in html
    assert ">4<" in html and "45 min" in html


@pytest.mark.parametrize("who", ["other_trainer", "other_client", "their_client", "staff_user"])
def test_anyone_but_the_current_trainer_gets_404(request, login, their_client, who):
    """The client themselves too: this is the trainer's view of them; their own profile is in their settings."""
    assert login(request.getfixturevalue(who)).get(page_url(their_client)).status_code == 404


def test_a_former_client_and_unknown_ids_are_404(login, trainer, their_client):
    browser = login(trainer)
    link = their_client.trainer_links.get()
    link.ended_at = timezone.now()
    link.save()
    assert browser.get(page_url(their_client)).status_code == 404
    assert browser.get(page_url(trainer)).status_code == 404  # the trainer is not their own client
    assert browser.get("/clients/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_anonymous_goes_to_the_login_page(client, their_client):
    response = client.get(page_url(their_client))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_client_list_links_each_name_to_the_client_page(login, trainer, their_client):
    html = login(trainer).get(reverse("accounts:clients")).content.decode()
    assert f'href="{page_url(their_client)}"' in html


# --- Sections -------------------------------------------------------------------------------------------


def test_the_page_shows_plan_today_last_workouts_comments_records_and_links(login, trainer, their_client):
    plan = active_plan_for(their_client, trainer, days=1)
    log_workouts(their_client, trainer, 2)
    html = login(trainer).get(page_url(their_client)).content.decode()
    assert "Strength block" in html and reverse("workouts:plan_detail", args=[plan.pk]) in html
    assert "Today: DayA0" not in html and "Today: Day A0" in html
    assert "Squat (Barbell)" in html and "3 × 5 @ 100 kg" in html  # noqa: RUF001
    assert "Session 1" in html and "Felt good 1" in html and "Great depth 1" in html
    assert "101 kg heaviest weight" in html
    for name in ("plan_list", "workout_list", "history"):
        assert f"{reverse(f'workouts:{name}')}?client={their_client.pk}" in html
    assert "Not connected." in html and "connects Hevy in their own FitnessPr settings" in html


def test_each_kind_of_record_reads_as_a_sentence(login, trainer, their_client):
    """Each kind reads plainly, and the estimated 1RM keeps its capitals (it read "best estimated 1rm")."""
    squat = builtin("Squat (Barbell)")
    workout = WorkoutFactory(user=their_client, started_at=timezone.now() - timedelta(days=1))
    for kind, value, weight in (
        (RecordKind.ESTIMATED_1RM, "116.67", None),
        (RecordKind.HEAVIEST_WEIGHT, "100", None),
        (RecordKind.MOST_REPS, "8", "90"),
        (RecordKind.BEST_VOLUME, "2400", None),
    ):
        PersonalRecord.objects.create(
            user=their_client,
            exercise=squat,
            kind=kind,
            value=Decimal(value),
            weight_kg=Decimal(weight) if weight else None,
            workout=workout,
            achieved_at=workout.started_at,
        )
    html = login(trainer).get(page_url(their_client)).content.decode()
    records = html[html.index('id="records-heading"') :]
    for text in ("116.67 kg estimated 1RM", "100 kg heaviest weight", "8 reps at 90 kg", "2,400 kg session volume"):
        assert text in records
    assert "1rm" not in records


def test_weights_are_shown_in_the_trainers_units(login, trainer, their_client):
    trainer.units = "lb"
    trainer.save()
    active_plan_for(their_client, trainer, days=1)
    html = login(trainer).get(page_url(their_client)).content.decode()
    # The client's 100 kg target, as a pound viewer would load it: whole steps of pounds, never 220.5 lb.
    assert "@ 220 lb" in html and "220.5" not in html


def test_empty_states(login, trainer, their_client):
    html = login(trainer).get(page_url(their_client)).content.decode()
    assert "No active plan." in html
    assert "Cody Client has not logged a workout yet." in html
    assert "No records yet." in html


def test_hevy_status_is_shown(login, trainer, their_client):
    HevyConnection.objects.create(user=their_client, api_key="k" * 32, key_last4="kkkk")
    html = login(trainer).get(page_url(their_client)).content.decode()
    assert "Connected." in html and "Not synced yet." in html and "kkkk" not in html
    HevyConnection.objects.filter(user=their_client).update(status=ConnectionStatus.INVALID)
    html = login(trainer).get(page_url(their_client)).content.decode()
    assert "Key rejected." in html


def test_only_this_clients_data_is_shown(login, trainer, their_client, other_client, other_trainer):
    second = ClientFactory(display_name="Sara Second")
    CoachingLinkFactory(trainer=trainer, client=second)
    log_workouts(second, trainer, 1)
    log_workouts(other_client, other_trainer, 1)
    response = login(trainer).get(page_url(their_client))
    html = response.content.decode()
    assert response.status_code == 200 and "Cody Client" in html  # the page itself, not an error
    assert "Session 0" not in html and "Great depth" not in html


@pytest.mark.parametrize("size", [1, 12])
def test_query_count_does_not_grow_with_history(login, trainer, their_client, size, django_assert_num_queries):
    active_plan_for(their_client, trainer, days=size)
    log_workouts(their_client, trainer, size)
    HevyConnection.objects.create(user=their_client, api_key="k" * 32, key_last4="kkkk")
    browser = login(trainer)
    # 1 session, 2 user, 3 the client with their profile (through the current coaching link);
    # workouts: 4 the active plan (with its number of days), 5-6 the last workouts (with their totals summed by
    # the database) and their exercises (no sets), 7 their comments with authors, 8 the latest records, 9 the
    # plan's days and 10 the day of the last workout from the plan (which day is today's), 11 the client's
    # training preferences (loadable weight steps), 12-13 today's exercises and their target sets;
    # integrations: 14 the Hevy connection.
    with django_assert_num_queries(14):
        response = browser.get(page_url(their_client))
    assert response.status_code == 200


def test_a_last_workout_reads_its_exercises_in_order_with_database_totals(login, trainer, their_client):
    """The exercises' names in their order and the totals without warm-ups (summed by the database: the page
    loads no set), in the trainer's units; a workout without a weighted set reads 0 kg."""
    workout = WorkoutFactory(user=their_client, name="Push pull", started_at=timezone.now() - timedelta(days=1))
    squat = WorkoutExerciseFactory(workout=workout, exercise=builtin("Squat (Barbell)"), position=1)
    bench = WorkoutExerciseFactory(workout=workout, exercise=builtin("Bench Press (Barbell)"), position=0)
    WorkoutSetFactory(workout_exercise=squat, set_type="warmup", reps=5, weight_kg=Decimal("60"))
    for _ in range(3):
        WorkoutSetFactory(workout_exercise=squat, reps=5, weight_kg=Decimal("100"))
    WorkoutSetFactory(workout_exercise=bench, set_type="dropset", reps=8, weight_kg=Decimal("80.5"))
    WorkoutFactory(user=their_client, name="Walk", started_at=timezone.now() - timedelta(days=2))
    html = login(trainer).get(page_url(their_client)).content.decode()
    push = html[html.index("<strong>Push pull</strong>") : html.index("<strong>Walk</strong>")]
    assert "4 working sets · 2,144 kg" in push  # 3 x 5 x 100 + 8 x 80.5; the warm-up is not counted
    assert '<small class="block">Bench Press (Barbell), Squat (Barbell)</small>' in push
    assert "0 working sets · 0 kg" in html[html.index("<strong>Walk</strong>") :]


# --- The profile step after joining ---------------------------------------------------------------------


def test_signing_up_from_an_invitation_asks_for_the_profile_once(client, trainer):
    _invitation, token = invitation_create(trainer=trainer, email="new@example.com")
    response = client.post(
        reverse("accounts:invitation_accept", args=[token]),
        {
            "display_name": "Nina New",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
            "units": "kg",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:profile_step")
    html = response.content.decode()
    assert "Your training profile" in html and "Skip for now" in html
    for label in ("Main goal", "Training experience", "Injuries and movements to avoid", "Training days per week"):
        assert label in html
    assert "Birth date" not in html  # the rest waits for the settings

    data = {
        "goal": "get_stronger",
        "experience_level": "advanced",
        "training_days_per_week": 5,
        "session_length_minutes": 75,
        "available_equipment": ["barbell", "machine"],
        "injuries": "Bad knee: no jumping",
    }
    response = client.post(reverse("accounts:profile_step"), data)
    assert response.status_code == 302
    profile = ClientProfile.objects.get(user__email="new@example.com")
    assert profile.goal == "get_stronger" and profile.training_days_per_week == 5
    assert profile.available_equipment == ["barbell", "machine"] and profile.injuries == "Bad knee: no jumping"
    assert profile.profile_prompted_at is not None

    # The trainer sees it on the client page.
    client.force_login(trainer)
    html = client.get(page_url(profile.user)).content.decode()
    assert "Get stronger" in html and "Bad knee: no jumping" in html and "Barbell, Machine" in html


def test_the_step_can_be_skipped_and_is_not_asked_again(login, trainer, their_client, other_trainer):
    browser = login(their_client)
    response = browser.post(reverse("accounts:profile_step"), {"skip": "1"})
    assert response.status_code == 302
    profile = ClientProfile.objects.get(user=their_client)
    assert profile.profile_prompted_at is not None and profile.goal == "build_muscle"  # nothing else changed

    # Joining another trainer later does not ask again.
    _invitation, token = invitation_create(trainer=other_trainer, email=their_client.email)
    response = browser.post(reverse("accounts:invitation_accept", args=[token]))
    assert response.url == reverse("accounts:my_trainer")


def test_accepting_with_an_existing_account_asks_for_the_profile(login, trainer):
    loner = ClientFactory(email="loner@example.com")
    _invitation, token = invitation_create(trainer=trainer, email=loner.email)
    response = login(loner).post(reverse("accounts:invitation_accept", args=[token]))
    assert response.url == reverse("accounts:profile_step")


def test_the_step_refuses_bad_input_with_form_errors(login, their_client):
    data = {"goal": "fly", "experience_level": "beginner", "training_days_per_week": 9, "session_length_minutes": 60}
    response = login(their_client).post(reverse("accounts:profile_step"), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "goal" in form.errors and "training_days_per_week" in form.errors
    assert ClientProfile.objects.get(user=their_client).profile_prompted_at is None


def test_the_step_is_for_clients_only(login, trainer):
    assert login(trainer).get(reverse("accounts:profile_step")).status_code == 404


def test_the_settings_page_edits_the_same_profile(login, their_client):
    html = login(their_client).get(reverse("accounts:settings")).content.decode()
    assert "Injuries and movements to avoid" in html and "Training days per week" in html
