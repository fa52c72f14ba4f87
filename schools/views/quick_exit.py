"""Quick exit: end every session on this device, then leave for a neutral site."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from schools.pupil_session import sign_out_pupil


# Without CSRF protection on purpose: the only effect is signing out, and a quick exit must
# never fail because a form's token is stale.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Sign out whoever is signed in (staff or pupil), ask the browser to forget this site's
    cached pages and stored data, and redirect to ``QUICK_EXIT_URL``.

    The button's script opens this with ``location.replace`` so the page it left is not in the
    history; without the script it is an ordinary link.
    """
    logout(request)
    sign_out_pupil(request)
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response
