"""A fingerprint of everything a service could touch, to prove a refusal changed nothing."""

from django.forms.models import model_to_dict

from renda.proposals.models import (
    Assignment,
    CommitteeActivity,
    Countersignature,
    Evaluation,
    ExtensionRequest,
    FollowUp,
    HandlingRecord,
    NumberSequence,
    Proposal,
    ProposalEvent,
    ReassignmentRequest,
    Reply,
    ReplyDraft,
    Signature,
)


def snapshot(item: Proposal) -> dict:
    fresh = Proposal.objects.get(pk=item.pk)
    return {
        "item": model_to_dict(fresh),
        "events": ProposalEvent.objects.filter(proposal=item).count(),
        "all_events": ProposalEvent.objects.count(),
        "proposals": Proposal.objects.count(),
        "signatures": sorted(Signature.objects.values_list("pk", "status")),
        "assignments": sorted(
            Assignment.objects.values_list("pk", "active", "signed_at", "opinion_at")
        ),
        "requests": sorted(ReassignmentRequest.objects.values_list("pk", "status")),
        "records": HandlingRecord.objects.count(),
        "replies": Reply.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "activities": CommitteeActivity.objects.count(),
        "numbers": sorted(NumberSequence.objects.values_list("scope", "last")),
        "drafts": sorted(ReplyDraft.objects.values_list("pk", "state", "result_class", "body")),
        "countersignatures": Countersignature.objects.count(),
        "follow_ups": sorted(FollowUp.objects.values_list("pk", "state")),
        "extensions": sorted(ExtensionRequest.objects.values_list("pk", "status")),
    }
