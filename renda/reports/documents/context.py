"""What the Word templates can say: plain dictionaries of numbers and words, built from the
statistics selectors, so a staff member editing a template needs no code.

Handling report (办理情况的报告) variables:
  scope_title, scope_phrase, suggestion_phrase, author, report_date, as_of, numbers
  motions.{received, listed, converted, not_accepted, awaiting}
  suggestions.{received, from_motions, session, interim, accepted, transferred, assigned,
               closed, units}
  handling.{assigned, replied, reply_rate, overdue, on_time_rate, contact_rate, class_a…class_d,
            a_share…d_share, evaluated, satisfied, basically_satisfied, unsatisfied,
            satisfaction_rate, no_feedback, rehandled, key_supervised, closed}
  activities.{investigations, hearings, summaries, symposiums, total}
  contacts.{visit, phone, symposium, site, other, total}, contacts_text
  categories / delegations: [{n, name, motions, suggestions, total}], categories_text
  units: [{n, name, led, co, replied, class_a, class_b, class_c, on_time_rate, contact_rate,
           satisfaction_rate, rehandled, overdue}], overdue_units_text
  listed_motions: [{title, number, proposers, referred_to, meeting, committee, leader, units,
                    activities{…}, activity_list[{date, kind, title, participants}], progress[]}]
  key_items: [{number, title, proposer, committee, leader, lead_unit, status}]
Unit report: scope_*, addressee, report_date, as_of, unit.{name, total, led, co, …handling
  figures…}, items[{number, title, proposer, role, replied, result_class, evaluation}].
Reply letter: result_class, class_words, unit, reference, title, letters[{addressee, you,
  evaluation_form}] (one per deputy, or one listing them), addressee (the lead deputy),
  paragraphs[], reply_date, signed_by, contact_person, contact_phone, copy_to, round,
  form.{deputy, delegation, months, return_to} (the evaluation form, 征询意见表).
"""

import dataclasses

from django.db.models import Prefetch
from django.utils import timezone

from renda.congress.models import CongressSettings, Organization, ReplyLetters
from renda.core import clock
from renda.proposals.lifecycles import lifecycle_of
from renda.proposals.models import (
    Assignment,
    CommitteeActivity,
    HandlingRecord,
    Proposal,
    ProposalEvent,
    Reply,
    Satisfaction,
    Signature,
)
from renda.reports import statistics as st
from renda.reports.exporters.lists import with_details
from renda.reports.scope import ReportScope, chinese_date

NUMBERS = "一二三四五六七八九十"
CONTACT_WORDS = {
    "visit": "登门走访",
    "symposium": "座谈交流",
    "phone": "电话沟通",
    "site": "现场查看",
    "other": "其他方式",
}
ACTIVITY_WORDS = {
    "investigation": "调研视察",
    "hearing": "听取汇报",
    "summary": "书面总结",
    "symposium": "座谈会",
}


def _author() -> str:
    return f"{CongressSettings.current().name}常务委员会"


def figures_dict(f: st.HandlingFigures) -> dict:
    out = dataclasses.asdict(f)
    for name in (
        "reply_rate",
        "on_time_rate",
        "contact_rate",
        "a_share",
        "b_share",
        "c_share",
        "d_share",
        "satisfaction_rate",
    ):
        out[name] = getattr(f, name).percent
    return out


def _buckets(buckets: list[st.Bucket]) -> list[dict]:
    return [
        {
            "n": n,
            "name": b.label,
            "motions": b.motions,
            "suggestions": b.suggestions,
            "total": b.total,
        }
        for n, b in enumerate(buckets, start=1)
    ]


def handling_report_context(scope: ReportScope) -> dict:
    """Everything the handling report template may use (a fixed number of queries)."""
    items = scope.items()
    stats = st.compute_statistics(items)
    c = stats.counts
    listed = _listed_motions(items)
    return {
        "scope_title": scope.title,
        "scope_phrase": scope.phrase,
        "suggestion_phrase": "大会期间和闭会期间，" if scope.session else "",
        "author": _author(),
        "report_date": chinese_date(clock.today()),
        "as_of": chinese_date(stats.today),
        "numbers": list(NUMBERS[1:4] if listed else NUMBERS[0:3]),
        "motions": {
            "received": c.motions,
            "listed": c.motions_listed,
            "converted": c.motions_converted,
            "not_accepted": c.motions_not_accepted,
            "awaiting": c.motions_awaiting_decision,
        },
        "suggestions": {
            "received": c.suggestions,
            "from_motions": c.suggestions_from_motions,
            "session": c.suggestions_session,
            "interim": c.suggestions_interim,
            "accepted": c.suggestions_accepted,
            "transferred": c.suggestions_transferred,
            "assigned": c.suggestions_assigned,
            "closed": c.suggestions_closed,
            "units": sum(1 for u in stats.units if u.figures.assigned),
        },
        "handling": figures_dict(stats.overall),
        "activities": {**dataclasses.asdict(stats.activities), "total": stats.activities.total},
        **_contacts(stats.contacts),
        **_breakdowns(stats),
        "units": _unit_rows(stats.units),
        "overdue_units_text": "、".join(
            f"{u.name}{u.figures.overdue}件" for u in stats.units if u.figures.overdue
        ),
        "listed_motions": listed,
        "key_items": key_item_rows(items),
    }


