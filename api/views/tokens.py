"""/accounts/api-tokens/: a signed-in user makes and revokes their own API tokens.

A new token's secret is shown on the response to the POST that made it, and never again (only its hash is
kept): that response is not cached anywhere, and reloading it does not show the secret.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import tokens
from ..forms import RevokeForm, TokenForm
from ..models import ApiToken


@never_cache
@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST":
        if form.is_valid():
            token, new_secret = tokens.issue_token(
                request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
            messages.success(request, _("Token “%(name)s” made. Copy it now: it is shown only once.") % {
                "name": token.name
            })  # fmt: skip
            form = TokenForm()
        else:
            messages.error(request, _("Please correct the marked fields; nothing you typed was lost."))
    context = {
        "form": form,
        "new_secret": new_secret,
        "tokens": ApiToken.objects.of_user(request.user),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def revoke(request):
    form = RevokeForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        token = tokens.revoke_token(request.user, form.cleaned_data["token"])
    except ApiToken.DoesNotExist as error:
        raise Http404 from error  # another user's token: as if it did not exist
    messages.success(request, _("Token “%(name)s” revoked: it no longer works.") % {"name": token.name})
    return redirect("api_tokens:list")
