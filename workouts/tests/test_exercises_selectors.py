"""Reading the library: who sees which custom exercises, search and filters, constant query counts."""

from __future__ import annotations

import pytest
from django.http import Http404

from accounts.tests.factories import ClientFactory
from workouts.models import Exercise
from workouts.selectors.exercises import exercise_detail, exercise_list, exercise_picker_list, search_words
from workouts.tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return [exercise.name for exercise in queryset]


@pytest.fixture
def customs(trainer, their_client, other_trainer, other_client):
    return {
        "trainer": ExerciseFactory(owner=trainer, name="Trainer Special"),
        "client": ExerciseFactory(owner=their_client, name="Client Special"),
        "other_trainer": ExerciseFactory(owner=other_trainer, name="Other Trainer Special"),
        "other_client": ExerciseFactory(owner=other_client, name="Other Client Special"),
    }


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("trainer", {"Trainer Special", "Client Special"}),
        ("their_client", {"Trainer Special", "Client Special"}),
        ("other_trainer", {"Other Trainer Special", "Other Client Special"}),
        ("other_client", {"Other Trainer Special", "Other Client Special"}),
    ],
)
def test_custom_exercises_are_visible_to_the_owner_and_their_coaching_partner(request, customs, who, visible):
    user = request.getfixturevalue(who)
    assert set(names(exercise_list(user=user, custom=True))) == visible
    assert exercise_list(user=user, custom=False).count() == Exercise.objects.filter(owner__isnull=True).count()


def test_a_client_without_a_trainer_sees_builtins_and_their_own(customs):
    loner = ClientFactory()
    ExerciseFactory(owner=loner, name="Loner Special")
    assert names(exercise_list(user=loner, custom=True)) == ["Loner Special"]


def test_search_matches_every_word_in_any_order(trainer):
    assert names(exercise_list(user=trainer, search="barbell bench")) == [
        "Bench Press (Barbell)",
        "Close Grip Bench Press (Barbell)",
        "Decline Bench Press (Barbell)",
        "Incline Bench Press (Barbell)",
    ]
    assert names(exercise_list(user=trainer, search="BENCH PRESS (barbell)"))[0] == "Bench Press (Barbell)"
    assert names(exercise_list(user=trainer, search="no such thing")) == []


def test_search_words_drop_brackets_and_are_capped():
    assert search_words(" Bench (Barbell), press ") == ["Bench", "Barbell", "press"]
    assert len(search_words("a b c d e f g h")) == 5
    assert search_words(None) == []


def test_muscle_filter_matches_primary_or_secondary(trainer):
    result = exercise_list(user=trainer, muscle="triceps")
    assert {"Triceps Pushdown (Cable)", "Bench Press (Barbell)"} <= set(names(result))
    for exercise in result:
        assert exercise.primary_muscle == "triceps" or "triceps" in exercise.secondary_muscles


def test_muscle_filter_does_not_match_a_longer_name(trainer):
    # "back" is not a muscle group of its own: "upper_back" and "lower_back" must not match it.
    assert exercise_list(user=trainer, muscle="back").count() == 0


def test_equipment_and_type_filters(trainer):
    cardio = exercise_list(user=trainer, exercise_type="distance_duration", equipment="machine")
    assert "Rowing Machine" in names(cardio)
    assert all(e.exercise_type == "distance_duration" and e.equipment == "machine" for e in cardio)


def test_filters_combine(trainer, customs):
    result = exercise_list(user=trainer, search="special", muscle="chest", equipment="barbell", custom=True)
    assert names(result) == ["Client Special", "Trainer Special"]


def test_picker_list_is_capped_at_20(trainer):
    assert len(exercise_picker_list(user=trainer)) == 20
    assert names(exercise_picker_list(user=trainer, search="squat", equipment="barbell"))[0] == "Box Squat (Barbell)"


def test_detail_answers_404_for_a_stranger_and_a_bad_id(trainer, customs):
    assert exercise_detail(user=trainer, exercise_id=customs["client"].pk).owner.display_name == "Cody Client"
    with pytest.raises(Http404):
        exercise_detail(user=trainer, exercise_id=customs["other_client"].pk)
    with pytest.raises(Http404):
        exercise_detail(user=trainer, exercise_id="not-a-uuid")


@pytest.mark.parametrize("count", [10, 3000])
def test_list_query_count_is_constant_with_thousands_of_custom_exercises(
    trainer, their_client, count, django_assert_num_queries
):
    Exercise.objects.bulk_create(
        Exercise(
            owner=their_client if n % 2 else trainer,
            name=f"Custom Press {n:04d}",
            primary_muscle="chest",
            secondary_muscles=["triceps"],
            equipment="machine",
        )
        for n in range(count)
    )
    # 1. the page of exercises with their owners joined (the trainer's clients are a subquery)
    with django_assert_num_queries(1):
        page = list(exercise_list(user=trainer, search="custom press", muscle="triceps")[:50])
    assert len(page) == min(count, 50)
    with django_assert_num_queries(1):
        assert all(exercise.owner.display_name for exercise in exercise_picker_list(user=their_client, search="custom"))
