"""The two lifecycles, as data (domain.md, "Motions" and "Suggestions").

Roles are relations of the actor to the item (see `access.relations_of`):
proposer, invitee, cosigner, staff, presidium, lead_unit, co_unit, committee.
An action with no targets records a step without changing the state.
"""

from django.utils.translation import gettext_lazy as _

from renda.core.lifecycle import Lifecycle, transition
from renda.proposals.models import Kind

PROPOSER = {"proposer"}
STAFF = {"staff"}
DECIDERS = {"presidium", "staff"}  # staff record decisions on the presidium's behalf too
UNITS = {"lead_unit", "co_unit"}

MOTION_STATES = {
    "draft": _("draft"),
    "submitted": _("submitted"),
    "under_review": _("under review"),
    "referred": _("referred to a committee"),
    "listed": _("listed as a motion"),
    "converted": _("handled as a suggestion"),
    "not_accepted": _("not accepted"),
    "withdrawn": _("withdrawn"),
    "in_handling": _("in handling"),
    "reported": _("reported"),
    "closed": _("closed"),
}

MOTION_LIFECYCLE = Lifecycle(
    "motion",
    MOTION_STATES,
    [
        transition("edit", ["draft"], [], PROPOSER, _("edit")),
        transition("invite", ["draft"], [], PROPOSER, _("invite co-signers")),
        transition("confirm_signature", ["draft"], [], {"invitee"}, _("confirm signature")),
        transition("decline_signature", ["draft"], [], {"invitee"}, _("decline signature")),
        transition("submit", ["draft"], ["submitted"], PROPOSER, _("submit")),
        transition(
            "withdraw",
            ["draft", "submitted", "under_review", "referred"],
            ["withdrawn"],
            PROPOSER,
            _("withdraw"),
        ),
        transition("begin_review", ["submitted"], ["under_review"], STAFF, _("begin review")),
        transition(
            "return_for_revision",
            ["submitted", "under_review"],
            ["draft"],
            STAFF,
            _("return for revision"),
        ),
        transition("refer", ["under_review"], ["referred"], DECIDERS, _("refer to a committee")),
        transition(
            "list_as_motion",
            ["under_review", "referred"],
            ["listed"],
            DECIDERS,
            _("list as a motion"),
        ),
        transition(
            "convert_to_suggestion",
            ["under_review", "referred"],
            ["converted"],
            DECIDERS,
            _("handle as a suggestion"),
        ),
        transition(
            "not_accept",
            ["under_review", "referred"],
            ["not_accepted"],
            DECIDERS,
            _("not accept"),
        ),
        transition("start_handling", ["listed"], ["in_handling"], STAFF, _("start handling")),
        transition(
            "record_activity",
            ["in_handling"],
            [],
            {"committee", "staff"},
            _("record supervision activity"),
        ),
        transition("record_progress", ["in_handling"], [], UNITS, _("record progress")),
        transition(
            "report",
            ["in_handling"],
            ["reported"],
            {"committee", "staff"},
            _("report on handling"),
        ),
        transition("close", ["reported"], ["closed"], STAFF, _("close")),
    ],
)

SUGGESTION_STATES = {
    "draft": _("draft"),
    "submitted": _("submitted"),
    "accepted": _("accepted"),
    "transferred": _("transferred as a letter"),
    "withdrawn": _("withdrawn"),
    "assigned": _("assigned"),
    "in_handling": _("in handling"),
    "replied": _("replied"),
    "rehandling": _("re-handling"),
    "closed": _("closed"),
    "merged": _("merged into another item"),
}

HANDLING = ["assigned", "in_handling", "rehandling"]
FOLLOWED = ["replied", "rehandling", "closed"]  # a class-B reply is followed up after it
# Who releases a reply after the supervising review (督办审核): congress staff, or the
# government's supervising office for the government's own units.
REVIEWERS = {"staff", "coordinator"}

