"""What a report covers: one session (with its interim period) or one calendar year."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from renda.congress.models import CongressSettings, Session
from renda.congress.numerals import chinese_numeral
from renda.core.errors import RuleViolation
from renda.proposals.models import Proposal
from renda.reports import statistics


def chinese_date(day: dt.date) -> str:
    """2026年11月22日 — dates in Arabic numerals, as official documents write them."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class ReportScope:
    session: Session | None = None
    year: int | None = None

    def __post_init__(self) -> None:
        if (self.session is None) == (self.year is None):
            raise RuleViolation(_("Choose either a session or a year."))

    @classmethod
    def from_parameters(cls, parameters: dict) -> "ReportScope":
        """From a job's parameters: {"session": id} or {"year": 2026}."""
        if parameters.get("session"):
            try:
                session = Session.objects.select_related("term").get(pk=parameters["session"])
            except (Session.DoesNotExist, ValueError, TypeError):
                raise RuleViolation(_("This session does not exist.")) from None
            return cls(session=session)
        try:
            return cls(year=int(parameters.get("year")))
        except (TypeError, ValueError):
            raise RuleViolation(_("Choose either a session or a year.")) from None

    def as_parameters(self) -> dict:
        return {"session": self.session.pk} if self.session else {"year": self.year}

    def items(self) -> QuerySet[Proposal]:
        if self.session is not None:
            return statistics.session_items(self.session)
        return statistics.year_items(self.year)

    @property
    def title(self) -> str:
        """颍川市第七届人民代表大会第九次会议 / 颍川市2026年度"""
        city = CongressSettings.current().name.removesuffix("人民代表大会")
        if self.session is None:
            return f"{city}{self.year}年度"
        s = self.session
        return (
            f"{city}第{chinese_numeral(s.term.number)}届人民代表大会"
            f"第{chinese_numeral(s.number)}次会议"
        )

    @property
    def phrase(self) -> str:
        """市七届人大九次会议期间 / 2026年"""
        if self.session is None:
            return f"{self.year}年"
        return f"{CongressSettings.current().short_name}{self.session.short_title}期间"

    @property
    def slug(self) -> str:
        """A file-name part: 七届九次 / 2026."""
        if self.session is None:
            return str(self.year)
        s = self.session
        return f"{chinese_numeral(s.term.number)}届{chinese_numeral(s.number)}次"
