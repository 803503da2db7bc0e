"""A small handling year built through the services at fixed dates, whose every figure is
known by hand (see EXPECTED in test_statistics.py).

Suggestions (all proposed in the 2026 session, assigned on 26 Feb, due 26 May):
  s1  lead U1, co U3; contact 10 Mar; reply A 10 Apr (on time); 满意 → closed
  s2  lead U1; reply B 10 Jun (late); 不满意 → re-handling; contact 20 Jun (after the first
      reply); reply A 1 Jul; 基本满意 → closed
  s3  lead U1; contact 14 Apr; reply C 15 Apr (on time); not evaluated yet
  s4  lead U2; no reply, overdue; key supervised by the committee
  s5  lead U2; assigned 12 Oct, not due yet
  s6  accepted, not assigned;  s7 transferred;  s8 withdrawn;  s9 a draft
Motions: m1 listed, in handling (2 investigations, 1 written summary, 1 symposium);
  m2 handled as a suggestion (s10, accepted).
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from renda.accounts.models import Role, User
from renda.congress.models import CongressSettings, Organization, Session, Term
from renda.core import clock
from renda.proposals import services
from renda.proposals.models import Kind, Proposal
from renda.testing.factories import (
    CategoryFactory,
    CommitteeFactory,
    DelegationFactory,
    DeputyFactory,
    UnitFactory,
    UserFactory,
    committee_member,
    deputy_user,
    unit_officer,
)
from renda.testing.workflow import reply_through_path

TZ = ZoneInfo("Asia/Shanghai")
TODAY = dt.date(2026, 11, 20)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


@dataclass
class Year:
    session: Session
    staff: User
    deputies: list[User]
    units: dict[str, Organization]
    officers: dict[str, User]
    committee: Organization
    member: User
    s: dict[str, Proposal]
    m: dict[str, Proposal]


def build_year() -> Year:
    config = CongressSettings.current()
    config.name = "颍川市人民代表大会"
    config.save(update_fields=["name"])
    term, _ = Term.objects.get_or_create(number=7, defaults={"start_date": dt.date(2021, 12, 28)})
    session = Session.objects.create(
        term=term,
        number=9,
        start_date=dt.date(2026, 1, 20),
        end_date=dt.date(2026, 1, 23),
        motion_deadline=at(dt.date(2026, 1, 21), 12),
    )
    east, west = (
        DelegationFactory(term=term, name="东区代表团"),
        DelegationFactory(term=term, name="西区代表团"),
    )
    deputies = [
        deputy_user(DeputyFactory(term=term, delegation=east if i < 11 else west, name=f"代表{i}"))
        for i in range(13)
    ]
    units = {n: UnitFactory(name=f"市{n}局") for n in ("U1", "U2", "U3")}
    committee = CommitteeFactory(name="市人大城乡融合发展委员会")
    y = Year(
        session=session,
        staff=UserFactory(role=Role.STAFF, full_name="工作人员"),
        deputies=deputies,
        units=units,
        officers={n: unit_officer(u) for n, u in units.items()},
        committee=committee,
        member=committee_member(committee),
        s={},
        m={},
    )
    _suggestions(y)
    _motions(y)
    return y


def do(day: dt.date, fn, *args, hour: int = 10, **kwargs):
    with clock.travel(at(day, hour)):
        return fn(*args, **kwargs)


def _suggest(y: Year, name: str, deputy: User, category: str = "城乡建设") -> Proposal:
    s = do(
        dt.date(2026, 1, 21),
        services.create_draft,
        actor=deputy,
        kind=Kind.SUGGESTION,
        title=f"关于{name}的建议",
        body="建议内容。",
        category=CategoryFactory(name=category),
    )
    y.s[name] = s
    return s


def _submitted(y, name, deputy, category="城乡建设"):
    s = _suggest(y, name, deputy, category)
    return do(dt.date(2026, 1, 21), services.submit, s, actor=deputy, hour=11)


def _assigned(y, name, deputy, unit, co=(), day=dt.date(2026, 2, 26), category="城乡建设"):
    s = _submitted(y, name, deputy, category)
    do(dt.date(2026, 1, 26), services.accept_suggestion, s, actor=y.staff)
    do(
        day,
        services.assign_suggestion,
        s,
        actor=y.staff,
        lead_unit=y.units[unit],
        co_units=[y.units[c] for c in co],
    )
    do(day + dt.timedelta(days=1), services.sign_for, s, actor=y.officers[unit])
    return s


def _contact(y, s, unit, day):
    do(
        day,
        services.record_contact,
        s,
        actor=y.officers[unit],
        method="visit",
        occurred_on=day,
        content="登门走访代表。",
    )


def _reply(y, s, unit, day, klass):
    """The reply's whole path on one day: drafted, checked, signed, countersigned, released."""
    with clock.travel(at(day)):
        reply_through_path(
            s,
            officer=y.officers[unit],
            reviewer=y.staff,
            result_class=klass,
            body="答复正文。\n第二段。",
            contact_person="李明",
            contact_phone="0374-1234567",
            signed_by_name="王局长",
        )


