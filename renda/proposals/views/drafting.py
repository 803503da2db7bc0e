from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.errors import DomainError, NotPermitted
from renda.proposals import services
from renda.proposals.access import get_proposal_for, relations_of
from renda.proposals.actions import build_form
from renda.proposals.forms import DraftForm, NewDraftForm
from renda.proposals.lifecycles import lifecycle_of
from renda.proposals.models import Kind, ProposerKind


@login_required
def new_draft(request, kind: str):
    """A deputy starts a motion or a suggestion."""
    if kind not in Kind.values:
        raise Http404
    form = NewDraftForm(request.POST if request.method == "POST" else None, kind=kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        in_delegation = data.pop("in_delegation_name", False)
        try:
            item = services.create_draft(
                actor=request.user,
                kind=kind,
                **data,
                proposer_kind=ProposerKind.DELEGATION if in_delegation else ProposerKind.DEPUTIES,
                delegation=getattr(request.user.deputy, "delegation", None)
                if in_delegation
                else None,
            )
        except NotPermitted as refused:
            raise PermissionDenied(refused.message) from None
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Draft saved. Invite co-signers, then submit."))
            return redirect("proposals:edit", pk=item.pk)
    return render(request, "proposals/draft_new.html", {"form": form, "kind": kind})


def _editable(request, pk):
    item = get_proposal_for(request.user, pk)
    try:
        lifecycle_of(item).check("edit", item.state, relations_of(request.user, item))
    except NotPermitted as refused:
        raise PermissionDenied(refused.message) from None
    except DomainError:
        return item, False
    return item, True


@login_required
def edit_draft(request, pk: int):
    """The draft page: the text (saved automatically), co-signers, and submission."""
    item, editable = _editable(request, pk)
    if not editable:
        return redirect("proposals:detail", pk=item.pk)
    form = DraftForm(
        request.POST if request.method == "POST" else None, instance=item, kind=item.kind
    )
    if request.method == "POST" and form.is_valid():
        if _save(request, item, form):
            messages.success(request, _("Draft saved."))
            return redirect("proposals:edit", pk=item.pk)
    return render(
        request,
        "proposals/draft_edit.html",
        {
            "item": item,
            "form": form,
            "signatures": item.signatures.select_related("deputy__delegation"),
            "invite_form": build_form(item, "invite"),
            "submit_form": build_form(item, "submit"),
        },
    )


def _save(request, item, form) -> bool:
    changes = {name: form.cleaned_data[name] for name in form.fields}
    try:
        services.update_draft(item, actor=request.user, **changes)
    except DomainError as refused:
        form.add_error(None, refused.message)
        return False
    return True


@login_required
@require_POST
def autosave(request, pk: int):
    """htmx: save the draft as the deputy types; answers with the time saved."""
    item, editable = _editable(request, pk)
    if not editable:
        return HttpResponse(_("This item is no longer a draft."), status=409)
    form = DraftForm(request.POST, instance=item, kind=item.kind)
    if not form.is_valid() or not _save(request, item, form):
        errors = "；".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponse(_("Not saved: %(errors)s") % {"errors": errors})
    stamp = timezone.localtime().strftime("%H:%M:%S")
    return HttpResponse(_("Saved automatically at %(time)s") % {"time": stamp})
