"""History rows rendered as readable sentences (pretix's logentrytypes, in small)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.proposals.models import ProposalEvent, ResultClass, Satisfaction

SENTENCES = {
    "create": gettext_lazy("%(actor)s drafted it."),
    "register": gettext_lazy(
        "%(actor)s registered it on behalf of %(deputy)s, who submitted it on paper on "
        "%(submitted_on)s."
    ),
    "create_from_motion": gettext_lazy(
        "Continued as a suggestion (No. %(number)s) from motion No. %(motion_number)s, "
        "keeping all its signers."
    ),
    "invite": gettext_lazy("%(actor)s invited %(deputies)s to sign."),
    "confirm_signature": gettext_lazy("%(actor)s confirmed their signature."),
    "decline_signature": gettext_lazy("%(actor)s declined to sign."),
    "submit": gettext_lazy("%(actor)s submitted it, signed by %(signers)s deputies."),
    "withdraw": gettext_lazy("%(actor)s withdrew it."),
    "begin_review": gettext_lazy("%(actor)s began the review."),
    "return_for_revision": gettext_lazy("%(actor)s returned it for revision."),
    "refer": gettext_lazy("Referred to %(committee)s (%(meeting)s)."),
    "list_as_motion": gettext_lazy("Listed as a motion by %(meeting)s."),
    "convert_to_suggestion": gettext_lazy(
        "To be handled as a suggestion (No. %(suggestion_number)s), decided by %(meeting)s."
    ),
    "not_accept": gettext_lazy("Not accepted (%(meeting)s)."),
    "start_handling": gettext_lazy("Handling started: %(committee)s leads, handled by %(units)s."),
    "record_activity": gettext_lazy("%(actor)s recorded an activity: %(title)s."),
    "record_progress": gettext_lazy("%(actor)s recorded progress."),
    "report": gettext_lazy("%(actor)s reported on the handling."),
    "close": gettext_lazy("%(actor)s closed it."),
    "accept": gettext_lazy("%(actor)s accepted it as No. %(number)s (%(category)s)."),
    "transfer": gettext_lazy("%(actor)s transferred it to be handled as a letter."),
    "assign": gettext_lazy(
        "%(actor)s assigned it to %(lead_unit)s (lead) %(co_units)s; reply due %(due_date)s."
    ),
    "mark_key_supervised": gettext_lazy("%(actor)s set key supervision: %(committee)s %(leader)s."),
    "sign_for": gettext_lazy("%(actor)s signed for it for the lead unit."),
    "co_sign_for": gettext_lazy("%(actor)s signed for it for a co-unit."),
    "request_reassignment": gettext_lazy("%(unit)s asked for the item to go elsewhere."),
    "approve_reassignment": gettext_lazy(
        "%(actor)s approved the reassignment from %(from_unit)s to %(to_unit)s."
    ),
    "deny_reassignment": gettext_lazy("%(actor)s denied %(unit)s's reassignment request."),
    "record_contact": gettext_lazy("%(actor)s recorded a contact with the deputy (%(date)s)."),
    "submit_co_opinion": gettext_lazy("%(unit)s sent its co-unit opinion."),
    "draft_reply": gettext_lazy("%(actor)s drafted the reply (%(class)s)."),
    "reply_submit_for_check": gettext_lazy("%(actor)s submitted the reply draft for checking."),
    "reply_check": gettext_lazy("%(actor)s checked the reply draft (核稿)."),
    "reply_return_from_check": gettext_lazy("%(actor)s returned the reply draft."),
    "reply_return_from_signing": gettext_lazy("%(actor)s returned the reply draft."),
    "reply_return_from_review": gettext_lazy("%(actor)s returned the reply draft."),
    "reply_sign_off": gettext_lazy("%(actor)s signed off the reply (签发)."),
    "reply_countersign": gettext_lazy("%(actor)s countersigned the reply (会签)."),
    "reply_correct_class": gettext_lazy(
        "%(actor)s corrected the reply's class from %(from_class)s to %(to_class)s."
    ),
    "release_reply": gettext_lazy("%(actor)s released the reply: %(class)s."),
    "request_extension": gettext_lazy(
        "%(actor)s asked for the reply due date to be extended to %(requested_due)s."
    ),
    "grant_extension": gettext_lazy(
        "%(actor)s extended the reply due date from %(from)s to %(to)s."
    ),
    "deny_extension": gettext_lazy("%(actor)s denied the extension."),
    "record_follow_up": gettext_lazy("%(actor)s recorded follow-up progress."),
    "follow_up_reply": gettext_lazy("%(actor)s sent the follow-up reply: the problem is solved."),
    "explain_follow_up": gettext_lazy(
        "%(actor)s explained why the problem could not be solved as promised."
    ),
    "evaluate": gettext_lazy("Evaluation of the reply: %(result)s."),
    "publish": gettext_lazy("%(actor)s published the reply."),
    "withhold": gettext_lazy("%(actor)s marked the reply not for disclosure."),
    "merge": gettext_lazy("%(actor)s merged it into %(primary_number)s, to be handled as one."),
    "merge_in": gettext_lazy(
        "%(actor)s merged %(item_number)s into it; %(signers)s deputies joined its proposers."
    ),
    "unmerge": gettext_lazy("%(actor)s undid its merge into %(primary_number)s."),
    "unmerge_out": gettext_lazy("%(actor)s took %(item_number)s out of this handling."),
    "evaluate_merged": gettext_lazy("Evaluation of the joint reply: %(result)s."),
}


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return ""


def describe(event: ProposalEvent) -> str:
    """One sentence for a history row (actor must be select_related by the caller)."""
    action = event.action.split(".", 1)[-1]
    template = SENTENCES.get(action)
    if template is None:
        return event.action
    params = _Params(event.data)
    params["actor"] = str(event.actor) if event.actor else _("The system")
    if isinstance(params.get("deputies"), list):
        params["deputies"] = "、".join(params["deputies"])
    if isinstance(params.get("units"), list):
        params["units"] = "、".join(params["units"]) or "—"
    if isinstance(params.get("co_units"), list):
        params["co_units"] = (
            _("with %(units)s") % {"units": "、".join(params["co_units"])}
            if params["co_units"]
            else ""
        )
    if "result" in params:
        params["result"] = str(dict(Satisfaction.choices).get(params["result"], params["result"]))
    if "class" in params:
        params["class"] = str(dict(ResultClass.choices).get(params["class"], params["class"]))
    return str(template) % params
