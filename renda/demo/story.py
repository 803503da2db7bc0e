"""The demo's 2026: the ninth session's motions and suggestions and the year of handling that
followed, replayed through the lifecycle services at the dates they happened, so every item
has a true history."""

import datetime as dt
import random

from renda.accounts.models import Role, User
from renda.congress import calendar
from renda.core import clock
from renda.demo.structure import at, unit_officers
from renda.demo.texts import CATEGORIES, MOTIONS, REPLIES
from renda.proposals import services
from renda.proposals.models import Kind, Proposal

SESSION_DAYS = [dt.date(2026, 1, 20), dt.date(2026, 1, 21), dt.date(2026, 1, 22)]
ASSIGNMENT_DAY = dt.date(2026, 2, 26)  # after the Spring Festival holiday
LAST_DAY = dt.date(2026, 11, 20)  # the demo's "yesterday": nothing is dated later

# How a session suggestion's year went, with weights.
SESSION_FATES = [
    ("closed", 70),
    ("closed_late", 8),
    ("closed_rehandled", 4),
    ("no_feedback", 3),
    ("awaiting_evaluation", 4),
    ("rehandling", 2),
    ("overdue", 4),
    ("transferred", 3),
    ("withdrawn", 1),
    ("returned_then_closed", 1),
]