SUGGESTION_LIFECYCLE = Lifecycle(
    "suggestion",
    SUGGESTION_STATES,
    [
        transition("edit", ["draft"], [], PROPOSER, _("edit")),
        transition("invite", ["draft"], [], PROPOSER, _("invite co-proposers")),
        transition("confirm_signature", ["draft"], [], {"invitee"}, _("confirm signature")),
        transition("decline_signature", ["draft"], [], {"invitee"}, _("decline signature")),
        transition("submit", ["draft"], ["submitted"], PROPOSER, _("submit")),
        transition("withdraw", ["draft", "submitted"], ["withdrawn"], PROPOSER, _("withdraw")),
        transition("accept", ["submitted"], ["accepted"], STAFF, _("accept")),
        transition(
            "return_for_revision", ["submitted"], ["draft"], STAFF, _("return for revision")
        ),
        transition("transfer", ["submitted"], ["transferred"], STAFF, _("transfer as a letter")),
        transition("assign", ["accepted"], ["assigned"], STAFF, _("assign")),
        transition(
            "mark_key_supervised",
            ["accepted", *HANDLING, "replied"],
            [],
            STAFF,
            _("mark as key supervised"),
        ),
        transition("sign_for", ["assigned"], ["in_handling"], {"lead_unit"}, _("sign for")),
        transition(
            "co_sign_for",
            ["assigned", "in_handling", "rehandling"],
            [],
            {"co_unit"},
            _("sign for as co-unit"),
        ),
        transition(
            "request_reassignment",
            ["assigned", "in_handling"],
            [],
            UNITS,
            _("request reassignment"),
        ),
        transition(
            "approve_reassignment",
            ["assigned", "in_handling"],
            ["assigned", "in_handling"],
            STAFF,
            _("approve reassignment"),
        ),
        transition(
            "deny_reassignment", ["assigned", "in_handling"], [], STAFF, _("deny reassignment")
        ),
        transition("record_contact", ["in_handling", "rehandling"], [], UNITS, _("record contact")),
        transition(
            "record_progress", ["in_handling", "rehandling"], [], UNITS, _("record progress")
        ),
        transition(
            "submit_co_opinion",
            ["assigned", "in_handling", "rehandling"],
            [],
            {"co_unit"},
            _("send co-unit opinion"),
        ),
        transition(
            "record_activity",
            [*HANDLING, "replied"],
            [],
            {"committee", "staff"},
            _("record supervision activity"),
        ),
        transition(
            "draft_reply", ["in_handling", "rehandling"], [], {"lead_unit"}, _("draft the reply")
        ),
        transition(
            "release_reply",
            ["in_handling", "rehandling"],
            ["replied"],
            REVIEWERS,
            _("release the reply"),
        ),
        transition("request_extension", HANDLING, [], {"lead_unit"}, _("request an extension")),
        transition("grant_extension", HANDLING, [], STAFF, _("grant the extension")),
        transition("deny_extension", HANDLING, [], STAFF, _("deny the extension")),
        transition("record_follow_up", FOLLOWED, [], {"lead_unit"}, _("record follow-up progress")),
        transition("follow_up_reply", FOLLOWED, [], {"lead_unit"}, _("send the follow-up reply")),
        transition(
            "explain_follow_up", FOLLOWED, [], {"lead_unit"}, _("explain why it is not solved")
        ),
        transition(
            "evaluate", ["replied"], ["closed", "rehandling"], {"proposer", "staff"}, _("evaluate")
        ),
        transition("close", ["replied"], ["closed"], STAFF, _("close without feedback")),
        transition("publish", ["replied", "closed"], [], STAFF, _("publish the reply")),
        transition("withhold", ["replied", "closed"], [], STAFF, _("mark not for disclosure")),
        # 并案处理: the item follows another's handling until the merge is undone (merging.py).
        transition("merge", ["accepted"], ["merged"], STAFF, _("merge into another item")),
        transition("unmerge", ["merged"], ["accepted"], STAFF, _("undo the merge")),
        transition(
            "evaluate_merged", ["merged"], [], {"proposer", "staff"}, _("evaluate the joint reply")
        ),
    ],
)

REPLY_STATES = {
    "drafting": _("drafting"),
    "checking": _("awaiting the general office's check"),
    "signing": _("awaiting sign-off"),
    "countersigning": _("awaiting countersignature"),
    "reviewing": _("awaiting supervising review"),
    "released": _("released"),
}

# The reply's own path (答复的内部审批): roles are the actor's part in it — the lead unit's
# drafter, checker (general office) and signer (leader in charge), a co-unit, the reviewer.
REPLY_LIFECYCLE = Lifecycle(
    "reply",
    REPLY_STATES,
    [
        transition("edit", ["drafting"], [], {"drafter"}, _("edit the draft")),
        transition(
            "submit_for_check", ["drafting"], ["checking"], {"drafter"}, _("submit for checking")
        ),
        transition("check", ["checking"], ["signing"], {"checker"}, _("pass the check")),
        transition(
            "return_from_check", ["checking"], ["drafting"], {"checker"}, _("return the draft")
        ),
        transition(
            "sign_off", ["signing"], ["countersigning", "reviewing"], {"signer"}, _("sign off")
        ),
        transition(
            "return_from_signing", ["signing"], ["drafting"], {"signer"}, _("return the draft")
        ),
        transition(
            "countersign",
            ["countersigning"],
            ["countersigning", "reviewing"],
            {"co_unit"},
            _("countersign"),
        ),
        transition(
            "return_from_review", ["reviewing"], ["drafting"], {"reviewer"}, _("return the draft")
        ),
        transition("correct_class", ["reviewing"], [], {"reviewer"}, _("correct the class")),
        transition("release", ["reviewing"], ["released"], {"reviewer"}, _("release")),
    ],
)

# States in which a reply is owed and the due date runs (overdue / due soon are derived).
AWAITING_REPLY = frozenset(HANDLING)


def lifecycle_of(proposal) -> Lifecycle:
    return MOTION_LIFECYCLE if proposal.kind == Kind.MOTION else SUGGESTION_LIFECYCLE
