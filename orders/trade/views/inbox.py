"""Inquiry pages: the inbox, a new inquiry (with the sign-up detour), a thread, attachments."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import Product, Supplier
from marketplace.downloads import private_file_response
from marketplace.workflow import TransitionError

from ..attachments import may_download
from ..forms import InquiryForm, ReplyForm
from ..models import Attachment
from ..services import inquiries
from ..services.access import threads_visible_to

DRAFT_KEY = "trade_inquiry_draft"


@login_required
def inbox(request):
    threads = list(
        threads_visible_to(request.user)
        .select_related("supplier", "buyer", "product")
        .order_by("-last_message_at")[:100]
    )
    unread = inquiries.unread_counts(threads, request.user)
    rows = [
        {"thread": t, "unread": unread.get(t.pk, 0), "as_buyer": t.buyer_id == request.user.pk}
        for t in threads
    ]
    return render(request, "trade/inbox.html", {"rows": rows, "total_unread": sum(unread.values())})


def new_inquiry(request):
    """Anyone may fill the form; an anonymous visitor's draft is kept in the session across sign-up/login and
    restored here for them to send."""
    supplier = get_object_or_404(Supplier.objects.active(), slug=request.GET.get("supplier", ""))
    product = None
    if request.GET.get("product"):
        product = get_object_or_404(Product.objects.visible(), slug=request.GET["product"], supplier=supplier)
    kept = {key: value for key, value in request.GET.items() if key in ("supplier", "product")}
    here = f"{reverse('trade:inquiry-new')}?{urlencode(kept)}"
    draft = request.session.get(DRAFT_KEY)
    draft = draft if draft and draft.get("supplier") == supplier.slug else None
    if request.method == "POST":
        form = InquiryForm(request.POST, request.FILES)
        if form.is_valid() and not request.user.is_authenticated:
            request.session[DRAFT_KEY] = {
                "supplier": supplier.slug,
                **{name: form.cleaned_data[name] for name in InquiryForm.DRAFT_FIELDS},
            }
            messages.info(request, _("Your message is saved. Create an account (or log in) to send it."))
            return redirect(f"{reverse('signup')}?{urlencode({'next': here})}")
        if form.is_valid():
            try:
                thread = inquiries.start_inquiry(
                    buyer=request.user,
                    supplier=supplier,
                    product=product,
                    body=form.cleaned_data["body"],
                    quantity=form.cleaned_data["quantity"],
                    destination_country=form.cleaned_data["destination_country"],
                    attachments=form.cleaned_data["attachments"],
                )
            except TransitionError as exc:
                form.add_error(None, exc.message)
            else:
                request.session.pop(DRAFT_KEY, None)
                messages.success(
                    request, _("Your inquiry was sent to %(supplier)s.") % {"supplier": supplier}
                )
                return redirect("trade:thread", thread.pk)
    else:
        form = InquiryForm(initial=draft or {})
        if draft and request.user.is_authenticated:
            messages.info(request, _("We kept the message you wrote. Check it and press Send."))
    context = {"form": form, "supplier": supplier, "product": product, "login_next": here}
    return render(request, "trade/inquiry_new.html", context, status=400 if form.errors else 200)


def _thread_for(user, pk):
    return get_object_or_404(threads_visible_to(user).select_related("supplier", "buyer", "product"), pk=pk)


@login_required
def thread_detail(request, pk):
    thread = _thread_for(request.user, pk)
    form = ReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            inquiries.reply(
                thread,
                author=request.user,
                body=form.cleaned_data["body"],
                attachments=form.cleaned_data["attachments"],
            )
        except TransitionError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("trade:thread", thread.pk)
    else:
        inquiries.mark_read(thread, request.user)
    thread_messages = thread.messages.select_related("author").prefetch_related("attachments")
    context = {
        "thread": thread,
        "thread_messages": thread_messages,
        "form": form,
        "as_buyer": thread.buyer_id == request.user.pk,
    }
    return render(request, "trade/thread.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def thread_close(request, pk):
    thread = _thread_for(request.user, pk)
    try:
        if request.POST.get("reopen"):
            inquiries.reopen_thread(thread, actor=request.user)
        else:
            inquiries.close_thread(thread, actor=request.user)
    except TransitionError as exc:
        messages.error(request, exc.message)
    return redirect("trade:thread", thread.pk)


@login_required
def attachment(request, pk):
    """An attachment, as a download, to the people `may_download` allows; everyone else gets 404."""
    item = get_object_or_404(Attachment.objects.select_related("message", "rfq"), pk=pk)
    if not may_download(request.user, item):
        raise Http404
    return private_file_response(item.file, filename=item.name, content_type=item.content_type)
