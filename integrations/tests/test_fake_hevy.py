"""The fake Hevy server itself behaves as shared/HEVY_API.md describes, so tests against it mean something.

These talk raw HTTP (httpx, no HevyClient) to the loopback fake.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from integrations.tests.fake_hevy import FakeHevy, seed_demo


@pytest.fixture
def http(fake_hevy):
    with httpx.Client(base_url=fake_hevy.url, headers={"api-key": fake_hevy.api_key}) as client:
        yield client


def routine_body(**extra):
    return {
        "routine": {
            "title": "Day A",
            "folder_id": None,
            "notes": "",
            "exercises": [
                {
                    "exercise_template_id": "79D0BB3A",
                    "superset_id": None,
                    "rest_seconds": 90,
                    "notes": None,
                    "sets": [{"type": "normal", "weight_kg": 60, "reps": 8, "rep_range": {"start": 8, "end": 10}}],
                }
            ],
            **extra,
        }
    }


def workout_body(**extra):
    return {
        "workout": {
            "title": "W",
            "start_time": "2024-08-14T12:00:00Z",
            "end_time": "2024-08-14T13:00:00+00:00",
            "is_private": False,
            "exercises": [{"exercise_template_id": "D04AC939", "sets": [{"type": "normal", "reps": 5, "rpe": 7.5}]}],
            **extra,
        }
    }


@pytest.mark.parametrize("headers", [{}, {"api-key": "wrong"}])
def test_a_missing_or_wrong_key_gets_a_plain_text_401(fake_hevy, headers):
    response = httpx.get(f"{fake_hevy.url}/v1/user/info", headers=headers)
    assert response.status_code == 401
    assert response.text == "InvalidApiKey"
    assert response.headers["content-type"].startswith("text/html")


def test_user_info_is_wrapped_in_data(fake_hevy, http):
    assert http.get("/v1/user/info").json() == {"data": fake_hevy.user}


@pytest.mark.parametrize(
    ("path", "size", "status"),
    [
        ("/v1/workouts", 10, 200),
        ("/v1/workouts", 11, 400),
        ("/v1/workouts", 0, 400),
        ("/v1/routines", 11, 400),
        ("/v1/routine_folders", 11, 400),
        ("/v1/workouts/events", 11, 400),
        ("/v1/exercise_templates", 100, 200),
        ("/v1/exercise_templates", 101, 400),
    ],
)
def test_page_size_limits(fake_hevy, http, path, size, status):
    fake_hevy.add_workout()
    http.post("/v1/routines", json=routine_body())
    http.post("/v1/routine_folders", json={"routine_folder": {"title": "F"}})
    response = http.get(path, params={"pageSize": size})
    assert response.status_code == status
    if status == 400:
        assert response.json() == {"error": "Invalid page size"}


def test_lists_are_paged_newest_first_and_404_past_the_end(fake_hevy, http):
    fake_hevy.add_workouts(12)
    first = http.get("/v1/workouts", params={"page": 1, "pageSize": 10}).json()
    assert (first["page"], first["page_count"], len(first["workouts"])) == (1, 2, 10)
    assert first["workouts"][0]["title"] == "Workout 12"
    assert len(http.get("/v1/workouts", params={"page": 2, "pageSize": 10}).json()["workouts"]) == 2
    assert http.get("/v1/workouts", params={"page": 3, "pageSize": 10}).status_code == 404
    assert http.get("/v1/workouts").json()["page_count"] == 3  # default page size 5


def test_events_feed_since_newest_first(fake_hevy, http):
    ticks = itertools.count()
    fake_hevy.clock = lambda: datetime(2024, 8, 14, tzinfo=UTC) + timedelta(minutes=next(ticks))
    old = fake_hevy.add_workout(title="Old")
    cursor = "2024-08-14T00:00:30.000Z"
    fake_hevy.update_workout(old["id"], title="Old, edited")
    new = fake_hevy.add_workout(title="New")
    fake_hevy.delete_workout(old["id"])

    everything = http.get("/v1/workouts/events", params={"since": "1970-01-01T00:00:00Z", "pageSize": 10}).json()
    recent = http.get("/v1/workouts/events", params={"since": cursor, "pageSize": 10}).json()

    assert [e["type"] for e in everything["events"]] == ["deleted", "updated", "updated", "updated"]
    assert [e.get("id") or e["workout"]["title"] for e in recent["events"]] == [old["id"], "New", "Old, edited"]
    assert recent["events"][1]["workout"]["id"] == new["id"]


def test_responses_say_supersets_id_and_vary_their_timestamps(fake_hevy, http):
    fake_hevy.add_workouts(3)
    workouts = http.get("/v1/workouts", params={"pageSize": 10}).json()["workouts"]
    exercise = workouts[0]["exercises"][0]
    assert "supersets_id" in exercise
    assert "superset_id" not in exercise
    stamps = [w[key] for w in workouts for key in ("start_time", "end_time", "created_at", "updated_at")]
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", s) for s in stamps)
    assert any(s.endswith("+00:00") for s in stamps)
    assert any(re.fullmatch(r".*:\d\d\.\d{3}Z", s) for s in stamps)


def test_writes_answer_one_element_lists(fake_hevy, http):
    workout = http.post("/v1/workouts", json=workout_body()).json()
    routine = http.post("/v1/routines", json=routine_body()).json()
    folder = http.post("/v1/routine_folders", json={"routine_folder": {"title": "Block"}}).json()
    assert isinstance(workout["workout"], list)
    assert isinstance(routine["routine"], list)
    assert isinstance(folder["routine_folder"]["id"], int)
    assert http.get(f"/v1/workouts/{workout['workout'][0]['id']}").json()["title"] == "W"  # bare object
    assert http.get(f"/v1/routines/{routine['routine'][0]['id']}").json()["routine"]["title"] == "Day A"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (workout_body(routine_id="r"), '"workout.routine_id" is not allowed'),
        (workout_body(title=None), '"workout.title" must be a string'),
        (workout_body(start_time="soon"), '"workout.start_time" must be a valid date'),
        ({"workout": {}, "extra": 1}, '"extra" is not allowed'),
        ({}, '"workout" is required'),
        (
            workout_body(exercises=[{"exercise_template_id": "D04AC939", "sets": [{"type": "normal", "rpe": 6.5}]}]),
            '"workout.exercises[0].sets[0].rpe" must be one of [6, 7, 7.5, 8, 8.5, 9, 9.5, 10]',
        ),
        (
            workout_body(exercises=[{"exercise_template_id": "D04AC939", "sets": [{"type": "heavy"}]}]),
            '"workout.exercises[0].sets[0].type" must be one of [warmup, normal, failure, dropset]',
        ),
        (
            workout_body(exercises=[{"exercise_template_id": "D04AC939", "sets": [{"type": "normal", "kg": 5}]}]),
            '"workout.exercises[0].sets[0].kg" is not allowed',
        ),
    ],
)
def test_workout_bodies_are_validated_strictly(fake_hevy, http, body, message):
    response = http.post("/v1/workouts", json=body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert fake_hevy.workouts == {}


def test_workout_put_without_is_private_is_a_500(fake_hevy, http):
    workout = fake_hevy.add_workout()
    body = workout_body()
    del body["workout"]["is_private"]
    assert http.put(f"/v1/workouts/{workout['id']}", json=body).status_code == 500
    assert http.put(f"/v1/workouts/{workout['id']}", json=workout_body(title="X")).status_code == 200


def test_routine_post_needs_folder_id_and_takes_no_rpe(fake_hevy, http):
    body = routine_body()
    del body["routine"]["folder_id"]
    assert http.post("/v1/routines", json=body).json() == {
        "error": "[public-post-routine] Invalid routine folder id: undefined"
    }
    assert http.post("/v1/routines", json=routine_body(folder_id=4242)).status_code == 400
    body = routine_body()
    body["routine"]["exercises"][0]["sets"][0]["rpe"] = 8
    assert http.post("/v1/routines", json=body).json() == {"error": '"routine.exercises[0].sets[0].rpe" is not allowed'}
    body = routine_body()
    body["routine"]["exercises"][0]["sets"][0]["rep_range"] = {"start": 8, "to": 10}
    assert http.post("/v1/routines", json=body).status_code == 400
    assert fake_hevy.routines == {}


def test_routine_post_rejects_null_notes_and_put_accepts_them(fake_hevy, http):
    assert http.post("/v1/routines", json=routine_body(notes=None)).json() == {
        "error": '"routine.notes" must be a string'
    }
    assert fake_hevy.routines == {}
    routine_id = http.post("/v1/routines", json=routine_body(notes="")).json()["routine"][0]["id"]
    body = routine_body(notes=None)
    del body["routine"]["folder_id"]
    assert http.put(f"/v1/routines/{routine_id}", json=body).status_code == 200


def test_routine_put_rejects_folder_id_and_null_rep_range(fake_hevy, http):
    routine_id = http.post("/v1/routines", json=routine_body()).json()["routine"][0]["id"]
    assert http.put(f"/v1/routines/{routine_id}", json=routine_body()).json() == {
        "error": '"routine.folder_id" is not allowed'
    }
    body = routine_body()
    del body["routine"]["folder_id"]
    body["routine"]["exercises"][0]["sets"][0]["rep_range"] = None
    assert http.put(f"/v1/routines/{routine_id}", json=body).status_code == 400
    del body["routine"]["exercises"][0]["sets"][0]["rep_range"]
    assert http.put(f"/v1/routines/{routine_id}", json=body).status_code == 200


def test_unknown_exercise_templates_are_rejected(fake_hevy, http):
    body = workout_body(exercises=[{"exercise_template_id": "NOPE", "sets": []}])
    assert http.post("/v1/workouts", json=body).status_code == 400


def test_custom_exercise_answers_json_or_plain_text(fake_hevy, http):
    exercise = {
        "title": "Sled",
        "exercise_type": "weight_reps",
        "equipment_category": "other",
        "muscle_group": "calves",
    }
    as_json = http.post("/v1/exercise_templates", json={"exercise": exercise}).json()["id"]
    fake_hevy.template_answer = "text"
    as_text = http.post("/v1/exercise_templates", json={"exercise": exercise}).text
    assert fake_hevy.templates[as_json]["is_custom"] is fake_hevy.templates[as_text]["is_custom"] is True
    bad = http.post("/v1/exercise_templates", json={"exercise": {**exercise, "muscle_group": "wings"}})
    assert bad.status_code == 400


def test_injected_failures_match_path_and_method_and_run_out(fake_hevy, http):
    fake_hevy.fail_next(429, retry_after=7, path="/v1/workouts/count", times=2)
    assert http.get("/v1/user/info").status_code == 200
    first = http.get("/v1/workouts/count")
    assert (first.status_code, first.headers["retry-after"]) == (429, "7")
    assert http.get("/v1/workouts/count").status_code == 429
    assert http.get("/v1/workouts/count").status_code == 200
    assert [r.status for r in fake_hevy.requests(path="/v1/workouts*")] == [429, 429, 200]


def test_the_request_log_keeps_bodies_queries_and_headers(fake_hevy, http):
    http.post("/v1/routine_folders", json={"routine_folder": {"title": "Block"}})
    http.get("/v1/routine_folders", params={"page": 1, "pageSize": 10})
    post, get = fake_hevy.requests()
    assert post.body == {"routine_folder": {"title": "Block"}}
    assert get.query == {"page": "1", "pageSize": "10"}
    assert get.headers["api-key"] == fake_hevy.api_key


def test_it_serves_concurrent_requests_and_writes_safely(fake_hevy, http):
    def one(n):
        fake_hevy.add_workout(title=f"T{n}")
        return http.post("/v1/workouts", json=workout_body(title=f"P{n}")).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(one, range(40)))
    assert statuses == [200] * 40
    assert len(fake_hevy.workouts) == 80
    assert http.get("/v1/workouts/count").json() == {"workout_count": 80}
    assert len({e["seq"] for e in fake_hevy.events}) == 80


def test_demo_seed_uses_a_custom_template_and_supersets():
    fake = FakeHevy()
    seed_demo(fake, count=4)
    assert len(fake.workouts) == 4
    assert any(t["is_custom"] for t in fake.templates.values())


def test_it_runs_standalone():
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "integrations.tests.fake_hevy", "--port", "0", "--key", "demo-key", "--workouts", "3"],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = re.search(r"http://\S+", process.stdout.readline()).group(0)
        response = httpx.get(f"{url}/v1/workouts/count", headers={"api-key": "demo-key"})
        assert response.json() == {"workout_count": 3}
    finally:
        process.terminate()
        process.wait(timeout=5)
