"""Pages: plans. `pages` has the list, read view and plan actions; `builder` the builder and its parts."""

from __future__ import annotations

from django.urls import path

from workouts.views.plans import builder, pages

urlpatterns = [
    path("plans/", pages.plan_list, name="plan_list"),
    path("plans/new/", pages.plan_create, name="plan_create"),
    path("plans/<uuid:plan_id>/", pages.plan_detail, name="plan_detail"),
    path("plans/<uuid:plan_id>/edit/", builder.plan_builder, name="plan_builder"),
    path("plans/<uuid:plan_id>/assign/", pages.plan_assign, name="plan_assign"),
    path("plans/<uuid:plan_id>/activate/", pages.plan_activate, name="plan_activate"),
    path("plans/<uuid:plan_id>/archive/", pages.plan_archive, name="plan_archive"),
    path("plans/<uuid:plan_id>/delete/", pages.plan_delete, name="plan_delete"),
    path("plans/<uuid:plan_id>/save-as-template/", pages.plan_save_as_template, name="plan_save_as_template"),
    path("plans/<uuid:plan_id>/days/add/", builder.plan_day_add, name="plan_day_add"),
    path("plans/<uuid:plan_id>/week/duplicate/", builder.plan_week_duplicate, name="plan_week_duplicate"),
    path("plans/days/<uuid:day_id>/edit/", builder.plan_day_update, name="plan_day_update"),
    path("plans/days/<uuid:day_id>/move/", builder.plan_day_move, name="plan_day_move"),
    path("plans/days/<uuid:day_id>/delete/", builder.plan_day_delete, name="plan_day_delete"),
    path("plans/days/<uuid:day_id>/duplicate/", builder.plan_day_duplicate, name="plan_day_duplicate"),
    path("plans/days/<uuid:day_id>/exercises/add/", builder.plan_exercise_add, name="plan_exercise_add"),
    path("plans/exercises/<uuid:plan_exercise_id>/edit/", builder.plan_exercise_update, name="plan_exercise_update"),
    path("plans/exercises/<uuid:plan_exercise_id>/move/", builder.plan_exercise_move, name="plan_exercise_move"),
    path("plans/exercises/<uuid:plan_exercise_id>/delete/", builder.plan_exercise_delete, name="plan_exercise_delete"),
    path(
        "plans/exercises/<uuid:plan_exercise_id>/group/",
        builder.plan_exercise_group,
        name="plan_exercise_group",
    ),
    path("plans/exercises/<uuid:plan_exercise_id>/sets/add/", builder.plan_set_add, name="plan_set_add"),
    path("plans/sets/<uuid:plan_set_id>/edit/", builder.plan_set_update, name="plan_set_update"),
    path("plans/sets/<uuid:plan_set_id>/delete/", builder.plan_set_delete, name="plan_set_delete"),
]
