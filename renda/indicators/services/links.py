"""关联指标: a motion, a suggestion or (later) a deliberation opinion is linked to the
indicators that measure what it asks for, so its page and its handling report can show their
progress. Only models listed in settings.INDICATOR_LINKABLE_MODELS can be linked."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from renda.accounts.models import User
from renda.audit import services as audit
from renda.core import clock
from renda.core.errors import NotPermitted, RuleViolation
from renda.indicators.access import may_link
from renda.indicators.models import Indicator, IndicatorLink, SystemEvent


def is_linkable(subject: models.Model) -> bool:
    meta = subject._meta.concrete_model._meta
    return f"{meta.app_label}.{meta.model_name}" in settings.INDICATOR_LINKABLE_MODELS


def _check(subject: models.Model, actor: User) -> ContentType:
    if not is_linkable(subject) or subject.pk is None:
        raise RuleViolation(_("Indicators cannot be linked to this kind of item."))
    if not may_link(actor, subject):
        raise NotPermitted(_("You may not change the indicators linked to this item."))
    return ContentType.objects.get_for_model(subject, for_concrete_model=True)


def link_indicators(
    subject: models.Model, *, actor: User, indicators: Iterable[Indicator], note: str = ""
) -> list[IndicatorLink]:
    """Link indicators to the item; an indicator already linked is left as it is."""
    content_type = _check(subject, actor)
    indicators = list(indicators)
    if not indicators:
        raise RuleViolation(_("Please choose at least one indicator."))
    if any(not i.is_current for i in indicators):
        raise RuleViolation(_("A retired indicator cannot be linked; link its replacement."))
    now = clock.now()
    with transaction.atomic():
        existing = set(
            IndicatorLink.objects.filter(
                content_type=content_type, object_id=subject.pk
            ).values_list("indicator_id", flat=True)
        )
        created = IndicatorLink.objects.bulk_create(
            IndicatorLink(
                indicator=i,
                content_type=content_type,
                object_id=subject.pk,
                note=note.strip(),
                linked_by=actor,
                linked_at=now,
            )
            for i in indicators
            if i.pk not in existing
        )
        for link in created:
            _record(link.indicator, actor, "link.add", subject)
    return created


def unlink_indicator(subject: models.Model, *, actor: User, indicator: Indicator) -> None:
    """Remove one indicator's link to the item."""
    content_type = _check(subject, actor)
    with transaction.atomic():
        deleted, _rows = IndicatorLink.objects.filter(
            indicator=indicator, content_type=content_type, object_id=subject.pk
        ).delete()
        if not deleted:
            raise RuleViolation(_("This indicator is not linked to the item."))
        _record(indicator, actor, "link.remove", subject)


def _record(indicator: Indicator, actor: User, action: str, subject: models.Model) -> None:
    event = SystemEvent.objects.create(
        system_id=indicator.system_id,
        indicator=indicator,
        version=indicator.system.version,
        at=clock.now(),
        actor=actor,
        action=action,
        data={"subject": str(subject), "model": subject._meta.model_name, "id": subject.pk},
    )
    audit.record_many([audit.history_entry(event, obj=indicator, label=str(indicator))])
