"""Load the demo: one deterministic congress year, built through the lifecycle services."""

import random

from django.db import transaction

from renda.accounts.models import User
from renda.congress.models import Session
from renda.demo.indicators import build_indicators
from renda.demo.merging import flagged_pair, merged_pair, train_recommender_on_the_year
from renda.demo.notifications import read_the_past, remind
from renda.demo.story import Story
from renda.demo.structure import NAMED_ACCOUNTS, PASSWORD, build_accounts, build_structure

SEED = 2026
SESSION_SUGGESTIONS = 220
INTERIM_SUGGESTIONS = 70


def demo_loaded() -> bool:
    return Session.objects.filter(term__number=7, number=9).exists()


def load_demo() -> None:
    """Build the whole demo in one transaction (fast on SQLite, and all-or-nothing)."""
    rng = random.Random(SEED)
    with transaction.atomic():
        world = build_structure(rng)
        users = build_accounts(world)
        story = Story(world, users, rng)
        converted = story.motions()
        story.session_suggestions(converted, SESSION_SUGGESTIONS)
        story.interim_suggestions(INTERIM_SUGGESTIONS)
        story.demo_deputy_items(users, world["next_session"])
        story.replies_under_way()
        story.unit_desks()
        merged_pair(story)
        flagged_pair(story)
        train_recommender_on_the_year(story)
        story.disclose()
        build_indicators(rng)
        remind()
        read_the_past()


def accounts_table() -> list[tuple[str, str, str]]:
    """(username, role, who) for the accounts to log in with."""
    names = [n for n, *_ in NAMED_ACCOUNTS] + ["deputy", "deputy2"]
    users = {
        u.username: u
        for u in User.objects.filter(username__in=names).select_related(
            "organization", "deputy__delegation"
        )
    }
    rows = []
    for username in ["deputy", "deputy2", *[n for n, *_ in NAMED_ACCOUNTS]]:
        u = users.get(username)
        if u is None:
            continue
        where = u.organization or (u.deputy.delegation if u.deputy else "")
        rows.append((username, str(u.get_role_display()), f"{u.full_name} {where}".strip()))
    return rows


__all__ = ["PASSWORD", "accounts_table", "demo_loaded", "load_demo"]
