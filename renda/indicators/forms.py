"""Forms of the indicator pages. They only read input; every rule is checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.core import clock
from renda.core.forms import Form
from renda.indicators.models import Accumulation, Indicator, IndicatorSystem
from renda.indicators.periods import MONTHS
from renda.indicators.regions import city_region, county_regions


def month_label(month: int, accumulation: str) -> str:
    """全年, 1—6月 (cumulative) or 6月末 (a level)."""
    if month == 12:
        return "全年"
    if accumulation == Accumulation.LEVEL:
        return f"{month}月末"
    return f"1—{month}月" if month > 1 else "1月"


def region_choices(indicator: Indicator) -> list[tuple[int, str]]:
    city = city_region()
    regions = [city, *county_regions()] if indicator.per_region else [city]
    return [(r.pk, r.name) for r in regions]


def year_choices(first: int, last: int) -> list[tuple[int, str]]:
    last = min(last, clock.today().year)
    return [(y, f"{y}年") for y in range(last, first - 1, -1)]


UP_TO_MONTH = [(12, "全年")] + [(m, f"1—{m}月") for m in range(11, 1, -1)] + [(1, "1月")]


class ReportForm(Form):
    """报送: one value of one indicator for a period and a region."""

    region = forms.TypedChoiceField(label=_("Region"), coerce=int)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    month = forms.TypedChoiceField(label=pgettext_lazy("indicators", "Period"), coerce=int)
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)
    source_note = forms.CharField(
        label=_("Source"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the figure comes from: the statistical bulletin, the document, …"),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_(".pdf .docx .xlsx .jpg .png, at most 10 MB"),
    )

    def __init__(self, indicator: Indicator, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices(indicator)
        self.fields["year"].choices = year_choices(
            indicator.baseline_year, indicator.system.target_year + 5
        )
        self.fields["month"].choices = [
            (m, month_label(m, indicator.accumulation)) for m in MONTHS[indicator.frequency]
        ]
        self.fields["year"].initial = clock.today().year - 1  # the last whole year
        self.fields["value"].label = _("Value (%(unit)s)") % {"unit": indicator.unit}


class PeriodForm(Form):
    """The period of an Excel reporting template."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    month = forms.TypedChoiceField(
        label=_("Up to month"),
        coerce=int,
        choices=UP_TO_MONTH,
        initial=12,
    )

    def __init__(self, system: IndicatorSystem, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(system.target_year - 10, system.target_year + 5)


class UploadForm(Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class ReturnForm(Form):
    reason = forms.CharField(
        label=_("Reason for return"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class SystemImportForm(Form):
    file = forms.FileField(label=_("Indicator system (.xlsx)"))
    system = forms.ModelChoiceField(
        label=_("Import into"),
        queryset=IndicatorSystem.objects.all(),
        required=False,
        empty_label=_("a new system"),
        help_text=_("Into an existing system, the file becomes its next version."),
    )


class FiguresForm(Form):
    """从文字中提取: a written summary and what it is about."""

    text = forms.CharField(
        label=_("Summary text"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        help_text=_("Which summary this is, e.g. 市统计局2025年统计公报"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    month = forms.TypedChoiceField(
        label=_("Up to month"),
        coerce=int,
        choices=UP_TO_MONTH,
        initial=12,
    )
    region = forms.TypedChoiceField(
        label=_("The summary's region"),
        coerce=int,
        help_text=_("A county's summary: its county; figures without a region count for it."),
    )

    def __init__(self, system: IndicatorSystem, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(system.target_year - 10, system.target_year + 5)
        self.fields["year"].initial = clock.today().year - 1  # the last whole year
        city = city_region()
        self.fields["region"].choices = [(r.pk, r.name) for r in [city, *county_regions()]]
        self.fields["region"].initial = city.pk


class LinkForm(Form):
    indicators = forms.ModelMultipleChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, available, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = available