class Story:
    def __init__(self, world: dict, users: dict[str, User], rng: random.Random):
        self.w, self.rng = world, rng
        self.staff, self.presidium = users["staff"], users["presidium"]
        self.deputy_user = {
            u.deputy_id: u for u in User.objects.filter(role=Role.DEPUTY).select_related("deputy")
        }
        self.officers = unit_officers(world["orgs"])
        self.unit_users: dict[int, list[User]] = {}
        for user in User.objects.filter(role=Role.UNIT_OFFICER).order_by("pk"):
            self.unit_users.setdefault(user.organization_id, []).append(user)
        self.demo_deputy = users["deputy"].deputy
        self.count = 0

    # -- helpers ---------------------------------------------------------------------------
    def do(self, when: dt.datetime, fn, *args, **kwargs):
        with clock.travel(when):
            return fn(*args, **kwargs)

    def user_of(self, deputy) -> User:
        return self.deputy_user[deputy.pk]

    def officer(self, unit) -> User:
        return self.officers[unit.pk]

    def workday(self, day: dt.date, plus: int) -> dt.date:
        return min(calendar.add_working_days(day, plus), LAST_DAY)

    def text(self, category: str, deputy) -> tuple[str, str, dict]:
        bank = CATEGORIES[category]
        places = self.w["towns"][deputy.delegation_id]
        roads = self.rng.sample(_roads(), 2)
        fill = {
            "county": deputy.delegation.region.name if deputy.delegation.region else "我市",
            "town": self.rng.choice(places),
            "road": roads[0],
            "road2": roads[1],
            "river": self.rng.choice(_rivers()),
        }
        chosen = self.rng.choice(bank["topics"])
        title = chosen["title"].format(**fill)
        asks = self.rng.sample(chosen["asks"], 3)
        body = (
            "".join(p.format(**fill) for p in chosen["problems"])
            + "为此，建议：\n"
            + "\n".join(f"{n}是{a.format(**fill)}" for n, a in zip("一二三", asks, strict=True))
        )
        fill["ask"] = asks[0].format(**fill)
        return title, body, fill

    # -- motions ---------------------------------------------------------------------------
    def motions(self) -> list[Proposal]:
        """Fifteen motions; the presidium refers the pilot-zone motion to the standing
        committee, which lists it; the other fourteen are handled as suggestions."""
        deputies = self.w["deputies"]
        motions = []
        for i, (title, category) in enumerate(MOTIONS):
            lead = deputies[5 + i * 23]
            pool = [d for d in deputies if d.delegation_id == lead.delegation_id and d != lead]
            signers = self.rng.sample(pool, 21 if i == 0 else self.rng.randint(10, 15))
            motions.append(self.motion(i, title, category, lead, signers))
        for m in motions:
            self.do(at(dt.date(2026, 1, 21), 15), services.begin_review, m, actor=self.staff)
        orgs = self.w["orgs"]
        meeting = "大会主席团第三次会议"
        self.do(
            at(dt.date(2026, 1, 22), 10),
            services.refer_motion,
            motions[0],
            actor=self.presidium,
            committee=orgs["颍川市人大常委会"],
            meeting=meeting,
        )
        converted = [
            self.do(
                at(dt.date(2026, 1, 22), 10, 5 + i),
                services.convert_motion,
                m,
                actor=self.presidium,
                meeting=meeting,
            )
            for i, m in enumerate(motions[1:])
        ]
        self.pilot_zone(motions[0])
        return converted

    def motion(self, i, title, category, lead, signers) -> Proposal:
        topic = title.removeprefix("关于").removesuffix("的议案")
        start = at(SESSION_DAYS[0], 9 + i % 9, 10)
        m = self.do(
            start,
            services.create_draft,
            actor=self.user_of(lead),
            kind=Kind.MOTION,
            title=title,
            category=self.w["categories"][category],
            session=self.w["session"],
            reasons=_MOTION_REASONS.format(topic=topic),
            plan=_MOTION_PLAN.format(topic=topic),
        )
        self.do(
            start + dt.timedelta(minutes=15),
            services.invite_cosigners,
            m,
            actor=self.user_of(lead),
            deputies=signers,
        )
        for k, d in enumerate(signers):
            self.do(
                start + dt.timedelta(minutes=30 + 3 * k),
                services.confirm_signature,
                m,
                actor=self.user_of(d),
            )
        self.do(start + dt.timedelta(hours=2), services.submit, m, actor=self.user_of(lead))
        return m

    def pilot_zone(self, m: Proposal) -> None:
        orgs = self.w["orgs"]
        self.do(
            at(dt.date(2026, 3, 26), 15),
            services.list_motion,
            m,
            actor=self.staff,
            meeting="市七届人大常委会第五十一次会议",
        )
        units = [
            orgs[n]
            for n in (
                "市发展和改革委员会",
                "市农业农村局",
                "市乡村振兴局",
                "市城乡融合发展服务中心",
            )
        ]
        self.do(
            at(dt.date(2026, 4, 2), 10),
            services.start_motion_handling,
            m,
            actor=self.staff,
            lead_committee=orgs["市人大城乡融合发展委员会"],
            units=units,
            leader="市人大常委会副主任吕振华",
        )
        member = self.officer(orgs["市人大城乡融合发展委员会"])
        for day, kind, title, participants in _PILOT_ACTIVITIES:
            self.do(
                at(day, 16),
                services.record_committee_activity,
                m,
                actor=member,
                kind=kind,
                occurred_on=day,
                title=title,
                participants=participants,
            )
        self.do(
            at(dt.date(2026, 7, 10), 11),
            services.record_progress,
            m,
            actor=self.officer(units[0]),
            occurred_on=dt.date(2026, 7, 10),
            content=_PILOT_PROGRESS,
        )

    # -- suggestions -----------------------------------------------------------------------
    def session_suggestions(self, converted: list[Proposal], count: int) -> None:
        for s in converted:
            self.handle(s, self.fate(), accepted=True)
        for _ in range(count):
            lead = self.rng.choice(self.w["deputies"])
            day = self.rng.choice(SESSION_DAYS)
            s = self.draft(lead, at(day, self.rng.randint(8, 20), self.rng.randint(0, 59)))
            self.handle(s, self.fate())

    def fate(self) -> str:
        names, weights = zip(*SESSION_FATES, strict=True)
        return self.rng.choices(names, weights)[0]

    def draft(self, lead, when: dt.datetime, category: str | None = None) -> Proposal:
        category = category or self.rng.choice(list(CATEGORIES))
        title, body, _fill = self.text(category, lead)
        s = self.do(
            when,
            services.create_draft,
            actor=self.user_of(lead),
            kind=Kind.SUGGESTION,
            title=title,
            body=body,
            category=self.w["categories"][category],
        )
        if self.rng.random() < 0.3:
            pool = [d for d in self.w["deputies"] if d.delegation_id == lead.delegation_id]
            co = [d for d in self.rng.sample(pool, 3) if d != lead][: self.rng.randint(1, 2)]
            self.do(
                when + dt.timedelta(minutes=5),
                services.invite_cosigners,
                s,
                actor=self.user_of(lead),
                deputies=co,
            )
            for k, d in enumerate(co):
                self.do(
                    when + dt.timedelta(minutes=20 + k),
                    services.confirm_signature,
                    s,
                    actor=self.user_of(d),
                )
        self.do(when + dt.timedelta(hours=1), services.submit, s, actor=self.user_of(lead))
        self.count += 1
        return s

    def handle(
        self, s: Proposal, fate: str, accepted: bool = False, assign_on: dt.date = ASSIGNMENT_DAY
    ) -> None:
        """Take `s` from submitted (or accepted) as far as its fate says."""
        submitted = s.submitted_at.date()
        review = at(self.workday(max(submitted, dt.date(2026, 1, 23)), self.rng.randint(1, 8)), 10)
        if not accepted and not self.review(s, fate, review):
            return
        self.assign(s, max(assign_on, review.date()), fate)

    def review(self, s: Proposal, fate: str, when: dt.datetime) -> bool:
        if fate == "withdrawn":
            self.do(
                when,
                services.withdraw,
                s,
                actor=self.user_of(s.lead_deputy),
                reason="问题已在会后协调解决，申请撤回。",
            )
            return False
        if fate == "transferred":
            self.do(
                when,
                services.transfer_suggestion,
                s,
                actor=self.staff,
                reason="所提问题属于个人具体诉求，转市信访局按来信处理。",
            )
            return False
        if fate == "returned_then_closed":
            self.do(
                when,
                services.return_for_revision,
                s,
                actor=self.staff,
                reason="建议内容涉及多个事项，请按一事一议修改后重新提交。",
            )
            self.do(
                when + dt.timedelta(days=1),
                services.update_draft,
                s,
                actor=self.user_of(s.lead_deputy),
                body=s.body.split("为此")[0] + "为此，建议：\n一是尽快研究解决。",
            )
            self.do(
                when + dt.timedelta(days=1, hours=2),
                services.submit,
                s,
                actor=self.user_of(s.lead_deputy),
            )
            when += dt.timedelta(days=2)
        self.do(when, services.accept_suggestion, s, actor=self.staff)
        return True

    def assign(self, s: Proposal, day: dt.date, fate: str) -> None:
        bank = CATEGORIES[s.category.name]
        orgs = self.w["orgs"]
        lead_name = bank["lead"][0] if self.rng.random() < 0.6 else self.rng.choice(bank["lead"])
        co = self.rng.sample(bank["co"], self.rng.choice([0, 0, 1, 1, 2]))
        co = [orgs[n] for n in co if n != lead_name]
        lead = orgs[lead_name]
        self.do(
            at(day, 10),
            services.assign_suggestion,
            s,
            actor=self.staff,
            lead_unit=lead,
            co_units=co,
        )
        if self.rng.random() < 0.05:
            self.do(
                at(day, 11),
                services.mark_key_supervised,
                s,
                actor=self.staff,
                committee=orgs[bank["committee"]],
                leader="市人大常委会副主任吕振华",
            )
        lead = self.maybe_reassign(s, day, lead, bank)
        if fate == "not_signed":
            return
        signed = self.workday(day, self.rng.randint(1, 4))
        self.do(at(signed, 9, 30), services.sign_for, s, actor=self.officer(lead))
        replied = self.reply_day(s, signed, fate)
        for unit in co:
            self.co_unit(s, unit, signed, replied)
        self.carry_on(s, lead, signed, replied, fate)

    def maybe_reassign(self, s, day, lead, bank):
        roll = self.rng.random()
        if roll > 0.04:
            return lead
        orgs = self.w["orgs"]
        taken = set(s.assignments.filter(active=True).values_list("unit_id", flat=True))
        other = next(orgs[n] for n in bank["lead"] + bank["co"] if orgs[n].pk not in taken)
        req = self.do(
            at(self.workday(day, 2), 15),
            services.request_reassignment,
            s,
            actor=self.officer(lead),
            suggested_unit=other,
            reason=f"经研究，该建议所提事项主要属于{other.name}职责范围，申请调整承办单位。",
        )
        decided = at(self.workday(day, 4), 10)
        if roll < 0.025:
            self.do(decided, services.approve_reassignment, s, actor=self.staff, request=req)
            return other
        self.do(
            decided,
            services.deny_reassignment,
            s,
            actor=self.staff,
            request=req,
            note="该事项属于你单位职责范围，请按期办理。",
        )
        return lead

    def co_unit(self, s, unit, signed: dt.date, replied: dt.date | None) -> None:
        officer = self.officer(unit)
        self.do(at(self.workday(signed, 1), 10), services.co_sign_for, s, actor=officer)
        opinion_day = self.workday(signed, self.rng.randint(5, 25))
        if replied is not None:
            opinion_day = min(opinion_day, replied - dt.timedelta(days=1))
        self.do(
            at(opinion_day, 16),
            services.submit_co_opinion,
            s,
            actor=officer,
            opinion=f"我单位同意主办单位的办理意见，将在职责范围内配合做好{s.category.name}相关工作。",
        )

    def carry_on(self, s, lead, signed: dt.date, replied: dt.date | None, fate: str) -> None:
        officer = self.officer(lead)
        if self.rng.random() < 0.9 or fate == "overdue":
            contact = self.workday(signed, self.rng.randint(3, 25))
            if replied is not None:
                contact = min(contact, replied - dt.timedelta(days=2))
            method = self.rng.choice(["visit", "visit", "phone", "symposium", "site"])
            self.do(
                at(contact, 15),
                services.record_contact,
                s,
                actor=officer,
                method=method,
                occurred_on=contact,
                content=_CONTACT[method],
            )
        if replied is None:
            if fate == "overdue":
                progress = self.workday(signed, 40)
                self.do(
                    at(progress, 11),
                    services.record_progress,
                    s,
                    actor=officer,
                    occurred_on=progress,
                    content="已完成前期调研，方案正在报批。",
                )
            return
        self.reply(s, officer, replied, fate)
        self.evaluate(s, officer, replied, fate)

    def reply_day(self, s, signed: dt.date, fate: str) -> dt.date | None:
        """When the lead unit replies (None: not yet); never sooner than ten working days
        after signing for the item."""
        if fate in ("overdue", "in_handling", "not_signed"):
            return None
        due = s.due_date
        if fate in ("awaiting_evaluation", "rehandling"):
            day = self.workday(
                max(dt.date(2026, 10, 12), due - dt.timedelta(days=20)), self.rng.randint(0, 20)
            )
        elif fate == "closed_late":
            day = self.workday(due, self.rng.randint(3, 30))
        else:
            day = self.workday(due - dt.timedelta(days=self.rng.randint(15, 60)), 0)
        return max(day, self.workday(signed, 10))

    def reply(self, s, officer, day: dt.date, fate: str, round_two: bool = False) -> None:
        klass = "A" if round_two else self.rng.choices("ABC", [55, 38, 7])[0]
        fill = {
            "title": s.title,
            "town": "相关县（市、区）",
            "ask": "",
            "ask_short": s.title.removeprefix("关于").removesuffix("的建议"),
            "money": self.rng.randint(5, 200) * 10,
            "year": 2026,
            "promise": self.rng.choice(["2026年12月底", "2027年6月底"]),
            "co": "有关部门",
        }
        fill["ask"] = f"围绕“{fill['ask_short']}”制定了专项工作方案。"
        body = self.rng.choice(REPLIES[klass]).format(**fill)
        promised = self.promise(day) if klass == "B" else None
        self.walk_reply(s, day, klass, body, promised, officer)
        if promised is not None:
            self.follow_up(s, officer, promised)

    def promise(self, replied: dt.date) -> dt.date:
        return self.rng.choice(
            [replied + dt.timedelta(days=120), dt.date(2026, 12, 31), dt.date(2027, 6, 30)]
        )

    def walk_reply(self, s, day: dt.date, klass: str, body: str, promised, officer) -> None:
        """The reply's path over the days before `day`: drafted, checked, signed off,
        countersigned by the co-units, reviewed and released by congress staff."""
        unit = s.assignments.get(active=True, role="lead").unit
        drafter = self.duty_officer(unit, "draft")
        start = day - dt.timedelta(days=4)
        draft = self.do(
            at(start, 10),
            services.start_reply,
            s,
            actor=drafter,
            result_class=klass,
            body=body,
            promised_date=promised,
            contact_person=drafter.full_name,
            contact_phone="0374-5128866",
        )
        self.do(at(start, 11), services.submit_reply_for_check, draft, actor=drafter)
        self.do(
            at(start + dt.timedelta(days=1), 10),
            services.check_reply,
            draft,
            actor=self.duty_officer(unit, "check"),
        )
        self.do(
            at(start + dt.timedelta(days=2), 9),
            services.sign_off_reply,
            draft,
            actor=self.duty_officer(unit, "sign"),
            signed_by_name="分管负责同志",
        )
        for co in s.assignments.filter(active=True, role="co").select_related("unit"):
            self.do(
                at(start + dt.timedelta(days=3), 10),
                services.countersign_reply,
                draft,
                actor=self.officer(co.unit),
                agreed=True,
            )
        self.do(at(day, 16), services.release_reply, draft, actor=self.staff)

    def duty_officer(self, unit, duty: str) -> User:
        for user in self.unit_users.get(unit.pk, []):
            if user.has_reply_duty(duty):
                return user
        return self.officer(unit)

    def follow_up(self, s, officer, promised: dt.date) -> None:
        """Most class-B items promised before today were solved; some were explained; a few
        are still open past their date (flagged)."""
        if promised >= LAST_DAY:
            return
        roll = self.rng.random()
        when = at(min(promised - dt.timedelta(days=10), LAST_DAY), 15)
        self.do(when, services.record_follow_up, s, actor=officer, content="项目已按计划推进。")
        if roll < 0.6:
            self.do(
                when + dt.timedelta(days=1),
                services.follow_up_reply,
                s,
                actor=officer,
                body="该问题已经解决，相关工程已竣工并投入使用。",
            )
        elif roll < 0.8:
            self.do(
                when + dt.timedelta(days=1),
                services.explain_follow_up,
                s,
                actor=officer,
                explanation="受上级资金安排调整影响，项目推迟至明年实施，已向代表当面说明。",
            )

    def evaluate(self, s, officer, replied: dt.date, fate: str) -> None:
        lead_user = self.user_of(s.lead_deputy)
        if fate == "awaiting_evaluation":
            return
        if fate == "no_feedback":
            close = calendar.add_working_days(replied, 30)
            if close <= LAST_DAY:  # otherwise the deputy still has time to answer
                self.do(at(close, 10), services.close_without_feedback, s, actor=self.staff)
            return
        day = min(replied + dt.timedelta(days=self.rng.randint(4, 20)), LAST_DAY)
        if fate in ("closed_rehandled", "rehandling"):
            self.do(
                at(day, 20),
                services.evaluate_reply,
                s,
                actor=lead_user,
                result="unsatisfied",
                comment="答复内容比较笼统，问题没有实质性进展，希望承办单位拿出具体措施。",
            )
            if fate == "rehandling":
                return
            again = self.workday(day, self.rng.randint(10, 18))
            self.reply(s, officer, again, fate, round_two=True)
            day = min(again + dt.timedelta(days=self.rng.randint(3, 10)), LAST_DAY)
        result = self.rng.choices(["satisfied", "basically"], [72, 28])[0]
        self.do(
            at(day, 20, 30),
            services.evaluate_reply,
            s,
            actor=lead_user,
            result=result,
            comment="" if result == "satisfied" else "希望继续跟踪落实。",
        )

    # -- between sessions ------------------------------------------------------------------
    def interim_suggestions(self, count: int) -> None:
        start, span = dt.date(2026, 3, 5), (LAST_DAY - dt.date(2026, 3, 5)).days
        for i in range(count):
            # denser towards the present, so every early state has a few items
            day = start + dt.timedelta(days=int(span * (1 - (1 - i / count) ** 2)))
            lead = self.rng.choice(self.w["deputies"])
            recent = (LAST_DAY - day).days < 40  # the demo units' desks get the recent ones
            category = self.rng.choice(["交通运输", "城乡建设"]) if recent else None
            s = self.draft(lead, at(day, 10), category)
            self.interim_handle(s, day)

    def interim_handle(self, s: Proposal, day: dt.date) -> None:
        age = (LAST_DAY - day).days
        if age < 4:
            return  # just submitted: awaiting review
        review = at(self.workday(day, 2), 10)
        self.do(review, services.accept_suggestion, s, actor=self.staff)
        if age < 9:
            return  # accepted, to be assigned
        assign_day = self.workday(review.date(), 3)
        if age < 14:
            return self.assign(s, assign_day, "not_signed")
        if age < 100:
            return self.assign(
                s,
                assign_day,
                "in_handling" if age < 70 else self.rng.choice(["closed", "awaiting_evaluation"]),
            )
        self.assign(s, assign_day, self.fate_without_review())

    def fate_without_review(self) -> str:
        fate = self.fate()
        return "closed" if fate in ("transferred", "withdrawn", "returned_then_closed") else fate

    # -- the demo deputy's own desk ---------------------------------------------------------
    def demo_deputy_items(self, users: dict[str, User], next_session) -> None:
        """Items for the `deputy` account: a reply to evaluate, one in handling, one waiting
        for review, a draft suggestion with an invitation to `deputy2`, and a motion being
        signed for the next session."""
        d = self.demo_deputy
        s = self.draft(d, at(dt.date(2026, 8, 3), 9), "交通运输")
        self.review(s, "closed", at(dt.date(2026, 8, 5), 10))
        self.assign(s, dt.date(2026, 8, 10), "awaiting_evaluation")
        s = self.draft(d, at(dt.date(2026, 10, 9), 9), "城乡建设")
        self.review(s, "closed", at(dt.date(2026, 10, 12), 10))
        self.assign(s, dt.date(2026, 10, 15), "in_handling")
        self.draft(d, at(dt.date(2026, 11, 19), 9), "教育")
        title, body, _ = self.text("医疗卫生", d)
        draft = self.do(
            at(dt.date(2026, 11, 20), 9),
            services.create_draft,
            actor=users["deputy"],
            kind=Kind.SUGGESTION,
            title=title,
            body=body,
        )
        self.do(
            at(dt.date(2026, 11, 20), 9, 5),
            services.invite_cosigners,
            draft,
            actor=users["deputy"],
            deputies=[users["deputy2"].deputy],
        )
        motion = self.do(
            at(dt.date(2026, 11, 20), 10),
            services.create_draft,
            actor=users["deputy"],
            kind=Kind.MOTION,
            session=next_session,
            title="关于加快建设颍川湖生态保护区的议案",
            reasons=_MOTION_REASONS.format(topic="颍川湖生态保护区建设"),
            plan=_MOTION_PLAN.format(topic="颍川湖生态保护区建设"),
        )
        pool = [x for x in self.w["deputies"] if x.delegation_id == d.delegation_id][1:12]
        self.do(
            at(dt.date(2026, 11, 20), 10, 10),
            services.invite_cosigners,
            motion,
            actor=users["deputy"],
            deputies=pool,
        )
        for k, signer in enumerate(pool[1:6]):  # deputy2 (pool[0]) has not answered yet
            self.do(
                at(dt.date(2026, 11, 20), 11, k),
                services.confirm_signature,
                motion,
                actor=self.user_of(signer),
            )

    def replies_under_way(self) -> None:
        """Replies of 市交通运输局 on their way: one waiting for the general office's check
        (`unit_office`), one for the supervising review (`staff`)."""
        unit = self.w["orgs"]["市交通运输局"]
        waiting = (
            Proposal.objects.filter(
                state="in_handling",
                assignments__unit=unit,
                assignments__role="lead",
                assignments__active=True,
            )
            .exclude(reply_drafts__isnull=False)
            .order_by("pk")[:2]
        )
        for n, s in enumerate(waiting):
            body = REPLIES["A"][0].format(
                title=s.title, town="相关县（市、区）", ask="已完成线路调整和站点建设。"
            )
            drafter = self.duty_officer(unit, "draft")
            draft = self.do(
                at(dt.date(2026, 11, 16 + n), 10),
                services.start_reply,
                s,
                actor=drafter,
                result_class="A",
                body=body,
                contact_person=drafter.full_name,
                contact_phone="0374-5128866",
            )
            self.do(
                at(dt.date(2026, 11, 16 + n), 11),
                services.submit_reply_for_check,
                draft,
                actor=drafter,
            )
            if n == 1:
                self.do(
                    at(dt.date(2026, 11, 18), 10),
                    services.check_reply,
                    draft,
                    actor=self.duty_officer(unit, "check"),
                )
                self.do(
                    at(dt.date(2026, 11, 19), 9),
                    services.sign_off_reply,
                    draft,
                    actor=self.duty_officer(unit, "sign"),
                )
                for co in s.assignments.filter(active=True, role="co").select_related("unit"):
                    self.do(
                        at(dt.date(2026, 11, 19), 15),
                        services.countersign_reply,
                        draft,
                        actor=self.officer(co.unit),
                        agreed=True,
                    )

    def unit_desks(self) -> None:
        """Fresh assignments for the `unit` and `unit2` accounts to sign for."""
        for day, category in [
            (dt.date(2026, 11, 11), "交通运输"),
            (dt.date(2026, 11, 12), "交通运输"),
            (dt.date(2026, 11, 12), "城乡建设"),
        ]:
            s = self.draft(self.rng.choice(self.w["deputies"]), at(day, 15), category)
            self.do(at(self.workday(day, 2), 10), services.accept_suggestion, s, actor=self.staff)
            unit = self.w["orgs"][
                "市交通运输局" if category == "交通运输" else "市住房和城乡建设局"
            ]
            self.do(
                at(dt.date(2026, 11, 19), 10),
                services.assign_suggestion,
                s,
                actor=self.staff,
                lead_unit=unit,
            )

    # -- disclosure ------------------------------------------------------------------------
    def disclose(self) -> None:
        closed = Proposal.objects.filter(kind=Kind.SUGGESTION, state="closed").order_by("pk")
        for i, s in enumerate(closed):
            when = at(
                dt.date(2026, 8, 20) if s.closed_at.date() < dt.date(2026, 8, 20) else LAST_DAY, 9
            )
            if i % 29 == 7:
                self.do(
                    when,
                    services.withhold_reply,
                    s,
                    actor=self.staff,
                    reason="答复涉及个人隐私，不予公开。",
                )
            elif i % 9 != 4:  # a few are still waiting for the next publication batch
                self.do(when, services.publish_reply, s, actor=self.staff)


