"""The site's own 404 and 403 pages, with DEBUG on too (Django uses its handlers only with DEBUG off): a view that
raises Http404/PermissionDenied renders templates/404.html or 403.html in the site's layout; a URL that matches
no route keeps Django's technical 404 in DEBUG; the API keeps its JSON errors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from workouts.tests.factories import WorkoutFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[True, False], ids=["debug", "production"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_a_workout_that_is_not_yours_renders_the_sites_404(login, debug, their_client, other_client):
    stranger_workout = WorkoutFactory(user=other_client)
    response = login(their_client).get(reverse("workouts:workout_detail", args=[stranger_workout.pk]))
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Page not found" in html and 'aria-label="Main"' in html


def test_a_write_your_trainer_may_not_do_renders_the_sites_403(login, debug, trainer, their_client):
    workout = WorkoutFactory(user=their_client)
    response = login(trainer).post(reverse("workouts:workout_delete", args=[workout.pk]))
    assert response.status_code == 403
    assert "403.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "Not allowed" in html and 'aria-label="Main"' in html and 'style="' not in html


def test_an_unknown_url_keeps_djangos_technical_404_in_debug(login, settings, their_client):
    settings.DEBUG = True
    response = login(their_client).get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" not in [t.name for t in response.templates]
    assert "URLconf" in response.content.decode()


def test_the_api_keeps_its_json_404_in_debug(api, settings, their_client, other_client):
    settings.DEBUG = True
    workout = WorkoutFactory(user=other_client)
    response = api(their_client).get(f"/api/v1/workouts/{workout.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
