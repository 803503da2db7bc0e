"""factory_boy factories for tests (and nothing else)."""

import datetime as dt

import factory
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.congress.models import (
    Delegation,
    Deputy,
    Organization,
    Region,
    Session,
    Term,
)
from renda.proposals.models import Category

PASSWORD = "Renda-pass-2026"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("number",)

    number = 7
    start_date = dt.date(2022, 1, 1)


class SessionFactory(factory.django.DjangoModelFactory):
    """By default sitting now, with the motion deadline two days ahead."""

    class Meta:
        model = Session

    term = factory.SubFactory(TermFactory)
    number = factory.Sequence(lambda n: n + 1)
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=3))
    motion_deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=2))


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"第{n}区")
    kind = Region.Kind.DISTRICT


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    term = factory.SubFactory(TermFactory)
    name = factory.Sequence(lambda n: f"第{n}代表团")


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy

    term = factory.SubFactory(TermFactory)
    delegation = factory.SubFactory(DelegationFactory, term=factory.SelfAttribute("..term"))
    name = factory.Sequence(lambda n: f"代表{n:03d}")
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    id_number = factory.Sequence(lambda n: f"41100219800101{n:04d}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"市第{n}局")
    kind = Organization.Kind.HANDLING_UNIT
    unit_type = Organization.UnitType.GOVERNMENT_DEPARTMENT


class CommitteeFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"第{n}专门委员会")
    kind = Organization.Kind.SPECIAL_COMMITTEE
    unit_type = ""


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("name",)

    name = "城乡建设"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.STAFF
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def deputy_user(deputy: Deputy | None = None, **kwargs) -> User:
    deputy = deputy or DeputyFactory()
    return UserFactory(role=Role.DEPUTY, deputy=deputy, full_name=deputy.name, **kwargs)


def unit_officer(unit: Organization | None = None, **kwargs) -> User:
    return UserFactory(role=Role.UNIT_OFFICER, organization=unit or UnitFactory(), **kwargs)


def committee_member(committee: Organization | None = None, **kwargs) -> User:
    return UserFactory(
        role=Role.COMMITTEE_MEMBER, organization=committee or CommitteeFactory(), **kwargs
    )
