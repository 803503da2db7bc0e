"""Gap-free, race-free numbers per session, kind and period (第0012号)."""

from django.db.models import F

from renda.congress.models import Session
from renda.proposals.models import NumberSequence


def next_number(*, session: Session, kind: str, period: str) -> int:
    """Take the next number in the scope. Call inside the transaction that uses it: the UPDATE
    locks the sequence row until commit, and a rollback returns the number."""
    scope = f"{session.pk}:{kind}:{period}"
    seq, _created = NumberSequence.objects.get_or_create(scope=scope)
    NumberSequence.objects.filter(pk=seq.pk).update(last=F("last") + 1)
    return NumberSequence.objects.values_list("last", flat=True).get(pk=seq.pk)


def claim_number(*, session: Session, kind: str, period: str, number: int) -> int:
    """Use a number given outside renda (a paper register being imported). Refused when taken;
    the scope's sequence moves past it, so numbers given later follow on."""
    from django.utils.translation import gettext as _

    from renda.core.errors import RuleViolation
    from renda.proposals.models import Proposal

    if number < 1:
        raise RuleViolation(_("A number must be a whole number from 1 up."))
    taken = Proposal.objects.filter(session=session, kind=kind, period=period, number=number)
    if taken.exists():
        raise RuleViolation(_("No. %(number)s is already taken.") % {"number": number})
    scope = f"{session.pk}:{kind}:{period}"
    seq, _created = NumberSequence.objects.get_or_create(scope=scope)
    NumberSequence.objects.filter(pk=seq.pk, last__lt=number).update(last=number)
    return number
