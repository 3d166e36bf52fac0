"""The desk's side of the ledger: confirm, correct, remove or restore one claim. Plain
forms posted from the story editor; the rules (who may, what sticks) are in ledger.py."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from newsdesk.claims import ledger
from newsdesk.claims.forms import ClaimCorrectionForm
from newsdesk.claims.models import Claim
from newsdesk.desk.access import desk_view

ACTIONS = {"confirm": ledger.confirm, "remove": ledger.remove, "restore": ledger.restore}
DONE = {
    "confirm": gettext_lazy("Figure confirmed."),
    "remove": gettext_lazy("Figure removed; it can be restored from the ledger."),
    "restore": gettext_lazy("Figure restored."),
}


def _back(claim):
    return redirect(reverse("desk:story-edit", args=[claim.story_id]) + f"#claim-{claim.pk}")


@desk_view
@require_http_methods(["GET", "POST"])
def claim(request, pk):
    claim = get_object_or_404(
        Claim.objects.select_related("story"), pk=pk, story__deleted_at__isnull=True
    )
    ledger.check_editable(claim, request.user)
    action = request.POST.get("action", "correct")
    if request.method == "POST" and action in ACTIONS:
        ACTIONS[action](claim, request.user)
        messages.success(request, DONE[action])
        return _back(claim)
    prefix = f"claim-{claim.pk}"
    form = ClaimCorrectionForm(instance=Claim.objects.get(pk=claim.pk), prefix=prefix)
    if request.method == "POST":
        if action != "correct":
            messages.error(request, _("Unknown action."))
            return _back(claim)
        form = ClaimCorrectionForm(request.POST, instance=claim, prefix=prefix)
        if form.is_valid():
            ledger.correct(Claim.objects.get(pk=claim.pk), request.user, form.cleaned_data)
            messages.success(request, _("Correction saved."))
            return _back(claim)
    status = 400 if form.errors else 200
    return render(
        request, "claims/desk_correct.html", {"claim": claim, "form": form}, status=status
    )
