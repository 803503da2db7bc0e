from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from renda.core.errors import DomainError, NotPermitted
from renda.proposals.access import get_proposal_for, relations_of, reply_relations
from renda.proposals.actions import REPLY_REGISTRY, build_form, build_reply_form, spec_for
from renda.proposals.lifecycles import REPLY_LIFECYCLE, lifecycle_of
from renda.proposals.models import ReplyDraft
from renda.textmining.assist import assistance
from renda.textmining.services import settle_recommendations


@login_required
def item_action(request, pk: int, action: str):
    """One lifecycle action on one item: GET shows its form, POST performs it through the
    service. The lifecycle table decides whether the action is offered at all."""
    item = get_proposal_for(request.user, pk)
    lifecycle = lifecycle_of(item)
    spec = spec_for(item, action)
    if action not in lifecycle.transitions or spec is None:
        raise Http404
    try:
        transition = lifecycle.check(action, item.state, relations_of(request.user, item))
    except NotPermitted as refused:
        raise PermissionDenied(refused.message) from None
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("proposals:detail", pk=item.pk)
    posted = request.method == "POST"
    form = build_form(
        item, action, request.POST if posted else None, request.FILES if posted else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = spec.perform(item, request.user, form.cleaned_data)
        except NotPermitted as refused:
            raise PermissionDenied(refused.message) from None
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            if action == "assign":  # compare the decision with the recommendation shown
                settle_recommendations()
            messages.success(request, spec.done or _("Done."))
            target = result if getattr(result, "kind", None) and result.pk != item.pk else item
            return redirect("proposals:detail", pk=target.pk)
    template = "proposals/_action_form.html" if request.htmx else "proposals/action.html"
    return render(
        request,
        template,
        {
            "item": item,
            "form": form,
            "transition": transition,
            "spec": spec,
            "action": action,
            "form_url": reverse("proposals:action", args=[item.pk, action]),
            **assistance(request.user, item, action),
        },
    )


@login_required
def reply_action(request, pk: int, draft_pk: int, action: str):
    """One step of the reply's path on the item's current draft (see `item_action`)."""
    item = get_proposal_for(request.user, pk)
    draft = get_object_or_404(ReplyDraft.objects.select_related("unit"), pk=draft_pk, proposal=item)
    spec = REPLY_REGISTRY.get(action)
    if spec is None:
        raise Http404
    try:
        transition = REPLY_LIFECYCLE.check(
            action, draft.state, reply_relations(request.user, draft)
        )
    except NotPermitted as refused:
        raise PermissionDenied(refused.message) from None
    except DomainError as refused:
        messages.error(request, refused.message)
        return redirect("proposals:detail", pk=item.pk)
    posted = request.method == "POST"
    form = build_reply_form(
        draft, action, request.POST if posted else None, request.FILES if posted else None
    )
    if posted and form.is_valid():
        try:
            spec.perform(draft, request.user, form.cleaned_data)
        except NotPermitted as refused:
            raise PermissionDenied(refused.message) from None
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, spec.done or _("Done."))
            return redirect("proposals:detail", pk=item.pk)
    template = "proposals/_action_form.html" if request.htmx else "proposals/action.html"
    return render(
        request,
        template,
        {
            "item": item,
            "form": form,
            "transition": transition,
            "spec": spec,
            "action": action,
            "form_url": reverse("proposals:reply_action", args=[item.pk, draft.pk, action]),
        },
    )
