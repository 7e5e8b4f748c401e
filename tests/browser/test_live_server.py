"""The live server the browser tests drive answers requests that arrive at once (an htmx save still in flight when
the next click posts) without a random 500: with the in-memory SQLite test database its threads would share one
connection (see OneRequestAtATimeServer in conftest.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from accounts.tests.factories import TrainerFactory
from tests.browser.test_clients_page import log_in
from workouts.tests.factories import PlanDayFactory, PlanExerciseFactory, PlanSetFactory, TemplatePlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every set row of the builder saved, and a day added, twelve times over, all sent at once.
SAVE_ALL_AT_ONCE = """
async () => {
  const rows = Array.from(document.querySelectorAll("form.set-row"));
  const addDay = document.querySelector("form.day-add-form");
  const post = (action, body) =>
    fetch(action, { method: "POST", body, headers: { "HX-Request": "true" } }).then((r) => r.status, () => "network");
  const requests = [];
  for (let round = 0; round < 12; round++) {
    rows.forEach((row) => requests.push(post(row.action, new FormData(row))));
    const day = new FormData(addDay);
    day.set("name", `Day ${round}`);
    requests.push(post(addDay.action, day));
  }
  return Promise.all(requests);
}
"""


def test_requests_sent_at_once_all_succeed(new_page):
    trainer = TrainerFactory(email="tara@example.com")
    plan = TemplatePlanFactory(author=trainer)
    day = PlanDayFactory(plan=plan, position=0)
    for position in range(3):
        item = PlanExerciseFactory(day=day, position=position)
        for set_position in range(3):
            PlanSetFactory(plan_exercise=item, position=set_position)
    page = new_page()
    log_in(page, trainer.email)
    page.goto(f"/plans/{plan.pk}/edit/")

    statuses = page.evaluate(SAVE_ALL_AT_ONCE)

    assert Counter(statuses) == {200: 12 * 10}
    assert plan.days.count() == 13
