"""The accounts API: sign-up, JWT tokens, the own profile, coaching links and invitations.

Thin views: they validate the input's shape, fetch objects through the access helpers of
accounts.selectors (404 for anything not yours), call accounts.services and render the result.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.contrib.auth.models import update_last_login
from django.db import transaction
from django.db.models import F, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import InvalidToken, TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenRefreshView as BaseTokenRefreshView

from accounts import selectors, services
from accounts.api.filters import CoachingLinkFilter, InvitationFilter
from accounts.api.serializers import (
    AvatarUploadSerializer,
    CoachingLinkSerializer,
    InvitationAcceptSerializer,
    InvitationCreatedSerializer,
    InvitationCreateSerializer,
    InvitationNewLinkSerializer,
    InvitationSerializer,
    MeSerializer,
    MeUpdateSerializer,
    RefreshTokenSerializer,
    RegisterResponseSerializer,
    RegisterSerializer,
    TokenObtainSerializer,
    TokenPairSerializer,
)
from accounts.events import API_LOGIN_CLAIM
from accounts.lockout import authenticate_with_lockout
from accounts.models import CoachingLink, Invitation, User
from fitnesspr.api.mixins import ScopedViewSetMixin
from fitnesspr.api.permissions import IsTrainer
from fitnesspr.api.schema import error_responses
from fitnesspr.api.throttling import AUTH_THROTTLES
from fitnesspr.errors import ApplicationError, RateLimitedError

# --- Sign-up and tokens ----------------------------------------------------------------------------


def token_pair(user: User) -> dict[str, str]:
    """A new API login. Its `sid` claim names the login: simplejwt copies it into every access token made from the
    refresh token and keeps it across rotation, so logging out can end the login's WebSockets too."""
    refresh = RefreshToken.for_user(user)
    refresh[API_LOGIN_CLAIM] = uuid4().hex
    if jwt_settings.UPDATE_LAST_LOGIN:
        update_last_login(None, user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


class AuthEndpoint(APIView):
    """No authentication (a stale token must not stop a login), the `auth` throttle scope, `Bearer` 401s."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_classes = AUTH_THROTTLES
    throttle_scope = "auth"

    def get_authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class RegisterView(AuthEndpoint):
    @extend_schema(
        tags=["auth"],
        summary="Sign up",
        description=(
            "Create a trainer or client account and log it in: answers the new user and a token pair. "
            "With `invitation_token` (from a trainer's invitation link) the new client is linked to that trainer "
            "at once; the email must be the invited address. Errors: `email_taken`, weak `password`, "
            "`invitation_invalid`, `invitation_used`, `invitation_expired`, `invitation_revoked`, "
            "`invitation_foreign` (another email), `invalid_role` (a trainer cannot accept)."
        ),
        request=RegisterSerializer,
        responses={201: RegisterResponseSerializer, **error_responses(400)},
    )
    def post(self, request: Request) -> Response:
        serializer = RegisterSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_create(**serializer.validated_data)
        data = {"user": MeSerializer(user, context={"request": request}).data, **token_pair(user)}
        return Response(data, status=status.HTTP_201_CREATED)


class TokenObtainView(AuthEndpoint):
    @extend_schema(
        tags=["auth"],
        summary="Log in: get a token pair",
        description=(
            "Exchange email and password for an access token (send it as `Authorization: Bearer <access>`) and a "
            "refresh token. Wrong credentials answer 401 `invalid_credentials`. After repeated failures the "
            "account is locked for this address for a while: 429 `locked_out` with `Retry-After`, even with the "
            "right password."
        ),
        request=TokenObtainSerializer,
        responses={
            200: TokenPairSerializer,
            **error_responses(400, 401, 429, e401="Wrong email or password (`invalid_credentials`)."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = TokenObtainSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            user = authenticate_with_lockout(request, **serializer.validated_data)
        except RateLimitedError:
            raise
        except ApplicationError as error:
            raise exceptions.AuthenticationFailed(error.message, code=error.code) from None
        return Response(token_pair(user))


class TokenRefreshView(AuthEndpoint, BaseTokenRefreshView):
    @extend_schema(
        tags=["auth"],
        summary="Refresh: a new token pair",
        description=(
            "Exchange a refresh token for a new access token and a new refresh token. Refresh tokens are single "
            "use: the one sent is blacklisted, and sending it again answers 401 `token_not_valid`."
        ),
        request=RefreshTokenSerializer,
        responses={
            200: TokenPairSerializer,
            **error_responses(400, 401, e401="The refresh token is invalid, expired or already used."),
        },
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        RefreshTokenSerializer(data=request.data).is_valid(raise_exception=True)
        return super().post(request, *args, **kwargs)


class LogoutView(AuthEndpoint):
    @extend_schema(
        tags=["auth"],
        summary="Log out",
        description=(
            "Blacklist a refresh token, so it can no longer be refreshed. Holding the refresh token is the proof: "
            "no access token is needed. The current access token stays valid until it expires (minutes), but the "
            "WebSockets opened with this login's access tokens are closed (code 4401)."
        ),
        request=RefreshTokenSerializer,
        responses={
            204: OpenApiResponse(description="Logged out."),
            **error_responses(400, 401, e401="The refresh token is invalid, expired or already blacklisted."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = RefreshTokenSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            refresh = RefreshToken(serializer.validated_data["refresh"])
        except TokenError as error:
            raise InvalidToken(error.args[0]) from None
        services.api_login_end(refresh=refresh)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- The own user ------------------------------------------------------------------------------


def _me_response(request: Request, user: User) -> Response:
    return Response(MeSerializer(user, context={"request": request}).data)


class MeView(APIView):
    @extend_schema(
        tags=["me"],
        summary="Your account and profile",
        description=(
            "The logged-in user with the profile of their role: `trainer_profile` for a trainer, "
            "`client_profile` for a client (the other is null)."
        ),
        responses=MeSerializer,
    )
    def get(self, request: Request) -> Response:
        return _me_response(request, request.user)

    @extend_schema(
        tags=["me"],
        summary="Update your account and profile",
        description=(
            "Send only the fields that change. Profile fields go in `trainer_profile` (trainers) or "
            "`client_profile` (clients); their errors are reported as `client_profile.<field>`."
        ),
        request=MeUpdateSerializer,
        responses=MeSerializer,
    )
    def patch(self, request: Request) -> Response:
        serializer = MeUpdateSerializer(data=request.data, partial=True, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        profile_key = "trainer_profile" if request.user.is_trainer else "client_profile"
        profile_data = data.pop(profile_key, None)
        with transaction.atomic():
            user = services.user_update(user=request.user, data=data)
            if profile_data:
                try:
                    services.profile_update(user=user, data=profile_data)
                except ApplicationError as error:
                    error.fields = {f"{profile_key}.{name}": messages for name, messages in error.fields.items()}
                    raise
        user.refresh_from_db()
        return _me_response(request, user)


class MeAvatarView(APIView):
    parser_classes = (MultiPartParser,)

    @extend_schema(
        tags=["me"],
        summary="Upload your avatar",
        description=(
            "Send `multipart/form-data` with the image in `image`. The image is checked, re-encoded (which drops "
            "its EXIF data, GPS position included) and shrunk; a thumbnail is made. Bad images answer 400 "
            "`invalid_image`."
        ),
        request={"multipart/form-data": AvatarUploadSerializer},
        responses={200: MeSerializer, **error_responses(415)},
    )
    def put(self, request: Request) -> Response:
        serializer = AvatarUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = services.user_avatar_set(user=request.user, upload=serializer.validated_data["image"])
        return _me_response(request, user)

    @extend_schema(tags=["me"], summary="Remove your avatar", responses={204: None})
    def delete(self, request: Request) -> Response:
        services.user_avatar_remove(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Coaching links ----------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Your coaching links",
        description=(
            "A trainer's links with their clients, a client's links with their trainers; current and past. "
            "`?active=true` gives the current ones only: a trainer's current clients, a client's current trainer."
        ),
    ),
    retrieve=extend_schema(summary="One coaching link", description="404 unless you are its trainer or client."),
)
@extend_schema(tags=["clients"])
class CoachingLinkViewSet(
    ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    model = CoachingLink
    serializer_class = CoachingLinkSerializer
    filterset_class = CoachingLinkFilter
    ordering_fields = ("started_at", "ended_at", "client_name", "trainer_name")
    ordering = ("-started_at",)

    def scoped_queryset(self, user: User) -> QuerySet[CoachingLink]:
        return selectors.coaching_link_list(user=user).annotate(
            client_name=F("client__display_name"), trainer_name=F("trainer__display_name")
        )

    def scoped_object(self, user: User, pk: Any) -> CoachingLink:
        return selectors.coaching_link_get_for_user(user, pk)

    @extend_schema(
        summary="End a coaching link",
        description=(
            "The trainer ends the coaching, or the client leaves. The link keeps its dates for history. "
            "An already ended link answers 409 `link_ended`."
        ),
        request=None,
        responses={200: CoachingLinkSerializer, **error_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: Any = None) -> Response:
        link = services.coaching_link_end(actor=request.user, link=self.get_object())
        return Response(self.get_serializer(link).data)


# --- Invitations -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Your invitations",
        description="A trainer's invitations, newest first by default. Clients get 403.",
    ),
    create=extend_schema(
        summary="Invite a client",
        description=(
            "Email an invitation to join you as your client. Inviting the same address again replaces the pending "
            "invitation. The answer carries `accept_url`, the link also sent by email, once (only a hash of its "
            "token is stored), so you can share it another way. Clients get 403; inviting a current client "
            "answers 409 `already_linked`."
        ),
        request=InvitationCreateSerializer,
        responses={201: InvitationCreatedSerializer, **error_responses(409)},
    ),
    retrieve=extend_schema(summary="One invitation", description="404 unless it is yours."),
)
@extend_schema(tags=["invitations"])
class InvitationViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    model = Invitation
    serializer_class = InvitationSerializer
    filterset_class = InvitationFilter
    ordering_fields = ("created_at", "expires_at", "email")
    ordering = ("-created_at",)

    def get_permissions(self) -> list[BasePermission]:
        if self.action in ("list", "create"):
            return [IsTrainer()]
        return [IsAuthenticated()]

    def scoped_queryset(self, user: User) -> QuerySet[Invitation]:
        return selectors.invitation_list(trainer=user)

    def scoped_object(self, user: User, pk: Any) -> Invitation:
        return selectors.invitation_get_for_user(user, pk)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = InvitationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation, token = services.invitation_create(trainer=request.user, email=serializer.validated_data["email"])
        context = {"request": request, "accept_url": services.invitation_url(token)}
        return Response(InvitationCreatedSerializer(invitation, context=context).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Revoke an invitation",
        description="Withdraw a pending invitation: its link stops working. Not pending: 409 `invitation_not_pending`.",
        request=None,
        responses={200: InvitationSerializer, **error_responses(409)},
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: Any = None) -> Response:
        invitation = services.invitation_revoke(trainer=request.user, invitation=self.get_object())
        return Response(InvitationSerializer(invitation, context={"request": request}).data)

    @extend_schema(
        summary="Give an invitation a new link",
        description=(
            "Only a hash of an invitation's token is stored, so its link cannot be shown again: this makes a new "
            "one. The old link stops working at once; the new one works for the invitation's full lifetime again "
            "(`expires_at` moves). The answer carries the new `accept_url`, once; with `send_email: true` it is "
            "also emailed to the invited address. Only the invitation's trainer can do this (404 for anyone else); "
            "an accepted or revoked invitation answers 409 `invitation_not_pending`."
        ),
        request=InvitationNewLinkSerializer,
        responses={200: InvitationCreatedSerializer, **error_responses(409)},
    )
    @action(detail=True, methods=["post"], url_path="new-link")
    def new_link(self, request: Request, pk: Any = None) -> Response:
        serializer = InvitationNewLinkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        invitation, token = services.invitation_new_link(
            trainer=request.user, invitation=self.get_object(), resend=serializer.validated_data["send_email"]
        )
        context = {"request": request, "accept_url": services.invitation_url(token)}
        return Response(InvitationCreatedSerializer(invitation, context=context).data)

    @extend_schema(
        summary="Accept an invitation",
        description=(
            "As a logged-in client, accept a trainer's invitation with the token of its link: a coaching link "
            "starts (a current link with another trainer ends). Errors (400): `invitation_invalid`, "
            "`invitation_used`, `invitation_expired`, `invitation_revoked`, `invitation_foreign` (sent to another "
            "email), `invalid_role` (not a client); 409 `already_linked`."
        ),
        request=InvitationAcceptSerializer,
        responses={201: CoachingLinkSerializer, **error_responses(400, 409)},
    )
    @action(detail=False, methods=["post"])
    def accept(self, request: Request) -> Response:
        serializer = InvitationAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        link = services.invitation_accept(user=request.user, token=serializer.validated_data["token"])
        link = selectors.coaching_link_get_for_user(request.user, link.pk)
        return Response(CoachingLinkSerializer(link, context={"request": request}).data, status=status.HTTP_201_CREATED)