def _contacts(contacts: dict[str, int]) -> dict:
    counts = {method: contacts.get(method, 0) for method in CONTACT_WORDS}
    text = "、".join(
        f"{CONTACT_WORDS[m]}{n}次" for m, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n
    )
    return {"contacts": {**counts, "total": sum(counts.values())}, "contacts_text": text}


def _breakdowns(stats: st.Statistics) -> dict:
    suggestions = [b for b in stats.by_category if b.suggestions]
    text = "、".join(
        f"{b.label}类{b.suggestions}件" for b in sorted(suggestions, key=lambda b: -b.suggestions)
    )
    return {
        "categories": _buckets(stats.by_category),
        "delegations": _buckets(stats.by_delegation),
        "categories_text": text,
    }


def _unit_rows(units: list[st.UnitFigures]) -> list[dict]:
    return [
        {
            "n": n,
            "name": u.name,
            "led": u.figures.assigned,
            "co": u.co_assigned,
            "replied": u.figures.replied,
            "class_a": u.figures.class_a,
            "class_b": u.figures.class_b,
            "class_c": u.figures.class_c,
            "on_time_rate": u.figures.on_time_rate.percent,
            "contact_rate": u.figures.contact_rate.percent,
            "satisfaction_rate": u.figures.satisfaction_rate.percent,
            "rehandled": u.figures.rehandled,
            "overdue": u.figures.overdue,
        }
        for n, u in enumerate(units, start=1)
    ]


def key_item_rows(items) -> list[dict]:
    rows = []
    for k in st.key_supervised_items(items):
        rows.append(
            {
                "number": k.display_number,
                "title": k.title,
                "proposer": k.lead_deputy.name if k.lead_deputy_id else "",
                "committee": k.lead_committee.name if k.lead_committee_id else "",
                "leader": k.supervising_leader,
                "lead_unit": k.lead_unit_name or "",
                "status": _key_status(k),
            }
        )
    return rows


def _key_status(k: Proposal) -> str:
    if k.latest_class:
        return f"已答复（{k.latest_class}类）"
    return lifecycle_of(k).state_label(k.state)


def _listed_motions(items) -> list[dict]:
    motions = list(st.listed_motions(items))
    ids = [m.pk for m in motions]
    referred = dict(
        ProposalEvent.objects.filter(proposal__in=ids, action="motion.refer")
        .order_by("at")
        .values_list("proposal_id", "data__committee")
    )
    units: dict[int, list[str]] = {}
    for pid, name in (
        Assignment.objects.filter(proposal__in=ids, active=True)
        .order_by("-role", "pk")
        .values_list("proposal_id", "unit__name")
    ):
        units.setdefault(pid, []).append(name)
    activities: dict[int, list[CommitteeActivity]] = {}
    for a in CommitteeActivity.objects.filter(proposal__in=ids).order_by("occurred_on", "pk"):
        activities.setdefault(a.proposal_id, []).append(a)
    progress: dict[int, list[str]] = {}
    for pid, text in (
        HandlingRecord.objects.filter(proposal__in=ids, kind=HandlingRecord.Kind.PROGRESS)
        .order_by("occurred_on", "pk")
        .values_list("proposal_id", "content")
    ):
        progress.setdefault(pid, []).append(text)
    return [
        _motion_row(
            m,
            referred.get(m.pk),
            units.get(m.pk, []),
            activities.get(m.pk, []),
            progress.get(m.pk, []),
        )
        for m in motions
    ]


def _motion_row(m, referred_to, units, activities, progress) -> dict:
    proposers = (
        f"{m.delegation.name if m.delegation_id else ''}{m.lead_deputy.name}等{m.signers}位代表"
        if m.lead_deputy_id
        else str(m.proposer_org or m.delegation or "")
    )
    counts = {name: 0 for name in ("investigations", "hearings", "summaries", "symposiums")}
    for a in activities:
        counts[st.ACTIVITY_FIELDS[a.kind]] += 1
    return {
        "title": m.title,
        "number": m.display_number,
        "proposers": proposers,
        "referred_to": referred_to or "",
        "meeting": m.decision_meeting,
        "committee": m.lead_committee.name if m.lead_committee_id else "",
        "leader": m.supervising_leader,
        "units": "、".join(units),
        "activities": counts,
        "activity_list": [
            {
                "date": chinese_date(a.occurred_on),
                "kind": ACTIVITY_WORDS[a.kind],
                "title": a.title,
                "participants": a.participants,
            }
            for a in activities
        ],
        "progress": [p for text in progress for p in text.splitlines() if p.strip()],
    }


