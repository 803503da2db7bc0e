"""声明表: every URL pattern of the project, with who may open it.

A pattern missing here fails `test_every_url_is_declared` (an undeclared page is a failure).
To declare a new page: add `"namespace:name": Url(args, expect(...))` below — `args` builds the
URL's arguments from a `Side` of the world (`world.py`: the cast's own objects, or a stranger's),
`expect` gives each role's answer as (own, other); see `matrix.py`. For example:

    "audit:log": Url(None, expect(403, anonymous=LOGIN, audit_admin=200)),
    "audit:record": Url(
        lambda s: {"pk": s.audit_record.pk},  # add the object to `world.Side` first
        expect(404, anonymous=LOGIN, audit_admin=200),
    ),

A page with a form adds `form=True, poster="<role allowed to post>"`; a POST-only endpoint
`method="POST"`, its `poster` and `valid=lambda s: {field: value}` (FILE for a file field).
The malformed-input test then posts junk to it as the poster.
"""

from renda.core.tests.matrix import FILE, LOGIN, Url, admins, expect


def _system(side):
    from renda.indicators.models import IndicatorSystem

    return {"pk": IndicatorSystem.objects.get(indicators=side.indicator).pk}


def _revision(side):
    return {"pk": side.value.revisions.order_by("-number").first().pk}


