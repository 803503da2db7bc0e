"""Every change to a motion or suggestion goes through a function here.

Each function takes the item and a keyword-only `actor`, checks the actor's relation, the
item's state (against `lifecycles.py`) and the domain rule, then writes the change and one
history row in one transaction, or raises a `DomainError` and changes nothing.
"""

from renda.proposals.services.drafting import (
    confirm_signature,
    create_draft,
    decline_signature,
    invite_cosigners,
    submit,
    update_draft,
    withdraw,
)
from renda.proposals.services.follow_up import (
    deny_extension,
    explain_follow_up,
    follow_up_reply,
    grant_extension,
    record_follow_up,
    request_extension,
)
from renda.proposals.services.handling import (
    approve_reassignment,
    co_sign_for,
    deny_reassignment,
    record_committee_activity,
    record_contact,
    record_progress,
    request_reassignment,
    sign_for,
    submit_co_opinion,
)
from renda.proposals.services.merging import (
    evaluate_merged_reply,
    merge_suggestion,
    unmerge_suggestion,
)
from renda.proposals.services.motions import (
    begin_review,
    close_motion,
    convert_motion,
    list_motion,
    not_accept_motion,
    refer_motion,
    report_motion,
    start_motion_handling,
)
from renda.proposals.services.registration import register_suggestion, register_suggestions
from renda.proposals.services.replies import (
    close_without_feedback,
    evaluate_reply,
    publish_reply,
    withhold_reply,
)
from renda.proposals.services.reply_path import (
    check_reply,
    correct_reply_class,
    countersign_reply,
    edit_reply,
    release_reply,
    return_reply,
    sign_off_reply,
    start_reply,
    submit_reply_for_check,
)
from renda.proposals.services.review import (
    accept_suggestion,
    assign_suggestion,
    mark_key_supervised,
    return_for_revision,
    transfer_suggestion,
)

__all__ = [
    "accept_suggestion",
    "approve_reassignment",
    "assign_suggestion",
    "begin_review",
    "check_reply",
    "close_motion",
    "close_without_feedback",
    "co_sign_for",
    "confirm_signature",
    "convert_motion",
    "correct_reply_class",
    "countersign_reply",
    "create_draft",
    "decline_signature",
    "deny_extension",
    "deny_reassignment",
    "edit_reply",
    "evaluate_merged_reply",
    "evaluate_reply",
    "explain_follow_up",
    "follow_up_reply",
    "grant_extension",
    "invite_cosigners",
    "list_motion",
    "mark_key_supervised",
    "merge_suggestion",
    "not_accept_motion",
    "publish_reply",
    "record_committee_activity",
    "record_contact",
    "record_follow_up",
    "record_progress",
    "refer_motion",
    "register_suggestion",
    "register_suggestions",
    "release_reply",
    "report_motion",
    "request_extension",
    "request_reassignment",
    "return_for_revision",
    "return_reply",
    "sign_for",
    "sign_off_reply",
    "start_motion_handling",
    "start_reply",
    "submit",
    "submit_co_opinion",
    "submit_reply_for_check",
    "transfer_suggestion",
    "unmerge_suggestion",
    "update_draft",
    "withdraw",
    "withhold_reply",
]
