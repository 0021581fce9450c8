"""/accounts/profile/: the signed-in user's own account on one page, and the emailed links proving an address.

Each section (name and country, currency, password, email) is its own small form posting to its own URL: a
form that fails comes back on the page with what was typed and its errors, the others as they were.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace import currency

from . import addresses, language, verification
from .forms import ChangeEmailForm, PreferredCurrencyForm, ProfileDetailsForm, ProfilePasswordForm
from .models import EmailConfirmation, User
from .services import AccountError
from .views import safe_next

# Each form's ids carry its section's name: four forms on one page, and two of them have a "password".
DETAILS_IDS, CURRENCY_IDS, PASSWORD_IDS, EMAIL_IDS = "details-%s", "currency-%s", "password-%s", "email-%s"
LANGUAGE_IDS = "language-%s"


def _profile_page(request, status=200, **bound_forms):
    user = request.user
    context = {
        "details_form": ProfileDetailsForm(instance=user, auto_id=DETAILS_IDS),
        "currency_form": PreferredCurrencyForm(
            initial={"preferred_currency": user.preferred_currency}, auto_id=CURRENCY_IDS
        ),
        "password_form": ProfilePasswordForm(user, auto_id=PASSWORD_IDS),
        "email_form": ChangeEmailForm(user, auto_id=EMAIL_IDS),
        "language_form": language.LanguageForm(
            initial={"language": user.language or translation.get_language()}, auto_id=LANGUAGE_IDS
        ),
        **bound_forms,
        "addresses": list(addresses.for_user(user)),
        # A change waiting for its link (not a link proving the current address: the page says that apart).
        "pending_email": EmailConfirmation.objects.filter(user=user).exclude(email=user.email).first(),
    }
    return render(request, "registration/profile.html", context, status=status)


@login_required
def profile(request):
    return _profile_page(request)


@login_required
@require_POST
def update_details(request):
    # Not bound to request.user itself: a failing form must not leave typed values on the page's user.
    fresh = User.objects.get(pk=request.user.pk)
    form = ProfileDetailsForm(request.POST, instance=fresh, auto_id=DETAILS_IDS)
    if not form.is_valid():
        return _profile_page(request, status=400, details_form=form)
    form.save()
    messages.success(request, _("Your name and country are saved."))
    return redirect("accounts:profile")


@login_required
@require_POST
def update_currency(request):
    form = PreferredCurrencyForm(request.POST, auto_id=CURRENCY_IDS)
    if not form.is_valid():
        return _profile_page(request, status=400, currency_form=form)
    code = form.cleaned_data["preferred_currency"]
    currency.remember_preferred_currency(request.user, code)
    messages.success(request, _("Prices are now shown in %(code)s.") % {"code": code})
    response = redirect("accounts:profile")
    currency.remember_on_response(response, code)  # the header's choice too: the site switches at once
    return response


@login_required
@require_POST
def update_language(request):
    """The profile's language section: saved on the account and set in this browser's cookie, as the header's
    switcher does."""
    form = language.LanguageForm(request.POST, auto_id=LANGUAGE_IDS)
    if not form.is_valid():
        return _profile_page(request, status=400, language_form=form)
    code = form.cleaned_data["language"]
    language.save_choice(request.user, code)
    translation.activate(code)  # the confirmation is written in the language just chosen
    messages.success(request, _("The site is now shown in the language you chose."))
    response = redirect("accounts:profile")
    language.set_cookie(response, code)
    return response


@login_required
@require_POST
def change_password(request):
    form = ProfilePasswordForm(request.user, request.POST, auto_id=PASSWORD_IDS)
    if not form.is_valid():
        return _profile_page(request, status=400, password_form=form)
    form.save()
    update_session_auth_hash(request, form.user)  # this session stays signed in; the others end
    messages.success(request, _("Your password is changed."))
    return redirect("accounts:profile")


@login_required
@require_POST
def change_email(request):
    """Sends the new address its link (verification.request_email_change); the page says the same whether or
    not another account has that address."""
    form = ChangeEmailForm(request.user, request.POST, auto_id=EMAIL_IDS)
    if form.is_valid():
        try:
            verification.request_email_change(request.user, form.cleaned_data["email"])
        except AccountError as error:
            form.add_error(None, error.message)
    if not form.is_valid():
        return _profile_page(request, status=400, email_form=form)
    messages.info(
        request,
        _("We sent a link to %(email)s. Follow it, logged in, to make it your email address.")
        % {"email": form.cleaned_data["email"]},
    )
    return redirect("accounts:profile")


@login_required
@require_POST
def send_verification(request):
    """ "Send me the link again", from the profile or from a page an unverified account may not use yet."""
    try:
        sent = verification.send_verification(request.user)
    except AccountError as error:
        messages.error(request, error.message)
    else:
        if sent:
            messages.info(
                request,
                _("We sent a link to %(email)s. Follow it, logged in, to confirm your address.")
                % {"email": request.user.email},
            )
        else:
            messages.info(request, _("Your email address is confirmed already."))
    return redirect(safe_next(request, default=reverse("accounts:profile")))


@login_required
@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    """The emailed link: GET asks to confirm (a mail scanner opening it changes nothing), POST confirms. Only
    its own user's: for anyone else, as for a used or expired link, there is no such link (404)."""
    try:
        if request.method == "GET":
            pending = verification.pending_confirmation(request.user, token)
            return render(request, "registration/email_confirm.html", {"pending": pending})
        user = verification.confirm_email(request.user, token)
    except AccountError as error:
        status = 404 if error.code == "invalid_link" else 400
        return render(request, "registration/email_confirm.html", {"error": error.message}, status=status)
    messages.success(request, _("Your email address is now %(email)s, confirmed.") % {"email": user.email})
    return redirect("accounts:profile")
