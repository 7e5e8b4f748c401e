"""Shapes of the accounts API: input serializers check types and formats, output serializers render.

Business rules (who may do what, unique emails, password strength, invitation states) live in
accounts.services and answer through the one error shape.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import (
    SIGNUP_ROLES,
    ClientProfile,
    CoachingLink,
    Equipment,
    Invitation,
    TrainerProfile,
    Units,
    User,
)
from accounts.services import CLIENT_PROFILE_FIELDS, TRAINER_PROFILE_FIELDS


def avatar_url(user: User, request: Any, *, thumbnail: bool = False) -> str | None:
    """The private avatar view's absolute URL (`accounts:avatar`), or None without an avatar.

    The file name is random and changes on every upload, so it is added as a version to bust caches.
    """
    image = user.avatar_thumbnail if thumbnail else user.avatar
    if not image:
        return None
    try:
        url = reverse("accounts:avatar", args=[user.pk])
    except NoReverseMatch:  # the page app is not wired in: no URL rather than an error
        return None
    version = image.name.rsplit("/", 1)[-1].split(".", 1)[0][:12]
    query = f"?size=thumb&v={version}" if thumbnail else f"?v={version}"
    return request.build_absolute_uri(url + query) if request is not None else url + query


class AvatarUrlsMixin(serializers.Serializer):
    avatar_url = serializers.SerializerMethodField(help_text="The avatar image (needs the same authentication).")
    avatar_thumbnail_url = serializers.SerializerMethodField(help_text="A small square-ish version of the avatar.")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_avatar_url(self, user: User) -> str | None:
        return avatar_url(user, self.context.get("request"))

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_avatar_thumbnail_url(self, user: User) -> str | None:
        return avatar_url(user, self.context.get("request"), thumbnail=True)


# --- Profiles ------------------------------------------------------------------------------------


class TrainerProfileSerializer(serializers.ModelSerializer):
    class Meta:
        model = TrainerProfile
        fields = TRAINER_PROFILE_FIELDS


class ClientProfileSerializer(serializers.ModelSerializer):
    available_equipment = serializers.ListField(
        child=serializers.ChoiceField(choices=Equipment.choices), max_length=len(Equipment.choices), required=False
    )
    height_cm = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=50, max_value=272, allow_null=True, required=False,
        coerce_to_string=False,
    )  # fmt: skip

    class Meta:
        model = ClientProfile
        fields = CLIENT_PROFILE_FIELDS


# --- Users -------------------------------------------------------------------------------------


class MeSerializer(AvatarUrlsMixin, serializers.ModelSerializer):
    """The logged-in user with the profile of their role (the other profile is null)."""

    trainer_profile = serializers.SerializerMethodField()
    client_profile = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = (
            "id",
            "email",
            "display_name",
            "role",
            "time_zone",
            "units",
            "date_joined",
            "avatar_url",
            "avatar_thumbnail_url",
            "trainer_profile",
            "client_profile",
        )
        read_only_fields = fields

    @extend_schema_field(TrainerProfileSerializer(allow_null=True))
    def get_trainer_profile(self, user: User) -> dict[str, Any] | None:
        profile = getattr(user, "trainer_profile", None) if user.is_trainer else None
        return TrainerProfileSerializer(profile).data if profile is not None else None

    @extend_schema_field(ClientProfileSerializer(allow_null=True))
    def get_client_profile(self, user: User) -> dict[str, Any] | None:
        profile = getattr(user, "client_profile", None) if user.is_client else None
        return ClientProfileSerializer(profile).data if profile is not None else None


class MeUpdateSerializer(serializers.Serializer):
    """Send only what changes. Send `trainer_profile` as a trainer, `client_profile` as a client (staff: neither)."""

    display_name = serializers.CharField(max_length=100)
    time_zone = serializers.CharField(max_length=64, help_text="An IANA time zone name, e.g. `Europe/Berlin`.")
    units = serializers.ChoiceField(choices=Units.choices)
    trainer_profile = TrainerProfileSerializer()
    client_profile = ClientProfileSerializer()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user: User = self.context["request"].user
        own = "trainer_profile" if user.is_trainer else "client_profile" if user.is_client else None
        for key in ("trainer_profile", "client_profile"):
            if key in attrs and key != own:
                message = f"You have a {user.get_role_display().lower()} profile." if own else "Staff have no profile."
                raise serializers.ValidationError({key: [message]})
        return attrs


class UserSummarySerializer(AvatarUrlsMixin, serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ("id", "email", "display_name", "avatar_url", "avatar_thumbnail_url")
        read_only_fields = fields


class TrainerSummarySerializer(UserSummarySerializer):
    trainer_profile = TrainerProfileSerializer(read_only=True, allow_null=True)

    class Meta(UserSummarySerializer.Meta):
        fields = (*UserSummarySerializer.Meta.fields, "trainer_profile")
        read_only_fields = fields


class ClientSummarySerializer(UserSummarySerializer):
    client_profile = ClientProfileSerializer(read_only=True, allow_null=True)

    class Meta(UserSummarySerializer.Meta):
        fields = (*UserSummarySerializer.Meta.fields, "client_profile")
        read_only_fields = fields


class AvatarUploadSerializer(serializers.Serializer):
    image = serializers.FileField(help_text="A JPEG, PNG, WebP or GIF image; it is re-encoded and EXIF is dropped.")


# --- Sign-up and tokens ----------------------------------------------------------------------------


class RegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, trim_whitespace=False, max_length=128)
    display_name = serializers.CharField(max_length=100)
    role = serializers.ChoiceField(
        choices=[(role.value, role.label) for role in SIGNUP_ROLES],
        help_text="`trainer` or `client`. Staff accounts cannot sign up: the site's administrators make them.",
        error_messages={"invalid_choice": "Choose trainer or client: “{input}” is not a role you can sign up with."},
    )
    time_zone = serializers.CharField(max_length=64, default="UTC", help_text="An IANA time zone name.")
    units = serializers.ChoiceField(choices=Units.choices, default=Units.KG)
    invitation_token = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The token of a trainer's invitation (from its accept link): the new client is linked at once.",
    )


class RegisterResponseSerializer(serializers.Serializer):
    user = MeSerializer()
    access = serializers.CharField(help_text="Short-lived access token: send `Authorization: Bearer <access>`.")
    refresh = serializers.CharField(help_text="Refresh token for `auth/token/refresh/`; single use.")


class TokenObtainSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(write_only=True, trim_whitespace=False, max_length=128)


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField(help_text="Short-lived access token: send `Authorization: Bearer <access>`.")
    refresh = serializers.CharField(help_text="Refresh token for `auth/token/refresh/`; single use.")


class RefreshTokenSerializer(serializers.Serializer):
    refresh = serializers.CharField(write_only=True, max_length=4096)


# --- Coaching links and invitations -----------------------------------------------------------


class CoachingLinkSerializer(serializers.ModelSerializer):
    trainer = TrainerSummarySerializer(read_only=True)
    client = ClientSummarySerializer(read_only=True)
    is_active = serializers.BooleanField(read_only=True, help_text="True while the coaching goes on.")
    ended_by = serializers.UUIDField(
        source="ended_by_id", read_only=True, allow_null=True, help_text="Who ended it: the trainer or the client."
    )

    class Meta:
        model = CoachingLink
        fields = ("id", "trainer", "client", "started_at", "ended_at", "ended_by", "is_active")
        read_only_fields = fields


INVITATION_STATUSES = (
    ("pending", "Pending"),
    ("accepted", "Accepted"),
    ("revoked", "Revoked"),
    ("expired", "Expired"),
)


class InvitationSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    accepted_by = serializers.UUIDField(source="accepted_by_id", read_only=True, allow_null=True)

    class Meta:
        model = Invitation
        fields = ("id", "email", "status", "created_at", "expires_at", "accepted_at", "accepted_by", "revoked_at")
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=INVITATION_STATUSES))
    def get_status(self, invitation: Invitation) -> str:
        return "expired" if invitation.is_expired else invitation.status


class InvitationCreatedSerializer(InvitationSerializer):
    accept_url = serializers.SerializerMethodField(
        help_text=(
            "The link the client opens to accept. Returned only when it is made (a new invitation or a new link): "
            "the server keeps only a hash."
        )
    )

    class Meta(InvitationSerializer.Meta):
        fields = (*InvitationSerializer.Meta.fields, "accept_url")
        read_only_fields = fields

    def get_accept_url(self, invitation: Invitation) -> str:
        return self.context["accept_url"]


class InvitationCreateSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class InvitationNewLinkSerializer(serializers.Serializer):
    send_email = serializers.BooleanField(
        default=False, help_text="Also email the new link to the invited address (as when the invitation was made)."
    )


class InvitationAcceptSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=200, help_text="The token from the invitation's accept link.")
