"""Items for text-mining tests, made through the proposal services so the index is written the
way the platform writes it."""

from renda.proposals import services
from renda.proposals.models import Kind, Proposal
from renda.testing.factories import CategoryFactory


def suggestion(cast, title: str, body: str, *, by=None) -> Proposal:
    return services.create_draft(
        actor=by or cast.proposer, kind=Kind.SUGGESTION, title=title, body=body
    )


def accepted(cast, title: str, body: str, *, by=None) -> Proposal:
    p = suggestion(cast, title, body, by=by)
    services.submit(p, actor=by or cast.proposer)
    services.accept_suggestion(p, actor=cast.staff, category=CategoryFactory())
    p.refresh_from_db()
    return p