# -- a unit's report ---------------------------------------------------------------------------


def unit_report_context(scope: ReportScope, unit: Organization) -> dict:
    items = scope.items()
    mine = items.filter(assignments__unit=unit, assignments__active=True).distinct()
    [figures] = [u for u in st.unit_figures(mine) if u.unit_id == unit.pk] or [
        st.UnitFigures(unit.pk, unit.name, st.HandlingFigures(), 0)
    ]
    f = figures.figures
    return {
        "scope_title": scope.title,
        "scope_phrase": scope.phrase,
        "addressee": _author(),
        "report_date": chinese_date(clock.today()),
        "as_of": chinese_date(clock.today()),
        "unit": {
            **figures_dict(f),
            "name": unit.name,
            "led": f.assigned,
            "co": figures.co_assigned,
            "total": f.assigned + figures.co_assigned,
        },
        "items": _unit_items(mine, unit),
    }


def _unit_items(items, unit: Organization) -> list[dict]:
    roles = dict(
        Assignment.objects.filter(
            unit=unit, active=True, proposal__in=items.values("pk")
        ).values_list("proposal_id", "role")
    )
    labels = dict(Satisfaction.choices)
    rows = []
    for p in with_details(items.filter(kind="suggestion")).order_by("period", "number", "pk"):
        replies = p.all_replies
        evaluations = [e for r in replies for e in r.evaluations.all()]
        rows.append(
            {
                "number": p.display_number,
                "title": p.title,
                "proposer": p.lead_deputy.name if p.lead_deputy_id else "",
                "role": "主办" if roles.get(p.pk) == Assignment.Role.LEAD else "协办",
                "replied": chinese_date(timezone.localdate(replies[0].replied_at))
                if replies
                else "",
                "result_class": replies[-1].result_class if replies else "",
                "evaluation": str(labels[evaluations[-1].result]) if evaluations else "",
            }
        )
    return rows


# -- a reply letter ----------------------------------------------------------------------------

CLASS_WORDS = {
    "A": "所提问题已经解决或基本解决",
    "B": "正在解决或已列入计划逐步解决",
    "C": "因条件限制或其他原因需以后解决",
    "D": "留作参考",
}


def reply_letter_context(reply: Reply) -> dict:
    """答复函: one letter to each deputy who signed the suggestion, or one letter listing them
    (CongressSettings.reply_letters); the lead deputy's letter carries the evaluation form."""
    p = (
        Proposal.objects.select_related("lead_deputy__delegation", "delegation", "session__term")
        .prefetch_related(
            Prefetch(
                "signatures",
                queryset=Signature.objects.filter(status="confirmed", is_lead=False).select_related(
                    "deputy"
                ),
                to_attr="cosignatures",
            )
        )
        .get(pk=reply.proposal_id)
    )
    config = CongressSettings.current()
    lead = f"{p.lead_deputy.name}代表" if p.lead_deputy_id else str(p.delegation or "")
    names = [lead, *(f"{s.deputy.name}代表" for s in p.cosignatures)]
    return {
        "result_class": reply.result_class,
        "class_words": CLASS_WORDS.get(reply.result_class, ""),
        "unit": reply.unit.name,
        "reference": p.reference,
        "title": p.title,
        "addressee": lead,
        "letters": _letters(names, config.reply_letters),
        "paragraphs": [t.strip() for t in reply.body.splitlines() if t.strip()],
        "reply_date": chinese_date(timezone.localdate(reply.replied_at)),
        "signed_by": reply.signed_by_name,
        "contact_person": reply.contact_person,
        "contact_phone": reply.contact_phone,
        "copy_to": f"{config.short_name}人大常委会代表工作委员会",
        "round": reply.round,
        "form": {
            "deputy": p.lead_deputy.name if p.lead_deputy_id else "",
            "delegation": p.delegation.name if p.delegation_id else "",
            "months": config.evaluation_months,
            "return_to": f"{config.short_name}人大常委会代表工作委员会",
        },
    }


def _letters(names: list[str], mode: str) -> list[dict]:
    """Each letter's addressee ("you" is 您 for one deputy, 你们 for several); the first
    letter — the lead deputy's — carries the evaluation form (征询意见表)."""
    if mode == ReplyLetters.JOINT or len(names) == 1:
        you = "您" if len(names) == 1 else "你们"
        return [{"addressee": "、".join(names), "you": you, "evaluation_form": True}]
    return [
        {"addressee": name, "you": "您", "evaluation_form": i == 0} for i, name in enumerate(names)
    ]
