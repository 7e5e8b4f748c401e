"""Load the built-in exercise catalogue (workouts/data/exercises.py).

Idempotent: built-ins are matched by (name, equipment) and updated in place, so running it on a database
that already has them changes nothing more. Reversing removes the catalogue's built-ins that no plan or
workout uses (those are protected and stay).
"""

from django.db import migrations


def load(apps, schema_editor):
    from workouts.data.exercises import load_catalogue

    load_catalogue(apps.get_model("workouts", "Exercise"))


def unload(apps, schema_editor):
    from workouts.data.exercises import CATALOGUE

    Exercise = apps.get_model("workouts", "Exercise")
    PlanExercise = apps.get_model("workouts", "PlanExercise")
    WorkoutExercise = apps.get_model("workouts", "WorkoutExercise")
    used = set(PlanExercise.objects.values_list("exercise_id", flat=True))
    used |= set(WorkoutExercise.objects.values_list("exercise_id", flat=True))
    names = {entry.name for entry in CATALOGUE}
    Exercise.objects.filter(owner__isnull=True, name__in=names).exclude(pk__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("workouts", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
