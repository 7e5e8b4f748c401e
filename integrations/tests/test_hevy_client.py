"""The Hevy client against the fake server (and httpx.MockTransport where the network itself must misbehave)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from integrations.hevy import normalize
from integrations.hevy.client import HevyClient
from integrations.hevy.errors import (
    HevyAuthError,
    HevyError,
    HevyLimitError,
    HevyNotFound,
    HevyRateLimited,
    HevyServerError,
    HevyValidationError,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def bench_routine(**extra):
    return {
        "title": "Day A",
        "notes": "Heavy",
        "exercises": [
            {
                "exercise_template_id": "79D0BB3A",
                "superset_id": None,
                "rest_seconds": 120,
                "notes": "",
                "sets": [{"type": "normal", "weight_kg": 80, "reps": None, "rep_range": {"start": 5, "end": 8}}],
            }
        ],
        **extra,
    }


def a_workout(**extra):
    return {
        "title": "Logged in FitnessPr",
        "description": "",
        "start_time": "2024-08-14T12:00:00Z",
        "end_time": "2024-08-14T13:00:00Z",
        "is_private": False,
        "exercises": [
            {
                "exercise_template_id": "D04AC939",
                "superset_id": None,
                "notes": "",
                "sets": [{"type": "normal", "weight_kg": 100, "reps": 5, "rpe": 8.5}],
            }
        ],
        **extra,
    }


# --- normalization ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2024-08-14T12:00:00Z",
        "2024-08-14T12:00:00+00:00",
        "2024-08-14T12:00:00.000Z",
        "2024-08-14T12:00:00.000+00:00",
        "2024-08-14T14:00:00+02:00",
        "2024-08-14 12:00:00",
    ],
)
def test_parse_time_reads_every_variant_as_aware_utc(text):
    assert normalize.parse_time(text) == datetime(2024, 8, 14, 12, 0, tzinfo=UTC)


def test_parse_time_keeps_milliseconds_and_rejects_garbage():
    assert normalize.parse_time("2024-08-14T12:00:00.123Z").microsecond == 123000
    assert normalize.parse_time(None) is None
    assert normalize.parse_time("") is None
    with pytest.raises(ValueError):
        normalize.parse_time("yesterday")


def test_format_time_is_utc_with_z():
    assert (
        normalize.format_time(datetime(2024, 8, 14, 14, 0, tzinfo=UTC) + timedelta(hours=0)) == "2024-08-14T14:00:00Z"
    )
    assert normalize.format_time(datetime(2024, 8, 14, 12, 0, 0, 250000, tzinfo=UTC)) == "2024-08-14T12:00:00.250Z"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"routine": [{"id": "r"}]}, {"id": "r"}),
        ({"routine": {"id": "r"}}, {"id": "r"}),
        ([{"id": "r"}], {"id": "r"}),
        ({"id": "r"}, {"id": "r"}),
        ({"routine": []}, None),
        ("", None),
        (None, None),
        ({}, None),
    ],
)
def test_unwrap_accepts_every_shape(body, expected):
    assert normalize.unwrap(body, "routine") == expected


def test_superset_is_read_from_either_spelling_and_zero_is_kept():
    assert normalize.normalize_exercise({"supersets_id": 0, "sets": []})["superset_id"] == 0
    assert normalize.normalize_exercise({"superset_id": 2, "sets": []})["superset_id"] == 2
    assert normalize.normalize_exercise({"sets": []})["superset_id"] is None


def test_events_of_unknown_type_or_without_id_are_dropped():
    assert normalize.normalize_event({"type": "renamed", "id": "x"}) is None
    assert normalize.normalize_event({"type": "updated", "workout": {"title": "no id"}}) is None
    assert normalize.normalize_event({"type": "deleted"}) is None
    deleted = normalize.normalize_event({"type": "deleted", "id": "w1", "deleted_at": "2024-08-14T12:00:00.5Z"})
    assert deleted == {"type": "deleted", "id": "w1", "deleted_at": datetime(2024, 8, 14, 12, 0, 0, 500000, UTC)}


# --- configuration --------------------------------------------------------------------------------------------


def test_timeouts_are_explicit(settings):
    settings.HEVY_TIMEOUT_SECONDS = 45
    with HevyClient("k", base_url="http://127.0.0.1:9") as client:
        timeout = client._http.timeout
    assert (timeout.connect, timeout.read) == (10.0, 45.0)


def test_base_url_comes_from_settings(fake_hevy):
    with HevyClient(fake_hevy.api_key) as client:
        assert client.user_info()["name"] == "Hevy Tester"
    assert fake_hevy.requests("GET", "/v1/user/info")[0].headers["api-key"] == fake_hevy.api_key


# --- reads --------------------------------------------------------------------------------------------------


def test_user_info_is_unwrapped(fake_hevy, hevy_client):
    assert hevy_client.user_info() == fake_hevy.user


def test_a_wrong_key_is_an_auth_error_without_retry(fake_hevy):
    with HevyClient("not-the-key") as client, pytest.raises(HevyAuthError) as caught:
        client.user_info()
    assert caught.value.status == 401
    assert caught.value.message == "InvalidApiKey"
    assert len(fake_hevy.requests()) == 1
    assert fake_hevy.sleeps == []


def test_workouts_count(fake_hevy, hevy_client):
    fake_hevy.add_workouts(3)
    assert hevy_client.workouts_count() == 3


def test_event_pages_read_every_page_and_stop_at_page_count(fake_hevy, hevy_client):
    fake_hevy.add_workouts(23, exercises=2, sets=3)

    pages = list(hevy_client.iter_event_pages(EPOCH))

    assert [len(page) for page in pages] == [10, 10, 3]
    requests = fake_hevy.requests("GET", "/v1/workouts/events")
    assert [r.query["page"] for r in requests] == ["1", "2", "3"]  # no 4th request past page_count
    assert {r.query["pageSize"] for r in requests} == {"10"}
    assert {r.query["since"] for r in requests} == {"1970-01-01T00:00:00Z"}
    titles = [event["workout"]["title"] for page in pages for event in page]
    assert titles[0] == "Workout 23"  # newest first
    assert len(set(titles)) == 23


def test_event_pages_pause_between_pages_only(fake_hevy):
    fake_hevy.add_workouts(25)
    pauses = []
    with HevyClient(fake_hevy.api_key, page_pause=0.2, sleep=pauses.append) as client:
        assert len(list(client.iter_event_pages(EPOCH))) == 3
    assert pauses == [0.2, 0.2]


def test_events_are_normalized(fake_hevy, hevy_client):
    fake_hevy.add_workout(
        title="Push",
        start_time=datetime(2024, 8, 14, 12, 0, tzinfo=UTC),
        exercises=[
            {
                "exercise_template_id": "79D0BB3A",
                "superset_id": 0,
                "sets": [{"type": "warmup", "weight_kg": 60, "reps": 10}],
            },
            {
                "exercise_template_id": "37FCC2BB",
                "superset_id": 0,
                "sets": [{"type": "normal", "weight_kg": 12.5, "reps": 12, "rpe": 9}],
            },
        ],
    )

    [[event]] = list(hevy_client.iter_event_pages(EPOCH))

    workout = event["workout"]
    assert event["type"] == "updated"
    assert workout["start_time"] == datetime(2024, 8, 14, 12, 0, tzinfo=UTC)
    assert workout["end_time"] == datetime(2024, 8, 14, 13, 0, tzinfo=UTC)
    assert workout["updated_at"].tzinfo is not None
    bench, curl = workout["exercises"]
    assert (bench["title"], bench["superset_id"], curl["superset_id"]) == ("Bench Press (Barbell)", 0, 0)
    assert curl["sets"] == [
        {
            "index": 0,
            "type": "normal",
            "weight_kg": 12.5,
            "reps": 12,
            "distance_meters": None,
            "duration_seconds": None,
            "rpe": 9,
            "custom_metric": None,
        }
    ]


def test_events_since_a_cursor_include_updates_and_deletes(fake_hevy, hevy_client):
    now = datetime(2024, 8, 14, 12, 0, tzinfo=UTC)
    fake_hevy.clock = lambda: now
    kept = fake_hevy.add_workout(title="Kept")
    gone = fake_hevy.add_workout(title="Gone")
    cursor = now + timedelta(seconds=1)
    now += timedelta(minutes=1)
    fake_hevy.update_workout(kept["id"], title="Kept, renamed")
    fake_hevy.delete_workout(gone["id"])

    [events] = list(hevy_client.iter_event_pages(cursor))

    deleted, updated = events  # newest first
    assert deleted["type"] == "deleted"
    assert deleted["id"] == gone["id"]
    assert deleted["deleted_at"] == now
    assert updated["workout"]["title"] == "Kept, renamed"


def test_an_empty_feed_answering_404_yields_nothing(fake_hevy, hevy_client):
    assert list(hevy_client.iter_event_pages(datetime.now(UTC))) == []
    assert fake_hevy.requests("GET", "/v1/workouts/events")[0].status == 404


def test_a_404_after_the_last_page_ends_the_iteration():
    """A page_count larger than the data (or absent) is not trusted past the 404."""
    seen = []

    def answer(request):
        page = int(request.url.params["page"])
        seen.append(page)
        if page == 1:
            return httpx.Response(200, json={"page": 1, "page_count": 7, "events": [{"type": "deleted", "id": "a"}]})
        return httpx.Response(404, json={"error": "Not found"})

    with HevyClient("k", base_url="http://hevy.test", transport=httpx.MockTransport(answer), page_pause=0) as client:
        pages = list(client.iter_event_pages(EPOCH))
    assert [[e["id"] for e in page] for page in pages] == [["a"]]
    assert seen == [1, 2]


def test_an_unreadable_timestamp_does_not_sink_the_workout():
    workout = normalize.normalize_workout({"id": 7, "start_time": "soon", "end_time": "2024-08-14T13:00:00Z"})
    assert (workout["id"], workout["start_time"], workout["end_time"].hour) == ("7", None, 13)


def test_without_page_count_a_short_page_is_the_last():
    seen = []

    def answer(request):
        seen.append(int(request.url.params["page"]))
        count = 10 if seen[-1] == 1 else 3
        return httpx.Response(200, json={"workouts": [{"id": f"{seen[-1]}-{n}"} for n in range(count)]})

    with HevyClient("k", base_url="http://hevy.test", transport=httpx.MockTransport(answer), page_pause=0) as client:
        assert len(list(client.iter_workouts())) == 13
    assert seen == [1, 2]


def test_iter_workouts_newest_first(fake_hevy, hevy_client):
    fake_hevy.add_workouts(12)
    titles = [w["title"] for w in hevy_client.iter_workouts()]
    assert titles == [f"Workout {n}" for n in range(12, 0, -1)]


def test_get_workout_and_missing_workout(fake_hevy, hevy_client):
    workout = fake_hevy.add_workout(title="Legs")
    assert hevy_client.get_workout(workout["id"])["title"] == "Legs"
    with pytest.raises(HevyNotFound):
        hevy_client.get_workout("b5e6c0de-0000-0000-0000-000000000000")
    assert fake_hevy.sleeps == []  # a 404 is not retried


def test_exercise_templates_are_paged_by_100(fake_hevy, hevy_client):
    for n in range(150):
        fake_hevy.add_template(title=f"Custom {n}", primary_muscle_group="chest", equipment_category="machine")

    templates = list(hevy_client.iter_exercise_templates())

    assert len(templates) == 150 + 9
    assert [r.query["pageSize"] for r in fake_hevy.requests("GET", "/v1/exercise_templates")] == ["100", "100"]
    bench = next(t for t in templates if t["id"] == "79D0BB3A")
    assert bench == {
        "id": "79D0BB3A",
        "title": "Bench Press (Barbell)",
        "type": "weight_reps",
        "primary_muscle_group": "chest",
        "secondary_muscle_groups": ["triceps", "shoulders"],
        "equipment_category": "barbell",
        "is_custom": False,
    }
    assert sum(t["is_custom"] for t in templates) == 150


def test_get_exercise_template(fake_hevy, hevy_client):
    assert hevy_client.get_exercise_template("D04AC939")["title"] == "Squat (Barbell)"
    with pytest.raises(HevyNotFound):
        hevy_client.get_exercise_template("FFFFFFFF")


# --- retries --------------------------------------------------------------------------------------------------


def test_429_with_retry_after_is_honoured(fake_hevy, hevy_client):
    fake_hevy.fail_next(429, retry_after=3)
    assert hevy_client.workouts_count() == 0
    assert fake_hevy.sleeps == [3.0]
    assert [r.status for r in fake_hevy.requests()] == [429, 200]


def test_429_without_retry_after_backs_off_exponentially(fake_hevy, hevy_client):
    fake_hevy.fail_next(429, times=3)
    assert hevy_client.workouts_count() == 0
    assert fake_hevy.sleeps == [1.0, 2.0, 4.0]


def test_429_that_never_ends_is_rate_limited(fake_hevy, hevy_client):
    fake_hevy.fail_next(429, retry_after=2, times=10)
    with pytest.raises(HevyRateLimited) as caught:
        hevy_client.workouts_count()
    assert caught.value.retry_after == 2.0
    assert len(fake_hevy.requests()) == 5  # first try + max_retries (4)
    assert fake_hevy.sleeps == [2.0] * 4


def test_a_retry_after_too_long_to_wait_is_handed_to_the_caller(fake_hevy, hevy_client):
    fake_hevy.fail_next(429, retry_after=600)
    with pytest.raises(HevyRateLimited) as caught:
        hevy_client.workouts_count()
    assert caught.value.retry_after == 600.0
    assert fake_hevy.sleeps == []


def test_retry_after_as_an_http_date():
    calls = []

    def answer(request):
        calls.append(request)
        if len(calls) == 1:
            when = datetime.now(UTC) + timedelta(seconds=30)
            return httpx.Response(429, headers={"Retry-After": when.strftime("%a, %d %b %Y %H:%M:%S GMT")})
        return httpx.Response(200, json={"workout_count": 4})

    pauses = []
    with HevyClient("k", base_url="http://hevy.test", transport=httpx.MockTransport(answer), sleep=pauses.append) as c:
        assert c.workouts_count() == 4
    assert 25 <= pauses[0] <= 30


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_server_errors_and_408_are_retried(fake_hevy, hevy_client, status):
    fake_hevy.fail_next(status)
    assert hevy_client.user_info()["id"] == fake_hevy.user["id"]
    assert fake_hevy.sleeps == [1.0]


def test_repeated_500_is_a_server_error_after_max_retries(fake_hevy):
    fake_hevy.fail_next(500, times=100)
    with HevyClient(fake_hevy.api_key, max_retries=2) as client, pytest.raises(HevyServerError) as caught:
        client.workouts_count()
    assert caught.value.status == 500
    assert len(fake_hevy.requests()) == 3
    assert fake_hevy.sleeps == [1.0, 2.0]


def test_backoff_is_capped(fake_hevy):
    fake_hevy.fail_next(503, times=6)
    with HevyClient(fake_hevy.api_key, max_retries=6, backoff_max=5) as client:
        client.workouts_count()
    assert fake_hevy.sleeps == [1.0, 2.0, 4.0, 5.0, 5.0, 5.0]


def test_a_failure_on_a_later_page_is_retried_in_place(fake_hevy, hevy_client):
    fake_hevy.add_workouts(15)
    pages = hevy_client.iter_event_pages(EPOCH)
    first = next(pages)
    fake_hevy.fail_next(500)
    rest = list(pages)
    assert [len(first)] + [len(p) for p in rest] == [10, 5]
    assert [(r.query["page"], r.status) for r in fake_hevy.requests()] == [("1", 200), ("2", 500), ("2", 200)]
    assert fake_hevy.sleeps == [1.0]


def test_401_mid_way_is_not_retried(fake_hevy, hevy_client):
    fake_hevy.add_workouts(15)
    fake_hevy.fail_next(401)
    with pytest.raises(HevyAuthError):
        list(hevy_client.iter_event_pages(EPOCH))
    assert fake_hevy.sleeps == []


def _flaky(failures: list[Exception], ok: httpx.Response):
    calls = []

    def answer(request):
        calls.append(request.method)
        if len(calls) <= len(failures):
            raise failures[len(calls) - 1]
        return ok

    return answer, calls


def test_timeouts_are_retried():
    answer, calls = _flaky(
        [httpx.ReadTimeout("slow"), httpx.ConnectTimeout("down")], httpx.Response(200, json={"workout_count": 2})
    )
    pauses = []
    with HevyClient("k", base_url="http://hevy.test", transport=httpx.MockTransport(answer), sleep=pauses.append) as c:
        assert c.workouts_count() == 2
    assert len(calls) == 3
    assert pauses == [1.0, 2.0]


def test_network_errors_give_up_as_hevy_error():
    answer, calls = _flaky([httpx.ConnectError("refused")] * 10, httpx.Response(200))
    transport = httpx.MockTransport(answer)
    with (
        HevyClient("k", base_url="http://hevy.test", transport=transport, sleep=lambda s: None) as c,
        pytest.raises(HevyError) as caught,
    ):
        c.user_info()
    assert caught.value.status is None
    assert len(calls) == 5


def test_a_real_read_timeout_against_the_fake_is_retried(fake_hevy):
    fake_hevy.delay_next(0.5)
    with HevyClient(fake_hevy.api_key, timeout=0.1, max_retries=1) as client:
        assert client.workouts_count() == 0
    assert fake_hevy.sleeps == [1.0]
    assert len(fake_hevy.requests()) == 2


def test_a_post_that_may_have_reached_hevy_is_not_resent():
    """No idempotency keys at Hevy: resending after a read timeout could create a second workout."""
    answer, calls = _flaky([httpx.ReadTimeout("slow")], httpx.Response(200, json={"workout": [{"id": "w"}]}))
    transport = httpx.MockTransport(answer)
    with (
        HevyClient("k", base_url="http://hevy.test", transport=transport, sleep=lambda s: None) as c,
        pytest.raises(HevyError),
    ):
        c.create_workout(a_workout())
    assert calls == ["POST"]


def test_a_post_that_never_connected_is_resent():
    answer, calls = _flaky([httpx.ConnectError("refused")], httpx.Response(200, json={"workout": [{"id": "w"}]}))
    with HevyClient("k", base_url="http://hevy.test", transport=httpx.MockTransport(answer), sleep=lambda s: None) as c:
        assert c.create_workout(a_workout())["id"] == "w"
    assert calls == ["POST", "POST"]


def test_a_post_answered_500_is_not_resent_but_429_is(fake_hevy, hevy_client):
    fake_hevy.fail_next(500, method="POST")
    with pytest.raises(HevyServerError):
        hevy_client.create_workout(a_workout())
    assert fake_hevy.workouts == {}
    fake_hevy.fail_next(429, retry_after=1, method="POST")
    assert hevy_client.create_workout(a_workout())["title"] == "Logged in FitnessPr"
    assert len(fake_hevy.workouts) == 1
    assert len(fake_hevy.requests("POST", "/v1/workouts")) == 3


# --- writes ---------------------------------------------------------------------------------------------------


def test_create_workout_wraps_and_unwraps(fake_hevy, hevy_client):
    created = hevy_client.create_workout(a_workout())

    [request] = fake_hevy.requests("POST", "/v1/workouts")
    assert request.body == {"workout": a_workout()}
    assert created["id"] in fake_hevy.workouts
    assert created["start_time"] == datetime(2024, 8, 14, 12, 0, tzinfo=UTC)
    assert created["exercises"][0]["sets"][0]["rpe"] == 8.5
    [[event]] = list(hevy_client.iter_event_pages(EPOCH))  # the round trip: it shows in the feed with its id
    assert event["workout"]["id"] == created["id"]


def test_create_workout_accepts_a_bare_object_answer(fake_hevy, hevy_client):
    fake_hevy.workout_answer = "object"
    assert hevy_client.create_workout(a_workout())["title"] == "Logged in FitnessPr"


def test_validation_errors_carry_hevys_message(fake_hevy, hevy_client):
    with pytest.raises(HevyValidationError) as caught:
        hevy_client.create_workout(a_workout(routine_id="abc"))
    assert caught.value.message == '"workout.routine_id" is not allowed'
    assert caught.value.status == 400
    assert fake_hevy.sleeps == []


def test_update_workout(fake_hevy, hevy_client):
    workout = hevy_client.create_workout(a_workout())
    updated = hevy_client.update_workout(workout["id"], a_workout(title="Renamed"))
    assert updated["title"] == "Renamed"
    assert fake_hevy.rendered_workout(workout["id"])["title"] == "Renamed"


def test_update_workout_without_is_private_fails_as_hevy_does(fake_hevy, hevy_client):
    workout = hevy_client.create_workout(a_workout())
    body = a_workout()
    del body["is_private"]
    with pytest.raises(HevyServerError):
        hevy_client.update_workout(workout["id"], body)


def test_routine_folder_create_and_list(fake_hevy, hevy_client):
    folder = hevy_client.create_routine_folder("Strength block")
    assert isinstance(folder["id"], int)
    assert folder["title"] == "Strength block"
    assert fake_hevy.requests("POST", "/v1/routine_folders")[0].body == {"routine_folder": {"title": "Strength block"}}
    assert [f["id"] for f in hevy_client.iter_routine_folders()] == [folder["id"]]


def test_create_routine_wraps_and_unwraps_the_one_element_list(fake_hevy, hevy_client):
    folder = hevy_client.create_routine_folder("Block")
    routine = hevy_client.create_routine(bench_routine(folder_id=folder["id"]))

    assert fake_hevy.requests("POST", "/v1/routines")[0].body == {"routine": bench_routine(folder_id=folder["id"])}
    assert routine["id"] in fake_hevy.routines
    assert routine["folder_id"] == folder["id"]
    exercise = routine["exercises"][0]
    assert exercise["superset_id"] is None
    assert "supersets_id" not in exercise
    assert exercise["sets"][0]["rep_range"] == {"start": 5, "end": 8}


@pytest.mark.parametrize("shape", ["empty", "idless"])
def test_create_routine_with_an_empty_or_idless_answer_is_none(fake_hevy, hevy_client, shape):
    fake_hevy.routine_answer = shape
    assert hevy_client.create_routine(bench_routine(folder_id=None)) is None
    assert len(fake_hevy.routines) == 1  # it was created all the same


def test_create_routine_needs_folder_id(fake_hevy, hevy_client):
    with pytest.raises(HevyValidationError) as caught:
        hevy_client.create_routine(bench_routine())
    assert "Invalid routine folder id" in caught.value.message


def test_routine_sets_take_no_rpe(fake_hevy, hevy_client):
    body = bench_routine(folder_id=None)
    body["exercises"][0]["sets"][0]["rpe"] = 8
    with pytest.raises(HevyValidationError) as caught:
        hevy_client.create_routine(body)
    assert caught.value.message == '"routine.exercises[0].sets[0].rpe" is not allowed'


def test_update_get_and_list_routines(fake_hevy, hevy_client):
    routine = hevy_client.create_routine(bench_routine(folder_id=None))
    updated = hevy_client.update_routine(routine["id"], bench_routine(title="Day A (v2)"))
    assert updated["title"] == "Day A (v2)"
    assert hevy_client.get_routine(routine["id"])["title"] == "Day A (v2)"
    assert [r["id"] for r in hevy_client.iter_routines()] == [routine["id"]]
    with pytest.raises(HevyNotFound):
        hevy_client.get_routine("00000000-0000-0000-0000-000000000000")


def test_update_routine_rejects_folder_id_and_null_rep_range(fake_hevy, hevy_client):
    routine = hevy_client.create_routine(bench_routine(folder_id=None))
    with pytest.raises(HevyValidationError, match="folder_id"):
        hevy_client.update_routine(routine["id"], bench_routine(folder_id=None))
    body = bench_routine()
    body["exercises"][0]["sets"][0]["rep_range"] = None
    with pytest.raises(HevyValidationError, match="rep_range"):
        hevy_client.update_routine(routine["id"], body)


def test_routine_limit_is_a_limit_error(fake_hevy, hevy_client):
    fake_hevy.routine_limit = 0
    with pytest.raises(HevyLimitError):
        hevy_client.create_routine(bench_routine(folder_id=None))
    assert fake_hevy.sleeps == []


@pytest.mark.parametrize("shape", ["json", "text"])
def test_create_exercise_template_reads_the_id_in_either_shape(fake_hevy, hevy_client, shape):
    fake_hevy.template_answer = shape
    template_id = hevy_client.create_exercise_template(
        title="Sled Push",
        exercise_type="weight_reps",
        equipment_category="other",
        muscle_group="quadriceps",
        other_muscles=["glutes"],
    )
    assert fake_hevy.templates[template_id]["title"] == "Sled Push"
    assert fake_hevy.requests("POST", "/v1/exercise_templates")[0].body == {
        "exercise": {
            "title": "Sled Push",
            "exercise_type": "weight_reps",
            "equipment_category": "other",
            "muscle_group": "quadriceps",
            "other_muscles": ["glutes"],
        }
    }
    assert hevy_client.get_exercise_template(template_id)["is_custom"] is True


def test_custom_exercise_limit(fake_hevy, hevy_client):
    fake_hevy.custom_template_limit = 0
    with pytest.raises(HevyLimitError):
        hevy_client.create_exercise_template(
            title="Sled Push", exercise_type="weight_reps", equipment_category="other", muscle_group="quadriceps"
        )


def test_path_ids_are_escaped(fake_hevy, hevy_client):
    with pytest.raises(HevyNotFound):
        hevy_client.get_workout("../user/info")
    assert fake_hevy.requests()[0].path == "/v1/workouts/..%2Fuser%2Finfo"
