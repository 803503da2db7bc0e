"""The objects the permission matrix opens: for every kind of page, one object that belongs to
the cast's people ("own") and one that belongs to strangers ("other").

"Own" is relative to the cast: the proposer's items (co-signed by the cosigners, assigned to
the lead unit, supervised by the committee), the lead officer's report jobs, the proposer's
notifications, the lead unit's indicators. "Other" is the same kind of object belonging to a
second cast that shares nobody with the first.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.accounts.models import LoginLock, User
from renda.congress.models import CongressSettings
from renda.indicators import services as indicator_services
from renda.indicators.models import Indicator, IndicatorSystem, IndicatorValue
from renda.indicators.regions import city_region
from renda.indicators.tests.builders import current, spec, system_with
from renda.notifications.models import Notification
from renda.proposals.models import Disclosure, Kind, Proposal, Reply, ReplyDraft
from renda.proposals.tests.builders import build_item
from renda.reports.models import JobKind, JobStatus, ReportJob
from renda.testing.personas import Cast, make_cast
from renda.textmining.indexing import reindex
from renda.textmining.models import DuplicateFlag

PDF = b"%PDF-1.4\n%renda test attachment\n"


@dataclass
class Side:
    """One set of objects: the cast's own, or a stranger's."""

    cast: Cast
    draft: Proposal  # a suggestion still being drafted
    submitted: Proposal  # a suggestion awaiting staff's review
    accepted: Proposal  # an accepted suggestion, to be assigned
    motion: Proposal  # a motion under review, awaiting the presidium's decision
    handling: Proposal  # a suggestion in handling, with a reply draft of the lead unit
    reply_draft: ReplyDraft
    replied: Proposal  # a replied suggestion whose reply has a document (own: published)
    reply: Reply
    notification: Notification
    job: ReportJob  # a finished export with a file, owned by the lead officer
    indicator: Indicator
    value: IndicatorValue  # a value awaiting review, with an attachment
    flag: DuplicateFlag  # the accepted suggestion flagged as a near-duplicate of the submitted
    lock: LoginLock  # the proposer's account locked at one address


@dataclass
class World:
    own: Side
    other: Side
    system: IndicatorSystem
    personas: dict[str, object]  # role name → user (AnonymousUser for "anonymous")

    def side(self, whose: str) -> Side:
        return self.own if whose == "own" else self.other


def personas_of(cast: Cast) -> dict[str, object]:
    """The roles of the matrix, each played by one person of the cast."""
    return {
        "anonymous": AnonymousUser(),
        "deputy": cast.proposer,
        "cosigner": cast.cosigner,
        "other_deputy": cast.outsider,
        "staff": cast.staff,
        "unit_officer": cast.lead_officer,
        "other_unit_officer": cast.other_officer,
        "committee_member": cast.committee_member,
        "presidium": cast.presidium,
        "coordinator": cast.coordinator,
        "system_admin": cast.system_admin,
        "security_admin": cast.security_admin,
        "audit_admin": cast.audit_admin,
    }


def build_world(reports_dir: Path) -> World:
    CongressSettings.current()  # made on first use: made here, so no request makes it
    own_cast, other_cast = make_cast(cosigners=2), make_cast(cosigners=1)
    system = system_with(own_cast.staff, spec(own_cast.lead_unit, "E01", name="城镇化率"))
    # The stranger's indicator: another unit's, in the same system (systems are shared).
    from renda.indicators.services import systems

    systems.apply_specs(
        system,
        [
            spec(own_cast.lead_unit, "E01", name="城镇化率"),
            spec(other_cast.lead_unit, "S01", name="森林覆盖率"),
        ],
        actor=own_cast.staff,
        retire_missing=False,
    )
    own = _side(own_cast, current(system, "E01"), reports_dir, published=True)
    other = _side(other_cast, current(system, "S01"), reports_dir, published=False)
    return World(own=own, other=other, system=system, personas=personas_of(own_cast))


def _side(cast: Cast, indicator: Indicator, reports_dir: Path, published: bool) -> Side:
    draft = build_item(cast, Kind.SUGGESTION, "draft")
    handling = build_item(cast, Kind.SUGGESTION, "in_handling")
    replied = build_item(cast, Kind.SUGGESTION, "replied")
    if published:  # the stranger's reply is not published: the public must not find it
        Proposal.objects.filter(pk=replied.pk).update(disclosure=Disclosure.PUBLIC)
    reply = replied.replies.get()
    # Contact details of the unit's officer: personal data the public pages must not show.
    reply.contact_person, reply.contact_phone = "李联系", f"1370000{cast.proposer.pk:04d}"
    reply.document.save("reply.pdf", ContentFile(PDF), save=True)
    reindex(replied)  # the builders write rows directly; the services would index it
    submitted = build_item(cast, Kind.SUGGESTION, "submitted")
    accepted = build_item(cast, Kind.SUGGESTION, "accepted")
    return Side(
        cast=cast,
        draft=draft,
        submitted=submitted,
        accepted=accepted,
        motion=build_item(cast, Kind.MOTION, "under_review"),
        handling=handling,
        reply_draft=_reply_draft(cast, handling),
        replied=replied,
        reply=reply,
        notification=Notification.objects.create(
            recipient=cast.proposer,
            kind="test",
            item=handling,
            subject="您的建议已交办",
            text="您的建议已交办",
            created_at=timezone.now(),
        ),
        job=_finished_job(cast.lead_officer, reports_dir),
        indicator=indicator,
        value=_pending_value(cast, indicator),
        flag=DuplicateFlag.objects.create(
            proposal=accepted, similar=submitted, score=0.97, flagged_at=timezone.now()
        ),
        lock=LoginLock.objects.create(
            account=cast.proposer.username,
            address="10.0.0.9",
            counted_from=timezone.now(),
            locked_until=timezone.now() + dt.timedelta(minutes=30),
        ),
    )


def _reply_draft(cast: Cast, item: Proposal) -> ReplyDraft:
    now = timezone.now()
    return ReplyDraft.objects.create(
        proposal=item,
        unit=cast.lead_unit,
        round=1,
        state=ReplyDraft.State.DRAFTING,
        result_class="A",
        body="答复草稿",
        created_by=cast.lead_officer,
        created_at=now,
        updated_at=now,
    )


def _finished_job(owner: User, reports_dir: Path) -> ReportJob:
    reports_dir.mkdir(parents=True, exist_ok=True)
    name = f"export-{owner.pk}.xlsx"
    (reports_dir / name).write_bytes(b"PK\x03\x04 not really a workbook")
    now = timezone.now()
    return ReportJob.objects.create(
        owner=owner,
        kind=JobKind.ITEM_LIST,
        status=JobStatus.SUCCEEDED,
        progress=100,
        result_path=name,
        result_name="列表.xlsx",
        summary={"rows": 1},
        created_at=now - dt.timedelta(minutes=1),
        started_at=now - dt.timedelta(minutes=1),
        finished_at=now,
    )


def _pending_value(cast: Cast, indicator: Indicator) -> IndicatorValue:
    return indicator_services.report_value(
        indicator,
        actor=cast.lead_officer,
        region=city_region(),
        year=2023,
        month=12,
        value=Decimal("55"),
        source_note="2023年统计公报",
        attachment=SimpleUploadedFile("公报.pdf", PDF, content_type="application/pdf"),
    )
