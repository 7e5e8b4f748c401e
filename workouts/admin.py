from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from fitnesspr.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline
from workouts.models import (
    Exercise,
    PersonalRecord,
    Plan,
    PlanDay,
    PlanExercise,
    PlanSet,
    TrainingPreferences,
    Workout,
    WorkoutComment,
    WorkoutExercise,
    WorkoutSet,
)
from workouts.services.workouts import workout_delete


class CustomExerciseFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("builtin", "Built-in"), ("custom", "Custom")]

    def queryset(self, request, queryset):
        if self.value() == "builtin":
            return queryset.filter(owner__isnull=True)
        if self.value() == "custom":
            return queryset.filter(owner__isnull=False)
        return queryset


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = ["name", "primary_muscle", "equipment", "exercise_type", "mechanic", "owner"]
    list_filter = [CustomExerciseFilter, "primary_muscle", "equipment", "exercise_type", "mechanic"]
    search_fields = ["name", "owner__email"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]


class PlanDayInline(admin.TabularInline):
    model = PlanDay
    extra = 0
    fields = ["position", "name", "weekday", "notes"]
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "client", "author", "is_template", "status", "source", "start_date", "weeks", "day_count"]
    list_filter = ["status", "source", "is_template", "goal", "created_at"]
    search_fields = ["name", "client__email", "client__display_name", "author__email"]
    list_select_related = ["client", "author"]
    raw_id_fields = ["client", "author", "copied_from"]
    inlines = [PlanDayInline]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_day_count=Count("days"))

    @admin.display(description="days", ordering="_day_count")
    def day_count(self, obj: Plan) -> int:
        return obj._day_count


class PlanExerciseInline(admin.TabularInline):
    model = PlanExercise
    extra = 0
    fields = ["position", "exercise", "superset_group", "rest_seconds", "notes"]
    raw_id_fields = ["exercise"]
    show_change_link = True


@admin.register(PlanDay)
class PlanDayAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "position", "weekday"]
    search_fields = ["name", "plan__name", "plan__client__email"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]
    inlines = [PlanExerciseInline]


class PlanSetInline(admin.TabularInline):
    model = PlanSet
    extra = 0


@admin.register(PlanExercise)
class PlanExerciseAdmin(admin.ModelAdmin):
    list_display = ["exercise", "day", "position", "superset_group", "rest_seconds"]
    search_fields = ["exercise__name", "day__plan__name"]
    list_select_related = ["exercise", "day"]
    raw_id_fields = ["day", "exercise"]
    inlines = [PlanSetInline]


class WorkoutExerciseInline(ReadOnlyInline):
    model = WorkoutExercise
    fields = ["position", "exercise", "superset_group", "notes"]


class WorkoutCommentInline(admin.TabularInline):
    model = WorkoutComment
    extra = 0
    raw_id_fields = ["author"]


# Logged workouts, their sets and the records derived from them are read-only here: the services own the e1RM
# estimates, the records and the events. A workout can be deleted: through the service, which re-evaluates records.
@admin.register(Workout)
class WorkoutAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "user", "started_at", "ended_at", "source", "hevy_id"]
    list_filter = ["source", "started_at"]
    search_fields = ["name", "user__email", "user__display_name", "hevy_id"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "plan_day"]
    date_hierarchy = "started_at"
    inlines = [WorkoutExerciseInline, WorkoutCommentInline]

    def has_delete_permission(self, request: HttpRequest, obj: Workout | None = None) -> bool:
        return admin.ModelAdmin.has_delete_permission(self, request, obj)

    def get_deleted_objects(self, objs, request: HttpRequest):
        # Its exercises, sets and records go with it (they are read-only on their own, not protected).
        deleted, counts, _perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set(), protected

    def delete_model(self, request: HttpRequest, obj: Workout) -> None:
        workout_delete(workout=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Workout]) -> None:
        for workout in queryset.select_related("user"):
            workout_delete(workout=workout)


class WorkoutSetInline(ReadOnlyInline):
    model = WorkoutSet


@admin.register(WorkoutExercise)
class WorkoutExerciseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["exercise", "workout", "position"]
    search_fields = ["exercise__name", "workout__name", "workout__user__email"]
    list_select_related = ["exercise", "workout"]
    raw_id_fields = ["workout", "exercise"]
    inlines = [WorkoutSetInline]


@admin.register(WorkoutSet)
class WorkoutSetAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["workout_exercise", "position", "set_type", "reps", "weight_kg", "rpe", "estimated_1rm_kg"]
    list_filter = ["set_type"]
    search_fields = ["workout_exercise__exercise__name", "workout_exercise__workout__user__email"]
    list_select_related = ["workout_exercise__exercise", "workout_exercise__workout"]
    raw_id_fields = ["workout_exercise"]
    readonly_fields = ["estimated_1rm_kg"]
    show_full_result_count = False


@admin.register(WorkoutComment)
class WorkoutCommentAdmin(admin.ModelAdmin):
    list_display = ["workout", "author", "created_at"]
    search_fields = ["body", "author__email", "workout__name"]
    list_select_related = ["workout", "author"]
    raw_id_fields = ["workout", "author"]


@admin.register(PersonalRecord)
class PersonalRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "exercise", "kind", "value", "weight_kg", "achieved_at"]
    list_filter = ["kind", "achieved_at"]
    search_fields = ["user__email", "exercise__name"]
    list_select_related = ["user", "exercise"]
    raw_id_fields = ["user", "exercise", "workout", "workout_set"]
    date_hierarchy = "achieved_at"


@admin.register(TrainingPreferences)
class TrainingPreferencesAdmin(admin.ModelAdmin):
    """The weight steps a user chose (workouts/loading.py); a user without a row has the defaults."""

    list_display = ["user", "barbell_plate_kg", "barbell_plate_lb", "machine_step_kg", "machine_step_lb"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
