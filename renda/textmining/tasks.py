"""Background work (Django's tasks API): tasks take ids and call services."""

from django_tasks import task


@task(queue_name="textmining")
def rebuild_search_index() -> int:
    """Re-segment every item after the user dictionary changed."""
    from renda.textmining.indexing import rebuild_index

    return rebuild_index()


@task(queue_name="textmining")
def flag_near_duplicates(proposal_id: int) -> int:
    """疑似重复 check of a just-submitted item; returns the number of flags raised."""
    from renda.proposals.models import Proposal
    from renda.textmining.services import flag_near_duplicates as flag

    proposal = Proposal.objects.filter(pk=proposal_id).first()
    return 0 if proposal is None else len(flag(proposal))


@task(queue_name="textmining")
def train_recommender(force: bool = False, actor_id: int | None = None) -> int | None:
    """Train a new recommender version on the history of assignments (when enough new
    decisions have accumulated, or at once with `force`: staff asked for it); returns the
    version number, None when nothing was trained."""
    from renda.accounts.models import User
    from renda.textmining.services import train_recommender as train

    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    version = train(actor=actor, force=force)
    return None if version is None else version.number
