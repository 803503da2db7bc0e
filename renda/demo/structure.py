"""The demo's congress structure and accounts: settings, term and sessions, regions,
delegations and deputies, organisations, categories, users."""

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission

from renda.accounts.models import Role, User
from renda.congress.models import (
    CongressSettings,
    Delegation,
    Deputy,
    Organization,
    Region,
    Session,
    Term,
)
from renda.congress.pinyin import initials_of
from renda.demo import organisations as org_data
from renda.demo.people import OCCUPATIONS, make_names
from renda.demo.texts import CATEGORIES
from renda.proposals.models import Category

TZ = ZoneInfo("Asia/Shanghai")
PASSWORD = "Renda@2026"


def at(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def build_structure(rng: random.Random) -> dict:
    CongressSettings.objects.update_or_create(
        pk=CongressSettings.current().pk,
        defaults={"name": "颍川市人民代表大会", "short_name": "市", "level": "city"},
    )
    term = Term.objects.create(number=7, start_date=dt.date(2021, 12, 28))
    session = Session.objects.create(
        term=term,
        number=9,
        start_date=dt.date(2026, 1, 20),
        end_date=dt.date(2026, 1, 23),
        motion_deadline=at(dt.date(2026, 1, 21), 12),
    )
    next_session = Session.objects.create(
        term=term,
        number=10,
        start_date=dt.date(2027, 1, 12),
        end_date=dt.date(2027, 1, 15),
        motion_deadline=at(dt.date(2027, 1, 13), 12),
    )
    towns, deputies = _delegations(term, rng)
    orgs = _organisations()
    categories = {
        name: Category.objects.create(name=name, order=i) for i, name in enumerate(CATEGORIES)
    }
    Category.objects.create(name="其他", order=len(CATEGORIES))
    return {
        "term": term,
        "session": session,
        "next_session": next_session,
        "towns": towns,
        "deputies": deputies,
        "orgs": orgs,
        "categories": categories,
    }


def _delegations(term: Term, rng: random.Random):
    sizes = [r[3] for r in org_data.REGIONS] + [org_data.MILITARY_DELEGATION[1]]
    names = iter(make_names(sum(sizes), rng))
    towns: dict[int, list[str]] = {}
    deputies: list[Deputy] = []
    for order, (region_name, kind, delegation_name, size, places) in enumerate(org_data.REGIONS):
        region = Region.objects.create(name=region_name, kind=kind, order=order)
        delegation = Delegation.objects.create(
            term=term,
            name=delegation_name,
            region=region,
            order=order,
            contact_name=f"{region_name}人大常委会联络员",
            contact_phone=f"0374-{5100000 + order}",
        )
        towns[delegation.pk] = places
        deputies += _deputies(term, delegation, size, names, places, rng)
    military, size = org_data.MILITARY_DELEGATION
    delegation = Delegation.objects.create(term=term, name=military, order=99)
    towns[delegation.pk] = ["东城区"]
    deputies += _deputies(term, delegation, size, names, ["驻颍某部"], rng)
    return towns, deputies


def _deputies(term, delegation, size, names, places, rng) -> list[Deputy]:
    rows = []
    for _ in range(size):
        name, gender = next(names)
        occupation = rng.choice(OCCUPATIONS).format(place=rng.choice(places))
        rows.append(
            Deputy(
                term=term,
                delegation=delegation,
                name=name,
                initials=initials_of(name),
                gender=gender,
                occupation=occupation,
                mobile=f"13{rng.randrange(10**9):09d}",
                id_number=_id_number(rng, gender),
                email="",
                address=f"颍川市{places[0]}",
            )
        )
    return Deputy.objects.bulk_create(rows)


def _id_number(rng: random.Random, gender: str) -> str:
    """A well-formed (checksummed) but invented 18-digit ID number."""
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 35))
    seq = rng.randrange(100) * 10 + (
        rng.choice([1, 3, 5, 7, 9]) if gender == "male" else rng.choice([0, 2, 4, 6, 8])
    )
    body = f"411000{birth:%Y%m%d}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check


def _organisations() -> dict[str, Organization]:
    orgs: dict[str, Organization] = {}
    for order, name in enumerate(org_data.SPECIAL_COMMITTEES):
        orgs[name] = Organization.objects.create(name=name, kind="special_committee", order=order)
    regions = {r.name: r for r in Region.objects.all()}
    for order, (name, short, unit_type) in enumerate(org_data.UNITS):
        region = regions.get(name.removesuffix("人民政府").removesuffix("管委会"))
        orgs[name] = Organization.objects.create(
            name=name,
            short_name=short,
            kind="handling_unit",
            unit_type=unit_type,
            order=order,
            region=region,
        )
    for name, short, kind in org_data.OTHER_BODIES:
        orgs[name] = Organization.objects.create(name=name, short_name=short, kind=kind)
    return orgs


