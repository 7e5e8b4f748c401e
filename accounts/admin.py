from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from accounts import services
from accounts.models import ClientProfile, CoachingLink, Invitation, InvitationStatus, TrainerProfile, User
from fitnesspr.admin_images import ImagePipelineAdminMixin, PipelineImage
from fitnesspr.errors import ApplicationError


class TrainerProfileInline(admin.StackedInline):
    model = TrainerProfile
    can_delete = False
    extra = 0


class ClientProfileInline(admin.StackedInline):
    model = ClientProfile
    can_delete = False
    extra = 0


@admin.register(User)
class UserAdmin(ImagePipelineAdminMixin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "role", "is_active", "is_staff", "date_joined", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "units", "date_joined"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["id", "date_joined", "last_login", "avatar_thumbnail_preview"]
    # The avatar is set through the service with the pipeline's output (from the form); its thumbnail is derived,
    # never edited.
    pipeline_images = {
        "avatar": PipelineImage(
            thumbnail="avatar_thumbnail",
            save=lambda user, processed: services.user_avatar_set(user=user, processed=processed),
            remove=lambda user: services.user_avatar_remove(user=user),
        ),
    }
    fieldsets = [
        (None, {"fields": ["id", "email", "password"]}),
        ("Profile", {"fields": ["display_name", "role", "time_zone", "units", "avatar", "avatar_thumbnail_preview"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "display_name", "role", "password1", "password2"]}),
    ]

    def get_inlines(self, request: HttpRequest, obj: User | None):
        if obj is None or obj.is_staff_role:  # staff have no profile
            return []
        return [TrainerProfileInline] if obj.is_trainer else [ClientProfileInline]

    @admin.display(description="Avatar thumbnail")
    def avatar_thumbnail_preview(self, obj: User | None) -> str:
        return self.image_preview(obj, "avatar_thumbnail", link_to="avatar")


@admin.register(TrainerProfile)
class TrainerProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "specialties", "updated_at"]
    search_fields = ["user__email", "user__display_name", "specialties", "certifications"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(ClientProfile)
class ClientProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "goal", "experience_level", "training_days_per_week", "session_length_minutes"]
    list_filter = ["goal", "experience_level", "sex", "training_days_per_week"]
    search_fields = ["user__email", "user__display_name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


class ActiveLinkFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", "Active"), ("ended", "Ended")]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(ended_at__isnull=True)
        if self.value() == "ended":
            return queryset.filter(ended_at__isnull=False)
        return queryset


@admin.register(CoachingLink)
class CoachingLinkAdmin(admin.ModelAdmin):
    list_display = ["trainer", "client", "started_at", "ended_at", "ended_by"]
    list_filter = [ActiveLinkFilter, "started_at"]
    search_fields = ["trainer__email", "trainer__display_name", "client__email", "client__display_name"]
    list_select_related = ["trainer", "client", "ended_by"]
    raw_id_fields = ["trainer", "client", "ended_by"]
    date_hierarchy = "started_at"
    actions = ["end_links"]

    @admin.action(description="End the selected coaching links")
    def end_links(self, request: HttpRequest, queryset: QuerySet[CoachingLink]) -> None:
        ended = 0
        for link in queryset.filter(ended_at__isnull=True).select_related("trainer"):
            services.coaching_link_end(actor=link.trainer, link=link)
            ended += 1
        self.message_user(request, f"Ended {ended} coaching link(s).", messages.SUCCESS)


class InvitationStateFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*InvitationStatus.choices, ("expired", "Expired")]

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        if value == "expired":
            return queryset.filter(status=InvitationStatus.PENDING, expires_at__lte=now)
        if value == InvitationStatus.PENDING:
            return queryset.filter(status=InvitationStatus.PENDING, expires_at__gt=now)
        if value:
            return queryset.filter(status=value)
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "trainer", "state", "created_at", "expires_at", "accepted_by"]
    list_filter = [InvitationStateFilter, "created_at"]
    search_fields = ["email", "trainer__email", "trainer__display_name"]
    list_select_related = ["trainer", "accepted_by"]
    raw_id_fields = ["trainer", "accepted_by"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by", "revoked_at", "status"]
    actions = ["revoke"]

    @admin.display(description="status")
    def state(self, obj: Invitation) -> str:
        return obj.display_status

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Invitations need a token that is emailed: trainers create them from their Clients page.
        return False

    @admin.action(description="Revoke the selected pending invitations")
    def revoke(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        revoked = 0
        for invitation in queryset.filter(status=InvitationStatus.PENDING).select_related("trainer"):
            try:
                services.invitation_revoke(trainer=invitation.trainer, invitation=invitation)
            except ApplicationError as error:
                self.message_user(request, f"{invitation}: {error.message}", messages.WARNING)
            else:
                revoked += 1
        self.message_user(request, f"Revoked {revoked} invitation(s).", messages.SUCCESS)
