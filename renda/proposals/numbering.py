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
