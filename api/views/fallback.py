"""Any other path under /api/v1/ (a typo, an id that is no number): a JSON 404 in the API's error shape,
not the site's HTML page, nor a redirect to add a slash (a client's POST body would be lost on it)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ..errors import error_body


@csrf_exempt  # it changes nothing; a POST there must get this 404, not the CSRF failure page
def not_found(request):
    return JsonResponse(
        error_body("not_found", _("There is nothing at this address of the API.")), status=404
    )
