"""A dashboard scope: the whole marketplace, a cluster or an event, over a period of whole days."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Cluster, Event, Exhibitor, Supplier

ALL, CLUSTER, EVENT = "all", "cluster", "event"
SCOPE_CHOICES = [(ALL, _("Whole marketplace")), (CLUSTER, _("A cluster")), (EVENT, _("An event"))]
# A year of figures by default: what a programme reports on.
DEFAULT_DAYS = 365


@dataclass(frozen=True)
class Scope:
    kind: str
    first_day: date
    last_day: date
    cluster: Cluster | None = None
    event: Event | None = None

    @property
    def starts(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.first_day, time.min))

    @property
    def ends(self) -> datetime:
        """The first moment after the period (exclusive), so the last day counts whole."""
        return timezone.make_aware(datetime.combine(self.last_day + timedelta(days=1), time.min))

    def in_period(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.starts, f"{field}__lt": self.ends})

    def of_suppliers(self, path: str) -> Q:
        """Records whose supplier (reached by `path`, e.g. "supplier" or "offer__supplier") is in scope.

        A subquery rather than a join: a cluster's suppliers through the many-to-many would repeat a record
        once per matching row, and the figures must count each record once."""
        if self.kind == CLUSTER:
            return Q(**{f"{path}__in": Supplier.objects.filter(clusters=self.cluster).values("pk")})
        if self.kind == EVENT:
            return Q(**{f"{path}__in": Exhibitor.objects.filter(event=self.event).values("supplier")})
        return Q()

    def query(self) -> dict:
        """The GET parameters that name this scope (for links to records and CSV)."""
        params = {"scope": self.kind, "from": self.first_day.isoformat(), "to": self.last_day.isoformat()}
        if self.cluster:
            params["cluster"] = self.cluster.pk
        if self.event:
            params["event"] = self.event.pk
        return params

    def __str__(self):
        if self.kind == CLUSTER:
            return str(self.cluster)
        if self.kind == EVENT:
            return str(self.event)
        return str(_("Whole marketplace"))


def default_period(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return today - timedelta(days=DEFAULT_DAYS - 1), today


class ScopeForm(forms.Form):
    scope = forms.ChoiceField(label=_("Scope"), choices=SCOPE_CHOICES, initial=ALL)
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=Cluster.objects.all(), required=False)
    event = forms.ModelChoiceField(label=_("Event"), queryset=Event.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Named "from" and "to" (no Python names): short links a curator can read and edit.
        for name, label in (("from", _("From")), ("to", _("To"))):
            self.fields[name] = forms.DateField(
                label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            )

    @classmethod
    def from_query(cls, query):
        """The form bound to a request's GET parameters; what they leave out is the default: the whole
        marketplace over the last 12 months (filled in, so the form shows the dates it counts)."""
        data = {name: query.get(name, "") for name in ("scope", "cluster", "event", "from", "to")}
        first, last = default_period()
        data["scope"] = data["scope"] or ALL
        data["from"] = data["from"] or first.isoformat()
        data["to"] = data["to"] or last.isoformat()
        return cls(data)

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            self.add_error("to", _("The last day cannot be before the first day."))
        if data.get("scope") == CLUSTER and not data.get("cluster"):
            self.add_error("cluster", _("Choose a cluster."))
        if data.get("scope") == EVENT and not data.get("event"):
            self.add_error("event", _("Choose an event."))
        return data

    def scope_value(self) -> Scope:
        data = self.cleaned_data
        kind = data["scope"]
        return Scope(
            kind=kind,
            first_day=data["from"],
            last_day=data["to"],
            cluster=data["cluster"] if kind == CLUSTER else None,
            event=data["event"] if kind == EVENT else None,
        )
