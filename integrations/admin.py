"""Admin for the Hevy integration: staff read connections, syncs, exercise mappings and what was pushed. Every write
to these rows goes through the integration's services (a sync, a push, connecting a key), so the admin only reads
them; deleting a connection is a disconnect (`hevy_disconnect`). A connection's API key is never shown."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from fitnesspr.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline
from integrations.hevy.connection import hevy_disconnect
from integrations.models import HevyConnection, HevyExerciseMapping, HevyPlanFolder, HevyRoutine, HevySyncRun


class HevySyncRunInline(ReadOnlyInline):
    model = HevySyncRun
    fields = ["created_at", "trigger", "full", "status", "pages", "created_count", "updated_count", "error"]
    readonly_fields = fields
    ordering = ["-created_at"]
    max_num = 0


@admin.register(HevyConnection)
class HevyConnectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "hevy_user_name", "key_last4", "status", "push_workouts", "last_synced_at"]
    list_filter = ["status", "push_workouts"]
    search_fields = ["user__email", "hevy_user_name", "hevy_user_id"]
    list_select_related = ["user"]
    # Never `api_key`: it is a secret, stored encrypted, and shown nowhere (only its last four characters).
    fields = [
        "user",
        "key_last4",
        "status",
        "status_message",
        "hevy_user_id",
        "hevy_user_name",
        "events_cursor",
        "last_synced_at",
        "push_workouts",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields
    inlines = [HevySyncRunInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_staff and request.user.has_perm("integrations.delete_hevyconnection"))

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> tuple[Any, Any, set, Any]:
        # The sync runs go with the connection inside hevy_disconnect: no separate permission to delete them.
        to_delete, model_count, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return to_delete, model_count, set(), protected

    def delete_model(self, request: HttpRequest, obj: HevyConnection) -> None:
        hevy_disconnect(user=obj.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[HevyConnection]) -> None:
        for connection in queryset.select_related("user"):
            hevy_disconnect(user=connection.user)


@admin.register(HevySyncRun)
class HevySyncRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["connection", "trigger", "status", "started_at", "finished_at", "pages", "created_count"]
    list_filter = ["status", "trigger", "full"]
    search_fields = ["connection__user__email"]
    list_select_related = ["connection__user"]
    date_hierarchy = "created_at"


@admin.register(HevyExerciseMapping)
class HevyExerciseMappingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["template_id", "title", "exercise", "user"]
    search_fields = ["template_id", "title", "exercise__name", "user__email"]
    list_select_related = ["exercise", "user"]


@admin.register(HevyPlanFolder)
class HevyPlanFolderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["plan", "folder_id", "pushed_at"]
    search_fields = ["plan__name", "plan__client__email"]
    list_select_related = ["plan"]


@admin.register(HevyRoutine)
class HevyRoutineAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["plan_day", "routine_id", "pushed_at"]
    search_fields = ["plan_day__name", "plan_day__plan__name", "routine_id"]
    list_select_related = ["plan_day__plan"]
