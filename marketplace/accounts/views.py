from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, PasswordResetConfirmView, PasswordResetView
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import language, services, throttling
from .forms import BuyerSignupForm, EmailLoginForm, PasswordResetByEmailForm, SupplierSignupForm


class EmailLoginView(LoginView):
    form_class = EmailLoginForm
    template_name = "registration/login.html"

    def form_valid(self, form):
        # The language the account chose (header or profile) comes back with the login, on any browser.
        return language.remember_at_login(super().form_valid(form), form.get_user())


def safe_next(request, default="/"):
    return _on_this_site(request, request.POST.get("next") or request.GET.get("next") or "", default)


def _on_this_site(request, target, default):
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def signup(request):
    """Buyer sign-up. Whether or not the email has an account, a valid form leads to the same "check your
    inbox" page (services.request_signup emails the difference to the address's owner). `next` carries the
    visitor back to what they were doing (e.g. an unsent inquiry) once they confirm."""
    form = BuyerSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_signup(**form.cleaned_data, next_url=safe_next(request, ""))
        return redirect("signup-sent")
    return render(request, "registration/signup.html", {"form": form, "next": safe_next(request, "")})


def supplier_signup(request):
    """An artisan's sign-up (name, email, password), answered as a buyer's is; `next` brings them back to
    their application once they confirm (the join page links here with it)."""
    form = SupplierSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_supplier_signup(**form.cleaned_data, next_url=safe_next(request, ""))
        return redirect("signup-sent")
    return render(
        request, "registration/supplier_signup.html", {"form": form, "next": safe_next(request, "")}
    )


def signup_sent(request):
    return render(request, "registration/signup_sent.html")


@require_http_methods(["GET", "POST"])
def signup_confirm(request, token):
    """The emailed link: GET asks to confirm (mail scanners that open links create nothing), POST creates the
    account, logs the buyer in and takes them where they were going."""
    try:
        if request.method == "GET":
            pending = services.pending_signup(token)
            context = {"email": pending.email, "supplier": services.is_supplier_signup(pending)}
            return render(request, "registration/signup_confirm.html", context)
        confirmed = services.confirm_signup(token, language=get_language())
    except services.AccountError as error:
        return render(request, "registration/signup_confirm.html", {"error": error.message}, status=400)
    login(request, confirmed.user, backend="django.contrib.auth.backends.ModelBackend")
    # A visitor who chose a language with the header's switcher before signing up keeps it on the account.
    language.save_choice(confirmed.user, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""))
    messages.success(request, _("Your account is ready. Welcome!"))
    return redirect(_on_this_site(request, confirmed.next_url, "/"))


class PasswordResetByEmailView(PasswordResetView):
    form_class = PasswordResetByEmailForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class NewPasswordView(PasswordResetConfirmView):
    """Django's reset confirmation; a new password also lifts the account's login lock (throttling)."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        throttling.forget_failures(form.user)
        return response
