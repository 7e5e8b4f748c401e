from __future__ import annotations

import factory
from django.utils import timezone

from accounts.models import ClientProfile, CoachingLink, Invitation, Role, TrainerProfile, User
from accounts.selectors import hash_token

DEFAULT_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Faker("name")
    role = Role.CLIENT
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class TrainerFactory(UserFactory):
    role = Role.TRAINER
    trainer_profile = factory.RelatedFactory("accounts.tests.factories.TrainerProfileFactory", "user")


class ClientFactory(UserFactory):
    role = Role.CLIENT
    client_profile = factory.RelatedFactory("accounts.tests.factories.ClientProfileFactory", "user")


class StaffFactory(UserFactory):
    role = Role.STAFF
    is_staff = True
    is_superuser = True
    display_name = "Sam Staff"


class TrainerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainerProfile

    bio = "Strength coach."


class ClientProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientProfile

    goal = "build_muscle"
    experience_level = "intermediate"
    available_equipment = ["barbell", "dumbbell"]


class CoachingLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoachingLink

    trainer = factory.SubFactory(TrainerFactory)
    client = factory.SubFactory(ClientFactory)
    started_at = factory.LazyFunction(timezone.now)


class InvitationFactory(factory.django.DjangoModelFactory):
    """Pass `token="..."` to know the raw token; it is hashed like the real service does."""

    class Meta:
        model = Invitation
        exclude = ["token"]

    trainer = factory.SubFactory(TrainerFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    token = factory.Sequence(lambda n: f"test-token-{n}")
    token_hash = factory.LazyAttribute(lambda o: hash_token(o.token))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=7))
