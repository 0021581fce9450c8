"""Trade fairs and expos (the 2026 SME Cluster Showcase Expo and the ones after it) and who exhibited.

Events live in the catalog because the storefront side (the event page in cms) lists their exhibitors;
the leads met there belong to the trade app (orders.trade.models.lead), which builds on these.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=100)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="event_dates")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first day.")})


class Exhibitor(models.Model):
    """A supplier exhibiting at an event, at a booth."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors")
    supplier = models.ForeignKey("catalog.Supplier", on_delete=models.PROTECT, related_name="exhibitions")
    booth = models.CharField(_("booth"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "booth", "supplier__name"]
        verbose_name = _("exhibitor")
        verbose_name_plural = _("exhibitors")
        constraints = [models.UniqueConstraint(fields=["event", "supplier"], name="one_exhibitor_per_event")]

    def __str__(self):
        return f"{self.supplier} @ {self.event}"