def _evaluate(y, s, day, result, comment=""):
    lead = User.objects.get(deputy=s.lead_deputy)
    do(day, services.evaluate_reply, s, actor=lead, result=result, comment=comment)


def _suggestions(y: Year) -> None:
    d = y.deputies
    s1 = _assigned(y, "s1", d[0], "U1", co=["U3"])
    _contact(y, s1, "U1", dt.date(2026, 3, 10))
    _reply(y, s1, "U1", dt.date(2026, 4, 10), "A")
    _evaluate(y, s1, dt.date(2026, 4, 20), "satisfied")

    s2 = _assigned(y, "s2", d[1], "U1", category="交通运输")
    _reply(y, s2, "U1", dt.date(2026, 6, 10), "B")
    _evaluate(y, s2, dt.date(2026, 6, 15), "unsatisfied", "没有实质进展。")
    _contact(y, s2, "U1", dt.date(2026, 6, 20))
    _reply(y, s2, "U1", dt.date(2026, 7, 1), "A")
    _evaluate(y, s2, dt.date(2026, 7, 5), "basically")

    s3 = _assigned(y, "s3", d[11], "U1")
    _contact(y, s3, "U1", dt.date(2026, 4, 14))
    _reply(y, s3, "U1", dt.date(2026, 4, 15), "C")

    s4 = _assigned(y, "s4", d[12], "U2", category="交通运输")
    do(
        dt.date(2026, 3, 2),
        services.mark_key_supervised,
        s4,
        actor=y.staff,
        committee=y.committee,
        leader="副主任张三",
    )
    _assigned(y, "s5", d[2], "U2", day=dt.date(2026, 10, 12))

    s6 = _submitted(y, "s6", d[3])
    do(dt.date(2026, 1, 26), services.accept_suggestion, s6, actor=y.staff)
    s7 = _submitted(y, "s7", d[4])
    do(dt.date(2026, 1, 26), services.transfer_suggestion, s7, actor=y.staff, reason="个人诉求")
    s8 = _submitted(y, "s8", d[5])
    do(dt.date(2026, 1, 22), services.withdraw, s8, actor=d[5])
    _suggest(y, "s9", d[6])


def _motion(y: Year, key: str, name: str) -> Proposal:
    lead, signers = y.deputies[0], y.deputies[1:11]
    m = do(
        dt.date(2026, 1, 20),
        services.create_draft,
        actor=lead,
        kind=Kind.MOTION,
        title=f"关于{name}的议案",
        reasons="案据。",
        plan="方案。",
        category=CategoryFactory(name="城乡建设"),
    )
    do(
        dt.date(2026, 1, 20),
        services.invite_cosigners,
        m,
        actor=lead,
        deputies=[s.deputy for s in signers],
    )
    for signer in signers:
        do(dt.date(2026, 1, 20), services.confirm_signature, m, actor=signer, hour=11)
    do(dt.date(2026, 1, 20), services.submit, m, actor=lead, hour=12)
    do(dt.date(2026, 1, 21), services.begin_review, m, actor=y.staff)
    y.m[key] = m
    return m


def _motions(y: Year) -> None:
    m1 = _motion(y, "m1", "先行试验区建设")
    do(
        dt.date(2026, 3, 26),
        services.list_motion,
        m1,
        actor=y.staff,
        meeting="市人大常委会第五十一次会议",
    )
    do(
        dt.date(2026, 4, 2),
        services.start_motion_handling,
        m1,
        actor=y.staff,
        lead_committee=y.committee,
        units=[y.units["U1"], y.units["U2"]],
        leader="副主任楚雷",
    )
    for day, kind in [
        (dt.date(2026, 5, 14), "investigation"),
        (dt.date(2026, 6, 18), "investigation"),
        (dt.date(2026, 7, 15), "summary"),
        (dt.date(2026, 9, 10), "symposium"),
    ]:
        do(
            day,
            services.record_committee_activity,
            m1,
            actor=y.member,
            kind=kind,
            occurred_on=day,
            title=f"{kind}活动",
            participants="部分市人大代表",
        )
    m2 = _motion(y, "m2", "城区停车")
    s10 = do(
        dt.date(2026, 1, 22), services.convert_motion, m2, actor=y.staff, meeting="主席团第三次会议"
    )
    y.s["s10"] = s10