NAMED_ACCOUNTS = [
    # username, role, full name, what it is bound to
    ("staff", Role.STAFF, "周文静", None),
    ("staff2", Role.STAFF, "孙立新", None),
    ("presidium", Role.PRESIDIUM_SECRETARY, "韩振宇", None),
    ("unit", Role.UNIT_OFFICER, "冯海涛", "市交通运输局"),
    ("unit_office", Role.UNIT_OFFICER, "邵雅琴", "市交通运输局"),
    ("unit_leader", Role.UNIT_OFFICER, "贺振华", "市交通运输局"),
    ("unit2", Role.UNIT_OFFICER, "蒋丽萍", "市住房和城乡建设局"),
    ("committee", Role.COMMITTEE_MEMBER, "程建华", "市人大城乡融合发展委员会"),
    ("coordinator", Role.COORDINATOR, "黎晓燕", "市人民政府督查室"),
    ("sysadmin", Role.SYSTEM_ADMIN, "潘明亮", None),
    ("secadmin", Role.SECURITY_ADMIN, "岳思远", None),
    ("auditor", Role.AUDIT_ADMIN, "祁雅婷", None),
]


# 市交通运输局 shows the approval path with three people: the responsible office drafts, the
# general office checks, the leader in charge signs. Other units' single officer does all three.
REPLY_DUTIES = {"unit": ["draft"], "unit_office": ["check"], "unit_leader": ["sign"]}


def build_accounts(world: dict) -> dict[str, User]:
    """Named demo accounts, plus one account per deputy (d001…), unit (u01…) and committee
    (c01…). One password hash is computed once and shared: hashing 500 passwords one by one
    would take minutes."""
    encoded = make_password(PASSWORD)
    orgs = world["orgs"]
    users = {}
    for username, role, name, org in NAMED_ACCOUNTS:
        users[username] = User.objects.create(
            username=username,
            password=encoded,
            role=role,
            full_name=name,
            organization=orgs.get(org) if org else None,
            is_staff=role == Role.STAFF,
            reply_duties=REPLY_DUTIES.get(username, []),
        )
    _grant_admin(users["staff"], users["staff2"])
    deputies = world["deputies"]
    users["deputy"] = User(
        username="deputy",
        password=encoded,
        role=Role.DEPUTY,
        full_name=deputies[0].name,
        deputy=deputies[0],
        mobile=deputies[0].mobile,
    )
    users["deputy2"] = User(
        username="deputy2",
        password=encoded,
        role=Role.DEPUTY,
        full_name=deputies[1].name,
        deputy=deputies[1],
    )
    rows = [users["deputy"], users["deputy2"]]
    rows += [
        User(username=f"d{i:03d}", password=encoded, role=Role.DEPUTY, full_name=d.name, deputy=d)
        for i, d in enumerate(deputies[2:], start=3)
    ]
    units = [o for o in orgs.values() if o.kind in ("handling_unit", "special_committee")]
    for i, unit in enumerate(units, start=1):
        role = Role.UNIT_OFFICER if unit.kind == "handling_unit" else Role.COMMITTEE_MEMBER
        prefix = "u" if unit.kind == "handling_unit" else "c"
        rows.append(
            User(
                username=f"{prefix}{i:02d}",
                password=encoded,
                role=role,
                full_name=f"{unit.short_name or unit.name}联络员",
                organization=unit,
            )
        )
    User.objects.bulk_create(rows)
    for u in User.objects.filter(username__in=["deputy", "deputy2"]):
        users[u.username] = u
    return users


def _grant_admin(*staff: User) -> None:
    """Staff use the admin for reference data: congress structure, categories, read-only items."""
    group, _created = Group.objects.get_or_create(name="人大工作人员")
    perms = Permission.objects.filter(content_type__app_label__in=["congress", "proposals"])
    group.permissions.set(perms)
    for user in staff:
        user.groups.add(group)


def unit_officers(orgs: dict[str, Organization]) -> dict[int, User]:
    """The officer who acts for each unit (the named demo account where there is one)."""
    officers: dict[int, User] = {}
    for user in User.objects.filter(role__in=[Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER]).order_by(
        "pk"
    ):
        officers.setdefault(user.organization_id, user)
    return officers
