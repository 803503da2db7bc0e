import datetime as dt

from renda.congress.models import Session


def current_session(day: dt.date) -> Session | None:
    """The session sitting on `day`; otherwise the latest one that has opened (its interim
    period); otherwise the next one to open."""
    opened = (
        Session.objects.select_related("term")
        .filter(start_date__lte=day)
        .order_by("-start_date")
        .first()
    )
    if opened is not None:
        return opened
    return Session.objects.select_related("term").order_by("start_date").first()


def motion_session(day: dt.date) -> Session | None:
    """The session motions go to: the one sitting on `day`, else the next one to open."""
    return (
        Session.objects.select_related("term")
        .filter(end_date__gte=day)
        .order_by("start_date")
        .first()
    )
