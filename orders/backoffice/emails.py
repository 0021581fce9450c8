"""Outgoing email in the back office: every message the site queued, the failed ones first to look at, an
email's page with its attempts and history, and sending a failed one again (marketplace.jobs.mail).

The email outbox is the core's; it is shown here because operators work here (the Operations menu)."""

from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from marketplace.jobs.mail import resend_email
from marketplace.jobs.models import OutgoingEmail
from marketplace.workflow import TransitionError, history


class EmailIndexView(IndexView):
    def get_base_queryset(self):
        # Failed emails first (what needs an operator), then the newest.
        failed = When(status=OutgoingEmail.Status.FAILED, then=Value(0))
        failed_first = Case(failed, default=Value(1), output_field=IntegerField())
        return OutgoingEmail.objects.order_by(failed_first, "-created_at", "-pk")


class EmailView(WagtailAdminTemplateMixin, TemplateView):
    """An email's page: to whom, what, its attempts and last error, its history; the body unless it holds an
    account link (sensitive); "Send again" when it failed."""

    template_name = "orders/admin/email.html"
    header_icon = "mail"
    index_url_name = None
    inspect_url_name = None

    def get(self, request, pk):
        self.email = get_object_or_404(OutgoingEmail, pk=pk)
        context = self.get_context_data(email=self.email, history=history(self.email))
        return self.render_to_response(context)

    def get_page_title(self):
        return self.email.subject

    def get_page_subtitle(self):
        return self.email.get_status_display()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": gettext_lazy("Emails")},
            {"url": "", "label": self.get_page_title()},
        ]


class ResendEmailView(View):
    """Queue a failed email again (`resend_email`), recorded with the operator; back to its page."""

    http_method_names = ["post"]
    inspect_url_name = None

    def post(self, request, pk):
        email = get_object_or_404(OutgoingEmail, pk=pk)
        try:
            resend_email(email.pk, actor=request.user)
        except TransitionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The email to %(to)s is queued again.") % {"to": email.to})
        return redirect(self.inspect_url_name, pk=email.pk)