URLS: dict[str, Url] = {
    "set_language": Url(
        None,
        expect(302),
        method="POST",
        poster="deputy",
        acts_without_input=True,
        valid=lambda s: {"language": "zh-hans", "next": "/"},
    ),
    "indicators:index": Url(
        None,
        expect(200, anonymous=LOGIN, **admins(403)),
    ),
    "indicators:overview": Url(
        _system,
        expect(200, anonymous=LOGIN, **admins(403)),
        owned=False,
    ),
    "indicators:export": Url(
        _system,
        expect(403, anonymous=LOGIN, staff=200),
        owned=False,
    ),
    "indicators:template": Url(
        _system,
        expect(403, anonymous=LOGIN, staff=302, unit_officer=302, other_unit_officer=302),
        owned=False,
    ),
    "indicators:upload": Url(
        _system,
        expect(403, anonymous=LOGIN, staff=302, unit_officer=302, other_unit_officer=302),
        method="POST",
        poster="unit_officer",
        owned=False,
        valid=lambda s: {"file": FILE},
    ),
    "indicators:figures": Url(
        _system,
        expect(403, anonymous=LOGIN, staff=200),
        form=True,
        poster="staff",
        owned=False,
    ),
    "indicators:import": Url(
        None,
        expect(403, anonymous=LOGIN, staff=200),
        form=True,
        poster="staff",
    ),
    "indicators:indicator": Url(
        lambda s: {"pk": s.indicator.pk},
        expect(200, anonymous=LOGIN, **admins(403)),
        private=False,  # every reader follows every indicator's progress
    ),
    "indicators:report": Url(
        lambda s: {"pk": s.indicator.pk},
        expect(403, anonymous=LOGIN, staff=200, unit_officer=(200, 404), other_unit_officer=404),
        form=True,
        poster="unit_officer",
    ),
    "indicators:reporting": Url(
        None,
        expect(403, anonymous=LOGIN, staff=200, unit_officer=200, other_unit_officer=200),
    ),
    "indicators:review": Url(
        None,
        expect(403, anonymous=LOGIN, staff=200),
    ),
    "indicators:accept": Url(
        None,
        expect(403, anonymous=LOGIN, staff=302),
        method="POST",
        poster="staff",
        valid=lambda s: {"value": s.value.pk},
    ),
    "indicators:return": Url(
        lambda s: {"pk": s.value.pk},
        expect(403, anonymous=LOGIN, staff=302),
        method="POST",
        poster="staff",
        valid=lambda s: {"reason": "口径不符"},
    ),
    "indicators:attachment_of_value": Url(
        lambda s: {"pk": s.value.pk},
        expect(404, anonymous=LOGIN, staff=200, unit_officer=(200, 404), **admins(403)),
    ),
    "indicators:alerts": Url(
        None,
        expect(200, anonymous=LOGIN, **admins(403)),
    ),
    "indicators:attachment": Url(
        _revision,
        expect(404, anonymous=LOGIN, staff=200, unit_officer=(200, 404), **admins(403)),
    ),
    "indicators:link": Url(
        lambda s: {"label": "proposals.proposal", "pk": s.handling.pk},
        expect(
            403,
            anonymous=LOGIN,
            deputy=(403, 404),
            cosigner=(403, 404),
            other_deputy=404,
            staff=200,
            unit_officer=(403, 404),
            other_unit_officer=404,
            committee_member=(200, 404),
        ),
        form=True,
        poster="staff",
    ),
    "accounts:login": Url(
        None,
        expect(302, anonymous=200),
        form=True,
        poster="anonymous",
    ),
    "accounts:logout": Url(
        None,
        expect(LOGIN),
        method="POST",
        poster="deputy",
        acts_without_input=True,
    ),
    "public:list": Url(
        None,
        expect(200),
    ),
    "public:detail": Url(
        lambda s: {"pk": s.replied.pk},
        expect((200, 404)),  # own: published; other: replied but not published
    ),
    "notifications:inbox": Url(
        None,
        expect(200, anonymous=LOGIN),
    ),
    "notifications:open": Url(
        lambda s: {"pk": s.notification.pk},
        expect(404, anonymous=LOGIN, deputy=(302, 404)),
        method="POST",
        poster="deputy",
        acts_without_input=True,
    ),
    "notifications:read_all": Url(
        None,
        expect(302, anonymous=LOGIN),
        method="POST",
        poster="deputy",
        acts_without_input=True,
    ),
    "notifications:log": Url(
        None,
        expect(403, anonymous=LOGIN, staff=200),
    ),
    "reports:index": Url(
        None,
        expect(200, anonymous=LOGIN, **admins(403)),
    ),
    "reports:dashboard": Url(
        None,
        expect(200, anonymous=LOGIN, **admins(403)),
    ),
    "reports:export_list": Url(
        None,
        expect(200, anonymous=LOGIN, **admins(403)),
    ),
    "reports:export_assignments": Url(
        None,
        # another unit's list: the unit is not among the officer's choices (back with a message)
        expect(
            403,
            anonymous=LOGIN,
            staff=200,
            unit_officer=(200, 302),
            other_unit_officer=302,
            coordinator=200,
        ),
        query=lambda s: f"scope=session:{s.cast.session.pk}&unit={s.cast.lead_unit.pk}",
    ),
    "reports:export_statistics": Url(
        None,
        expect(200, anonymous=LOGIN, **admins(403)),
    ),
    "reports:export_scores": Url(
        None,
        expect(
            403,
            anonymous=LOGIN,
            staff=200,
            unit_officer=200,
            other_unit_officer=200,
            coordinator=200,
        ),
    ),
    "reports:generate": Url(
        None,
        expect(
            403,
            anonymous=LOGIN,
            staff=200,
            unit_officer=200,
            other_unit_officer=200,
            coordinator=200,
        ),
        form=True,
        poster="staff",
    ),
    "reports:jobs": Url(
        None,
        expect(200, anonymous=LOGIN),
    ),
    "reports:job": Url(
        lambda s: {"pk": s.job.pk},
        expect(404, anonymous=LOGIN, staff=200, unit_officer=(200, 404)),
    ),
    "reports:job_status": Url(
        lambda s: {"pk": s.job.pk},
        expect(404, anonymous=LOGIN, staff=200, unit_officer=(200, 404)),
    ),
    "reports:job_download": Url(
        lambda s: {"pk": s.job.pk},
        expect(404, anonymous=LOGIN, staff=200, unit_officer=(200, 404)),
    ),
    "reports:confirm_import": Url(
        lambda s: {"pk": s.job.pk},
        expect(404, anonymous=LOGIN, staff=302, unit_officer=(403, 404)),
        method="POST",
        poster="unit_officer",
    ),
    "reports:import": Url(
        None,
        expect(403, anonymous=LOGIN, staff=200),
        form=True,
        poster="staff",
    ),
    "reports:import_template": Url(
        lambda s: {"kind": "suggestions"},
        expect(403, anonymous=LOGIN, staff=200),
        owned=False,
    ),
    "reports:templates": Url(
        None,
        expect(403, anonymous=LOGIN, staff=200),
    ),
    "reports:template_default": Url(
        lambda s: {"kind": "reply_letter"},
        expect(403, anonymous=LOGIN, staff=200),
        owned=False,
    ),
    "reports:template_upload": Url(
        lambda s: {"kind": "reply_letter"},
        expect(403, anonymous=LOGIN, staff=302),
        method="POST",
        poster="staff",
        owned=False,
        valid=lambda s: {"reply_letter-template": FILE},
    ),
    "reports:template_reset": Url(
        lambda s: {"kind": "reply_letter"},
        expect(403, anonymous=LOGIN, staff=302),
        method="POST",
        poster="staff",
        owned=False,
        acts_without_input=True,
    ),
    "reports:scores": Url(
        None,
        expect(
            403,
            anonymous=LOGIN,
            staff=200,
            unit_officer=200,
            other_unit_officer=200,
            coordinator=200,
        ),
    ),
    "reports:unit_score": Url(
        lambda s: {"unit_id": s.cast.lead_unit.pk},
        expect(
            403,
            anonymous=LOGIN,
            staff=(200, 404),
            unit_officer=(200, 404),
            other_unit_officer=404,
            coordinator=(200, 404),
        ),
    ),
    "reports:reply_letter": Url(
        lambda s: {"pk": s.replied.pk},
        expect(
            (200, 404),
            anonymous=LOGIN,
            other_deputy=404,
            staff=200,
            other_unit_officer=404,
            presidium=200,
            coordinator=200,
            **admins(403),
        ),
    ),
    "proposals:home": Url(
        None,
        expect(200, anonymous=302, **admins(302)),
    ),
    "proposals:list": Url(
        None,
        expect(200, anonymous=LOGIN),
    ),
    "proposals:new": Url(
        lambda s: {"kind": "suggestion"},
        expect(200, anonymous=LOGIN),
        form=True,
        poster="deputy",
        owned=False,
    ),
    "proposals:detail": Url(
        lambda s: {"pk": s.handling.pk},
        expect(
            404,
            anonymous=LOGIN,
            deputy=(200, 404),
            cosigner=(200, 404),
            staff=200,
            unit_officer=(200, 404),
            committee_member=(200, 404),
            presidium=200,
            coordinator=200,
        ),
    ),
    "proposals:edit": Url(
        lambda s: {"pk": s.draft.pk},
        expect(
            404,
            anonymous=LOGIN,
            deputy=(200, 404),
            cosigner=(403, 404),
            staff=403,
            committee_member=(403, 404),
            presidium=403,
        ),
        form=True,
        poster="deputy",
    ),
    "proposals:autosave": Url(
        lambda s: {"pk": s.draft.pk},
        expect(
            404,
            anonymous=LOGIN,
            deputy=(200, 404),
            cosigner=(403, 404),
            staff=403,
            committee_member=(403, 404),
            presidium=403,
        ),
        method="POST",
        poster="deputy",
        valid=lambda s: {"title": "标题", "body": "内容"},
    ),
    "proposals:deputy_search": Url(
        lambda s: {"pk": s.draft.pk},
        expect(
            403,
            anonymous=LOGIN,
            deputy=(200, 404),
            cosigner=(200, 404),
            other_deputy=404,
            staff=200,
        ),
    ),
    "proposals:reply_document": Url(
        lambda s: {"pk": s.replied.pk, "reply_id": s.reply.pk},
        expect(
            404,
            anonymous=LOGIN,
            deputy=(200, 404),
            cosigner=(200, 404),
            staff=200,
            unit_officer=(200, 404),
            committee_member=(200, 404),
            presidium=200,
            coordinator=200,
        ),
    ),
    "proposals:reply_action": Url(
        lambda s: {"pk": s.handling.pk, "draft_pk": s.reply_draft.pk, "action": "edit"},
        expect(
            404,
            anonymous=LOGIN,
            deputy=(403, 404),
            cosigner=(403, 404),
            staff=403,
            unit_officer=(200, 404),
            committee_member=(403, 404),
            presidium=403,
            coordinator=403,
        ),
        form=True,
        poster="unit_officer",
    ),
    "proposals:action": Url(
        lambda s: {"pk": s.handling.pk, "action": "record_progress"},
        expect(
            404,
            anonymous=LOGIN,
            deputy=(403, 404),
            cosigner=(403, 404),
            staff=403,
            unit_officer=(200, 404),
            committee_member=(403, 404),
            presidium=403,
            coordinator=403,
        ),
        form=True,
        poster="unit_officer",
    ),
    "proposals:presidium": Url(
        None,
        expect(403, anonymous=LOGIN, staff=200, presidium=200),
        form=True,
        poster="staff",
        acts_without_input=True,  # one decision per motion, each its own change
    ),
    # Accounts: everyone's own pages, and the administrators' (三权分立).
    "accounts:password_change": Url(None, expect(200, anonymous=LOGIN), form=True, poster="deputy"),
    "accounts:otp_setup": Url(None, expect(200, anonymous=LOGIN), form=True, poster="deputy"),
    "accounts:otp_verify": Url(None, expect(302, anonymous=LOGIN)),  # nobody here is enrolled
    "accounts:admin_home": Url(None, expect(403, anonymous=LOGIN, **admins(200))),
    "accounts:users": Url(None, expect(403, anonymous=LOGIN, system_admin=200)),
    "accounts:user_new": Url(
        None, expect(403, anonymous=LOGIN, system_admin=200), form=True, poster="system_admin"
    ),
    "accounts:user_edit": Url(
        lambda s: {"pk": s.cast.proposer.pk},
        expect(403, anonymous=LOGIN, system_admin=200),
        form=True,
        poster="system_admin",
        private=False,
    ),
    "accounts:user_password": Url(
        lambda s: {"pk": s.cast.proposer.pk},
        expect(403, anonymous=LOGIN, system_admin=200),
        form=True,
        poster="system_admin",
        private=False,
    ),
    "accounts:user_active": Url(
        lambda s: {"pk": s.cast.proposer.pk},
        expect(403, anonymous=LOGIN, system_admin=302),
        method="POST",
        poster="system_admin",
        private=False,
        valid=lambda s: {"active": "0"},
    ),
    "accounts:security": Url(None, expect(403, anonymous=LOGIN, security_admin=200)),
    "accounts:user_role": Url(
        lambda s: {"pk": s.cast.proposer.pk},
        expect(403, anonymous=LOGIN, security_admin=200),
        form=True,
        poster="security_admin",
        private=False,
    ),
    "accounts:otp_reset": Url(
        lambda s: {"pk": s.cast.proposer.pk},
        expect(403, anonymous=LOGIN, security_admin=302),
        method="POST",
        poster="security_admin",
        private=False,
        acts_without_input=True,
    ),
    "accounts:unlock": Url(
        lambda s: {"pk": s.lock.pk},
        expect(403, anonymous=LOGIN, security_admin=302),
        method="POST",
        poster="security_admin",
        private=False,
        acts_without_input=True,
    ),
    # The Django admin's own login sends everyone to the one login page.
    "admin_login_redirect": Url(None, expect(403, anonymous=LOGIN)),
    # The audit log: the audit administrator's, nobody else's.
    "audit:list": Url(None, expect(403, anonymous=LOGIN, audit_admin=200)),
    "audit:export": Url(None, expect(403, anonymous=LOGIN, audit_admin=200)),
    # Personal data: each user's own; pseudonymisation is the system administrator's.
    "privacy:my_data": Url(None, expect(200, anonymous=LOGIN)),
    "privacy:my_data_download": Url(
        lambda s: {"fmt": "json"}, expect(200, anonymous=LOGIN), owned=False
    ),
    "privacy:pseudonymise": Url(
        None, expect(403, anonymous=LOGIN, system_admin=200), form=True, poster="system_admin"
    ),
    # Smart handling: similar items for whoever may see the draft; the rest is staff's.
    "textmining:similar": Url(
        lambda s: {"pk": s.draft.pk},
        # Whoever may open the draft (its proposer, invitees, …) — access.py's rule, as on
        # the item page; others 404.
        expect(
            404,
            anonymous=LOGIN,
            deputy=(200, 404),
            cosigner=(200, 404),
            committee_member=(200, 404),
            staff=200,
            presidium=200,
        ),
    ),
    "textmining:duplicates": Url(None, expect(403, anonymous=LOGIN, staff=200)),
    "textmining:merge_flag": Url(
        lambda s: {"pk": s.flag.pk},
        expect(403, anonymous=LOGIN, staff=302),
        method="POST",
        poster="staff",
        acts_without_input=True,
    ),
    "textmining:dismiss_flag": Url(
        lambda s: {"pk": s.flag.pk},
        expect(403, anonymous=LOGIN, staff=302),
        method="POST",
        poster="staff",
        acts_without_input=True,
    ),
    "textmining:recommender": Url(None, expect(403, anonymous=LOGIN, staff=200)),
    "textmining:topics": Url(None, expect(200, anonymous=LOGIN)),
}
