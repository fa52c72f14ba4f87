"""Pupils linking their school Google or Microsoft account, and signing in with it.

A pupil who has signed in with their class code and personal code may link the school account
they use at school; afterwards that account signs them in, so a lost card stops being a
lesson-time problem. Only a keyed hash of the provider's issuer and subject identifier is
kept, on the pupil (``Pupil.account_digest``): never the email address, name or photo the
provider sends, and no token. Unlinking is one press. A school can turn linking off
(``School.pupil_account_linking``): then no pupil of it can link, and linked accounts no
longer sign anyone in.

The same providers as staff sign-in (allauth's OpenID Connect apps, ``config/settings/sso.py``)
are used through allauth's provider classes, but not allauth's sign-in flow, which would make
a staff account with the pupil's email address. The round trip is the authorization code flow
with state, nonce and PKCE; the ID token, received straight from the provider's token
endpoint, is checked (issuer, audience, expiry) by allauth's own token checker, as in its own
sign-in, and its nonce here.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.internal import jwtkit
from django.http import HttpRequest
from django.urls import reverse
from django.utils.crypto import salted_hmac

SESSION_KEY = "pupil_account_flow"
LINK = "link"
SIGN_IN = "sign_in"


class PupilAccountError(Exception):
    """The round trip with the provider did not prove an account; the message is for the pupil."""


def account_digest(provider_id: str, issuer: str, subject: str) -> str:
    """The keyed hash kept for a linked account: the same account always gives the same digest."""
    return salted_hmac(
        "respect-online.pupil-account", f"{provider_id}|{issuer}|{subject}", algorithm="sha256"
    ).hexdigest()


@dataclass(frozen=True)
class ProviderChoice:
    provider_id: str
    name: str


def pupil_providers(request: HttpRequest) -> list[ProviderChoice]:
    """The school account providers that are set up (none without credentials)."""
    apps = get_adapter().list_apps(request, provider="openid_connect")
    return [ProviderChoice(app.provider_id, app.name) for app in apps]


def _oidc(request: HttpRequest, provider_id: str):
    provider = get_adapter().get_provider(request, provider_id)
    return provider, provider.get_oauth2_adapter(request)


def _callback_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("schools:pupil_account_callback"))


def start(request: HttpRequest, *, provider_id: str, purpose: str) -> str:
    """Where to send the pupil's browser: the provider's sign-in page. Remembers the round trip
    (state, nonce, PKCE verifier) in the session."""
    provider, oauth = _oidc(request, provider_id)
    state, nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    request.session[SESSION_KEY] = {
        "provider": provider_id,
        "purpose": purpose,
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
    }
    query = {
        "response_type": "code",
        "client_id": provider.app.client_id,
        "redirect_uri": _callback_url(request),
        "scope": "openid",
        "state": state,
        "nonce": nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "prompt": "select_account",
    }
    return f"{oauth.authorize_url}?{urlencode(query)}"


@dataclass(frozen=True)
class ProvedAccount:
    purpose: str
    digest: str


def finish(request: HttpRequest) -> ProvedAccount:
    """Check the provider's answer and return the account it proves. Raises PupilAccountError."""
    flow = request.session.pop(SESSION_KEY, None)
    if not flow or not secrets.compare_digest(request.GET.get("state", ""), flow["state"]):
        raise PupilAccountError("That sign-in took too long or was started somewhere else. Try again.")
    if "code" not in request.GET:
        raise PupilAccountError("Your school account was not used. Nothing was changed.")
    provider, oauth = _oidc(request, flow["provider"])
    data = {
        "grant_type": "authorization_code",
        "code": request.GET["code"],
        "redirect_uri": _callback_url(request),
        "code_verifier": flow["verifier"],
        "client_id": provider.app.client_id,
    }
    auth = None
    if oauth.basic_auth:
        auth = (provider.app.client_id, provider.app.secret)
    else:
        data["client_secret"] = provider.app.secret
    with get_adapter().get_requests_session() as session:
        response = session.post(oauth.access_token_url, data=data, auth=auth, timeout=10)
    if response.status_code != 200 or "id_token" not in response.json():
        raise PupilAccountError("Your school account could not be checked. Try again, or use your codes.")
    config = oauth.openid_config
    try:
        claims = jwtkit.verify_and_decode(
            credential=response.json()["id_token"],
            keys_url=config["jwks_uri"],
            issuer=config["issuer"],
            audience=[provider.app.client_id],
            lookup_kid=jwtkit.lookup_kid_jwk,
            # Received straight from the token endpoint, as allauth's own sign-in does: the
            # connection vouches for the token (OpenID Connect Core 3.1.3.7); issuer, audience
            # and expiry are still checked.
            verify_signature=False,
        )
    except Exception as error:
        raise PupilAccountError("Your school account could not be checked. Try again, or use your codes.") from error
    if not secrets.compare_digest(str(claims.get("nonce", "")), flow["nonce"]):
        raise PupilAccountError("That sign-in could not be checked. Try again.")
    return ProvedAccount(flow["purpose"], account_digest(flow["provider"], config["issuer"], str(claims["sub"])))
