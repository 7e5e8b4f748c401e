"""HTML pages of the accounts app (one module per area)."""

from accounts.views.auth import (
    LoginView,
    LogoutView,
    PasswordChangeDoneView,
    PasswordChangeView,
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
    signup,
)
from accounts.views.client_page import client_detail, profile_step
from accounts.views.coaching import clients, invitation_new_link, invitation_revoke, link_end, my_trainer
from accounts.views.invitations import invitation_accept
from accounts.views.profile import avatar, avatar_remove, avatar_upload, settings_page

__all__ = [
    "LoginView",
    "LogoutView",
    "PasswordChangeDoneView",
    "PasswordChangeView",
    "PasswordResetCompleteView",
    "PasswordResetConfirmView",
    "PasswordResetDoneView",
    "PasswordResetView",
    "avatar",
    "avatar_remove",
    "avatar_upload",
    "client_detail",
    "clients",
    "invitation_accept",
    "invitation_new_link",
    "invitation_revoke",
    "link_end",
    "my_trainer",
    "profile_step",
    "settings_page",
    "signup",
]
