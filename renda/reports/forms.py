"""The reports pages' forms: what they cover (a session or a year), which report, which unit,
which sheet to import, which Word template to replace."""

from django import forms
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role, User
from renda.congress.models import Organization, Session
from renda.core import clock
from renda.core.forms import Form
from renda.reports.access import allowed_units
from renda.reports.scope import ReportScope


def scope_choices() -> tuple[list[tuple[str, str]], str]:
    """Sessions, newest first (each with its interim period), then calendar years; and the
    default — the latest session that has opened (one query)."""
    sessions = list(Session.objects.select_related("term").order_by("-start_date"))
    today = clock.today()
    years = sorted({s.start_date.year for s in sessions} | {today.year}, reverse=True)
    opened = [s for s in sessions if s.start_date <= today] or sessions
    default = f"session:{opened[0].pk}" if opened else f"year:{today.year}"
    choices = [
        *(
            (f"session:{s.pk}", _("%(session)s (with its interim period)") % {"session": s})
            for s in sessions
        ),
        *((f"year:{y}", _("Year %(year)s") % {"year": y}) for y in years),
    ]
    return choices, default


class ScopeForm(Form):
    """会议或年度: what a dashboard, an export, a report or the scores cover."""

    scope = forms.ChoiceField(label=_("Session or year"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices, self.default = scope_choices()
        self.fields["scope"].initial = self.default

    @property
    def chosen(self) -> str:
        """The value in use: the valid choice, or the default."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["scope"]
        return self.default

    def report_scope(self) -> ReportScope:
        """The chosen scope; the latest opened session when none (or a wrong one) was chosen."""
        value = self.chosen
        kind, _sep, key = value.partition(":")
        if kind == "session":
            return ReportScope(session=Session.objects.select_related("term").get(pk=key))
        return ReportScope(year=int(key))


def units_for(user: User):
    """The handling units `user` may report on or export for (staff every one)."""
    units = Organization.objects.filter(kind=Organization.Kind.HANDLING_UNIT, active=True)
    allowed = allowed_units(user)
    return units if allowed is None else units.filter(pk__in=allowed)


class UnitScopeForm(ScopeForm):
    """A unit's assignment list or report: staff may leave the unit empty (every unit)."""

    unit = forms.ModelChoiceField(label=_("Handling unit"), queryset=Organization.objects.none())

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user)
        self.fields["unit"].required = user.role != Role.STAFF
        if user.role == Role.UNIT_OFFICER:
            self.fields["unit"].initial = user.organization_id


class GenerateForm(ScopeForm):
    """生成报告: the handling report (staff) or a unit's report, as Word or PDF."""

    REPORTS = [
        ("handling_report", _("Handling report of the session or year")),
        ("unit_report", _("A unit's handling report")),
    ]
    FORMATS = [("docx", _("Word (.docx)")), ("pdf", _("PDF"))]

    report = forms.ChoiceField(label=_("Report"), choices=REPORTS)
    unit = forms.ModelChoiceField(
        label=_("Handling unit"), queryset=Organization.objects.none(), required=False
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="docx")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(user)
        if user.role != Role.STAFF:
            self.fields["report"].choices = self.REPORTS[1:]
        if user.role == Role.UNIT_OFFICER:
            self.fields["unit"].initial = user.organization_id

    def clean(self):
        data = super().clean()
        if data.get("report") == "unit_report" and not data.get("unit"):
            self.add_error("unit", _("Choose a handling unit."))
        return data

    def job(self) -> tuple[str, dict]:
        """(job kind, job parameters) for `services.jobs.start_job`."""
        data = self.cleaned_data
        parameters = {**self.report_scope().as_parameters(), "format": data["format"]}
        if data["report"] == "unit_report":
            parameters["unit"] = data["unit"].pk
        return data["report"], parameters


class ImportForm(Form):
    """导入: an Excel sheet of suggestions (into a session), deputies or units."""

    KINDS = [
        ("import_suggestions", _("Suggestions (建议登记表)")),
        ("import_deputies", _("Deputies (代表名册)")),
        ("import_units", _("Handling units (承办单位名册)")),
    ]

    kind = forms.ChoiceField(label=_("What the sheet holds"), choices=KINDS)
    session = forms.ModelChoiceField(
        label=_("Session"),
        queryset=Session.objects.select_related("term").order_by("-start_date"),
        required=False,
        help_text=_("For suggestions: the session they belong to."),
    )
    sheet = forms.FileField(label=_("Excel file (.xlsx)"))

    def clean(self):
        data = super().clean()
        if data.get("kind") == "import_suggestions" and not data.get("session"):
            self.add_error("session", _("Choose the session the suggestions belong to."))
        return data


class TemplateUploadForm(Form):
    """One kind's upload (the kind is in the URL; the prefix keeps the page's forms apart)."""

    template = forms.FileField(label=_("Word template (.docx)"))
