"""URL patterns of the accounts API, relative to /api/v1/ (namespace `api`)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.api import views

router = SimpleRouter(use_regex_path=False)
router.register("clients", views.CoachingLinkViewSet, basename="client")
router.register("invitations", views.InvitationViewSet, basename="invitation")

api_urlpatterns = [
    path("auth/register/", views.RegisterView.as_view(), name="auth-register"),
    path("auth/token/", views.TokenObtainView.as_view(), name="auth-token"),
    path("auth/token/refresh/", views.TokenRefreshView.as_view(), name="auth-token-refresh"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/avatar/", views.MeAvatarView.as_view(), name="me-avatar"),
    *router.urls,
]