def _roads():
    from renda.demo.organisations import ROADS

    return ROADS


def _rivers():
    from renda.demo.organisations import RIVERS

    return RIVERS


_MOTION_REASONS = (
    "近年来，我市在{topic}方面做了大量工作，取得了一定成效，但与人民群众的期盼和先进地区相比仍有差距："
    "一是统筹推进机制不够健全，部门之间协调配合不够；二是政策支持和资金投入不足；"
    "三是基层落实不够到位，群众获得感不强。以议案形式推动{topic}，十分必要。"
)
_MOTION_PLAN = (
    "一、建议市政府把{topic}列入年度重点工作，制定专项实施方案，明确目标任务、责任单位和完成时限。\n"
    "二、加大财政投入，积极争取上级政策和资金支持，引导社会资本参与。\n"
    "三、建立定期调度、督查和考核评价机制，市人大常委会加强跟踪监督，适时听取专项工作报告。"
)
_PILOT_ACTIVITIES = [
    (
        dt.date(2026, 5, 14),
        "investigation",
        "城乡融合共同富裕先行试验区建设专题调研视察",
        "部分市人大代表，市发改委、市农业农村局、市乡村振兴局负责同志",
    ),
    (
        dt.date(2026, 6, 18),
        "hearing",
        "听取县（市、区）及市直部门议案办理情况汇报",
        "各县（市、区）政府、市直有关部门分管负责同志",
    ),
    (dt.date(2026, 7, 15), "summary", "各县（市、区）和市直相关单位上半年阶段性书面总结", ""),
    (
        dt.date(2026, 9, 10),
        "symposium",
        "试验区建设研讨座谈会",
        "市人大代表、专家学者、市直有关部门负责同志",
    ),
]
_PILOT_PROGRESS = (
    "已形成《颍川市关于建设城乡融合共同富裕先行试验区的实施方案》，构建“1+1+9+N”政策体系；"
    "梳理拟申请下放的省级经济社会管理权限120项；围绕经济高质量发展、收入分配、公共服务、精神文明、"
    "生态文明、社会治理等6个方面梳理了36项指标，提出了到2025年的发展目标。"
)
_CONTACT = {
    "visit": "承办单位负责同志登门拜访代表，介绍办理思路，听取代表意见。",
    "phone": "电话联系代表，沟通办理方案和时间安排，代表表示认可。",
    "symposium": "召开代表建议办理座谈会，邀请代表面对面交流。",
    "site": "邀请代表到现场实地查看，共同研究解决办法。",
}
