"""Domain events: delivered after the commit, never for a rolled-back change, each subscriber on its own."""

from __future__ import annotations

import logging
from dataclasses import FrozenInstanceError, dataclass

import pytest
from django.db import transaction

from fitnesspr import events
from fitnesspr.events import Event, publish, subscribe


@dataclass(frozen=True)
class Pinged(Event):
    """A test event."""

    name = "test.pinged"
    value: int


@pytest.fixture
def received(monkeypatch):
    monkeypatch.setattr(events, "_subscribers", {Pinged: []})
    seen: list[int] = []
    subscribe(Pinged, lambda event: seen.append(event.value))
    return seen


@pytest.mark.django_db(transaction=True)
def test_an_event_is_delivered_after_the_commit_and_never_on_rollback(received):
    with transaction.atomic():
        publish(Pinged(value=1))
        assert received == []  # not before the commit
    assert received == [1]

    with pytest.raises(RuntimeError), transaction.atomic():
        publish(Pinged(value=2))
        raise RuntimeError("roll back")
    assert received == [1]

    publish(Pinged(value=3))  # outside a transaction: at once
    assert received == [1, 3]


@pytest.mark.django_db(transaction=True)
def test_a_failing_subscriber_is_logged_and_the_others_still_run(received, caplog):
    def broken(event):
        raise ValueError("boom")

    events._subscribers[Pinged].insert(0, broken)
    with caplog.at_level(logging.ERROR, logger="fitnesspr.events"), transaction.atomic():
        publish(Pinged(value=7))

    assert received == [7]
    assert "test.pinged" in caplog.text and "boom" in caplog.text


def test_subscribing_twice_delivers_once(received):
    handler = events._subscribers[Pinged][0]
    subscribe(Pinged, handler)
    events.deliver(Pinged(value=1))
    assert received == [1]


def test_events_are_frozen_and_names_are_unique():
    with pytest.raises(FrozenInstanceError):
        Pinged(value=1).value = 2  # type: ignore[misc]
    with pytest.raises(TypeError):

        @dataclass(frozen=True)
        class Again(Event):
            name = "test.pinged"


def test_the_catalogue_lists_every_domain_event_documented():
    names = {event.name for event in events.catalogue()}

    assert {
        "coaching.client_joined",
        "coaching.link_ended",
        "plan.activated",
        "plan.assigned",
        "workout.finished",
        "records.new",
        "workout.comment",
        "hevy.sync_progress",
        "hevy.connection_invalid",
    } <= names
    for event in events.catalogue():
        assert (event.__doc__ or "").strip() and not event.__doc__.startswith(event.__name__ + "("), event


def test_payloads_are_json_ready():
    import json
    import uuid

    from workouts.events import NewRecord, RecordsSet

    event = RecordsSet(
        workout_id=uuid.uuid4(),
        user_id=uuid.uuid4(),
        user_name="Ann",
        records=(NewRecord(uuid.uuid4(), "e1rm", "100.0", None, None),),
    )
    data = json.loads(json.dumps(event.payload()))
    assert set(data) == {"workout_id", "user_id", "records"}
    assert data["records"][0]["kind"] == "e1rm"


def test_the_api_docs_list_every_live_event_with_the_keys_it_sends():
    from drf_spectacular.generators import SchemaGenerator

    description = SchemaGenerator().get_schema(request=None, public=True)["info"]["description"]

    live = [event for event in events.catalogue() if event.live_to is not Event.live_to]
    assert {"coaching.client_joined", "records.new", "hevy.sync_progress"} <= {event.name for event in live}
    for event in live:
        assert f"- **`{event.name}`**: " in description
    assert "- **`coaching.link_ended`**: The trainer ended a coaching link or the client left." in description
    assert "`data`: `link_id`, `by`." in description  # what the payload sends, not the event's internal fields


def test_docs_architecture_names_every_event():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text()
    domain_events = [event for event in events.catalogue() if ".tests." not in event.__module__]
    missing = [event.name for event in domain_events if f"`{event.name}`" not in text]
    assert missing == []
