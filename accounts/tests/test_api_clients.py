"""`clients/`: a trainer's clients, a client's trainer; ending a coaching link."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import CoachingLink
from accounts.tests.factories import ClientFactory, CoachingLinkFactory
from fitnesspr.tests.api import assert_error

pytestmark = pytest.mark.django_db

LIST = reverse("api:client-list")


def detail(link) -> str:
    return reverse("api:client-detail", args=[link.pk])


def end(link) -> str:
    return reverse("api:client-end", args=[link.pk])


def link_of(client) -> CoachingLink:
    return CoachingLink.objects.get(client=client, ended_at__isnull=True)


@pytest.fixture
def ended_link(trainer):
    return CoachingLinkFactory(
        trainer=trainer,
        client=ClientFactory(display_name="Alma Ended"),
        started_at=timezone.now() - timezone.timedelta(days=90),
        ended_at=timezone.now() - timezone.timedelta(days=30),
    )


def test_trainer_lists_their_clients_with_profiles(api, trainer, their_client, other_client):
    body = api(trainer).get(LIST).json()

    assert body["count"] == 1
    [item] = body["results"]
    assert item["client"]["id"] == str(their_client.pk)
    assert item["client"]["client_profile"]["goal"] == "build_muscle"
    assert item["trainer"]["id"] == str(trainer.pk)
    assert item["is_active"] is True and item["ended_at"] is None


def test_active_filter_separates_current_and_past_links(api, trainer, their_client, ended_link):
    trainer_api = api(trainer)

    assert trainer_api.get(LIST).json()["count"] == 2
    assert [r["client"]["display_name"] for r in trainer_api.get(LIST, {"active": "true"}).json()["results"]] == [
        "Cody Client"
    ]
    assert [r["client"]["display_name"] for r in trainer_api.get(LIST, {"active": "false"}).json()["results"]] == [
        "Alma Ended"
    ]


def test_bad_filter_value_answers_400(api, trainer):
    error = assert_error(api(trainer).get(LIST, {"active": "maybe"}), 400, "invalid")
    assert "active" in error["fields"]


def test_ordering_by_client_name(api, trainer, their_client, ended_link):
    def names(ordering):
        return [r["client"]["display_name"] for r in api(trainer).get(LIST, {"ordering": ordering}).json()["results"]]

    assert names("client_name") == ["Alma Ended", "Cody Client"]
    assert names("-client_name") == ["Cody Client", "Alma Ended"]
    assert names("-started_at") == ["Cody Client", "Alma Ended"]
    # unknown fields are ignored, not an error
    assert names("password") == ["Cody Client", "Alma Ended"]


def test_client_sees_their_trainer_links_current_and_past(api, trainer, their_client, other_trainer):
    past = CoachingLinkFactory(
        trainer=other_trainer,
        client=their_client,
        started_at=timezone.now() - timezone.timedelta(days=60),
        ended_at=timezone.now() - timezone.timedelta(days=10),
    )

    body = api(their_client).get(LIST).json()

    assert [r["trainer"]["id"] for r in body["results"]] == [str(trainer.pk), str(other_trainer.pk)]
    assert body["results"][0]["trainer"]["trainer_profile"]["bio"] == "Strength coach."
    assert body["results"][1]["id"] == str(past.pk)
    assert api(their_client).get(LIST, {"active": "true"}).json()["count"] == 1


def test_parties_read_the_link(api, trainer, their_client):
    link = link_of(their_client)

    assert api(trainer).get(detail(link)).json()["id"] == str(link.pk)
    assert api(their_client).get(detail(link)).json()["client"]["email"] == "client@example.com"


@pytest.mark.parametrize("stranger", ["other_trainer", "other_client", "staff_user"])
def test_strangers_get_404_on_a_link(api, request, trainer, their_client, stranger):
    link = link_of(their_client)
    stranger_api = api(request.getfixturevalue(stranger))

    assert_error(stranger_api.get(detail(link)), 404, "not_found")
    assert_error(stranger_api.post(end(link)), 404, "not_found")
    assert link_of(their_client) == link


def test_unknown_link_gets_404(api, trainer):
    assert_error(api(trainer).get(reverse("api:client-detail", args=[uuid.uuid4()])), 404, "not_found")


def test_trainer_ends_the_link(api, trainer, their_client, django_capture_on_commit_callbacks):
    link = link_of(their_client)

    with django_capture_on_commit_callbacks(execute=True):
        response = api(trainer).post(end(link))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["is_active"] is False and body["ended_by"] == str(trainer.pk)
    assert api(trainer).get(LIST, {"active": "true"}).json()["count"] == 0
    # history stays readable for both
    assert api(trainer).get(detail(link)).status_code == 200
    assert api(their_client).get(detail(link)).status_code == 200


def test_client_leaves_and_cannot_end_twice(api, trainer, their_client):
    link = link_of(their_client)

    assert api(their_client).post(end(link)).json()["ended_by"] == str(their_client.pk)
    assert_error(api(their_client).post(end(link)), 409, "link_ended")


def test_end_is_post_only(api, trainer, their_client):
    assert_error(api(trainer).get(end(link_of(their_client))), 405, "method_not_allowed")


@pytest.mark.parametrize("count", [2, 25])
def test_list_query_count_does_not_grow_with_clients(api, trainer, count, django_assert_num_queries):
    for _ in range(count):
        CoachingLinkFactory(trainer=trainer)
    trainer_api = api(trainer)

    # 1. COUNT(*) for the paginator
    # 2. the page of links, joined to trainer, client and both profiles
    with django_assert_num_queries(2):
        response = trainer_api.get(LIST, {"page_size": 100})

    assert response.json()["count"] == count
