from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from accounts.api import api_urlpatterns as accounts_api
from fitnesspr import health, views
from integrations.api import api_urlpatterns as integrations_api
from workouts.api import api_urlpatterns as workouts_api

api_v1 = [
    *accounts_api,
    *workouts_api,
    *integrations_api,
]

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("accounts.urls")),
    path("", include("workouts.urls")),
    path("", include("integrations.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    # Last: any other /api/ URL answers the JSON error shape, in DEBUG too (handler404 is skipped there).
    re_path(r"^api/", views.api_not_found),
]

handler404 = "fitnesspr.views.not_found"
handler500 = "fitnesspr.views.server_error"
