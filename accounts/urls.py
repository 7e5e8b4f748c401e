from __future__ import annotations

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/change/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/avatar/", views.avatar_upload, name="avatar_upload"),
    path("settings/avatar/remove/", views.avatar_remove, name="avatar_remove"),
    path("users/<uuid:user_id>/avatar/", views.avatar, name="avatar"),
    path("clients/", views.clients, name="clients"),
    path("clients/<uuid:client_id>/", views.client_detail, name="client_detail"),
    path("welcome/profile/", views.profile_step, name="profile_step"),
    path("my-trainer/", views.my_trainer, name="my_trainer"),
    path("links/<uuid:link_id>/end/", views.link_end, name="link_end"),
    path("invitations/<uuid:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<uuid:invitation_id>/new-link/", views.invitation_new_link, name="invitation_new_link"),
    path("invite/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
