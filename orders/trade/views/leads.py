"""The follow-up pipeline on /sell/leads/: a supplier's leads by next action, and one lead's page with its
stage, next action, links and history (services.lead_pipeline). A lead the user may not see is a 404, as
another supplier's quote is."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog.events.models import Event
from marketplace.formfields import SingleLineField
from marketplace.workflow import TransitionError, history

from ..models import Lead
from ..services import lead_pipeline as pipeline
from ..services.access import member_supplier_ids

PAGE_SIZE = 25


class LeadFilter(forms.Form):
    stage = forms.ChoiceField(
        label=gettext_lazy("Stage"),
        required=False,
        choices=[("", gettext_lazy("All stages")), *Lead.Stage.choices],
    )
    event = forms.ModelChoiceField(
        label=gettext_lazy("Event"),
        required=False,
        queryset=Event.objects.none(),
        empty_label=gettext_lazy("All events"),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Move to"), choices=Lead.Stage.choices)
    reason = SingleLineField(
        label=gettext_lazy("Why it was lost"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Needed when the lead is lost."),
    )

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [
            (stage.value, stage.label) for stage in pipeline.stages_open_to_people(lead)
        ]


class NextActionForm(forms.Form):
    next_action_on = forms.DateField(
        label=gettext_lazy("Next action on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Leave empty for no follow-up date."),
    )
    next_action = SingleLineField(label=gettext_lazy("Next action"), required=False, max_length=200)


def _visible_leads(request):
    if not request.user.is_curator and not member_supplier_ids(request.user):
        raise Http404
    return pipeline.leads_visible_to(request.user)


@login_required
def sell_leads(request):
    visible = _visible_leads(request)
    events = Event.objects.filter(pk__in=visible.exclude(event=None).values("event_id")).order_by(
        "-starts_on"
    )
    form = LeadFilter(request.GET or None, events=events)
    # An unknown stage or event is said next to the filter (400); the list shows every lead meanwhile.
    filters = form.cleaned_data if form.is_valid() else {}
    leads = visible.select_related("supplier", "event")
    if filters.get("stage"):
        leads = leads.filter(stage=filters["stage"])
    if filters.get("event"):
        leads = leads.filter(event=filters["event"])
    page = Paginator(pipeline.pipeline_order(leads), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "leads": list(page),
        "today": today,
        "query": query.urlencode(),
        "several_suppliers": request.user.is_curator or len(member_supplier_ids(request.user)) > 1,
    }
    return render(request, "trade/sell_leads.html", context, status=400 if form.errors else 200)


def _lead_for(request, pk):
    lead = get_object_or_404(_visible_leads(request).select_related("supplier", "event", "buyer"), pk=pk)
    if not pipeline.may_follow_up(request.user, lead):
        raise Http404
    return lead


def _history_rows(lead):
    """The lead's history as the page shows it: stage changes with their labels, next actions with their
    date (stored as text in the audit record)."""
    rows = []
    for change in history(lead):
        row = {"change": change, "kind": change.field}
        if change.field == "next_action_on":
            row["on"] = date.fromisoformat(change.to_state) if change.to_state else None
        rows.append(row)
    return rows


@login_required
def sell_lead(request, pk):
    lead = _lead_for(request, pk)
    links = lead.links.select_related("thread", "rfq", "quote__rfq", "order")
    context = {
        "lead": lead,
        "categories": lead.categories.all(),
        "links": links,
        "history": _history_rows(lead),
        "stage_form": StageForm(lead=lead),
        "next_form": NextActionForm(
            initial={"next_action_on": lead.next_action_on, "next_action": lead.next_action}
        ),
        "today": timezone.localdate(),
    }
    return render(request, "trade/sell_lead_detail.html", context)


@login_required
@require_POST
def sell_lead_stage(request, pk):
    lead = _lead_for(request, pk)
    form = StageForm(request.POST, lead=lead)
    if not form.is_valid():
        messages.error(request, _("Choose a stage this lead can move to."))
        return redirect("trade:sell-lead", lead.pk)
    try:
        result = pipeline.move_stage(
            lead, form.cleaned_data["stage"], actor=request.user, reason=form.cleaned_data["reason"]
        )
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        if result.changed:
            messages.success(
                request, _("The lead is now “%(stage)s”.") % {"stage": result.obj.get_stage_display()}
            )
    return redirect("trade:sell-lead", lead.pk)


@login_required
@require_POST
def sell_lead_next_action(request, pk):
    lead = _lead_for(request, pk)
    form = NextActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
        return redirect("trade:sell-lead", lead.pk)
    pipeline.set_next_action(
        lead,
        actor=request.user,
        on=form.cleaned_data["next_action_on"],
        action=form.cleaned_data["next_action"],
    )
    messages.success(request, _("The next action is saved."))
    return redirect("trade:sell-lead", lead.pk)
