"""Curator moderation in the Wagtail admin: hide an abusive inquiry message (through the service)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from marketplace.workflow import TransitionError

from .models import Message
from .services.inquiries import hide_message


def hide_message_view(request, pk):
    if not request.user.is_curator:
        raise PermissionDenied
    message = get_object_or_404(Message.objects.select_related("thread__supplier", "author"), pk=pk)
    if request.method == "POST":
        reason = (request.POST.get("reason") or "").strip()
        if not reason:
            messages.error(request, _("Say why the message is hidden."))
        else:
            try:
                hide_message(message, curator=request.user, reason=reason)
            except TransitionError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("The message is hidden."))
                return redirect("trade_message:index")
    return render(request, "trade/admin/hide_message.html", {"message": message})
