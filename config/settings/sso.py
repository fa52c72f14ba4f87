"""Staff sign-in with school Google and Microsoft (Entra ID) accounts, through allauth's OpenID
Connect provider. Each provider is on only when its client ID and secret are set; without
them its button does not show. The README lists the variables.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import environ

GOOGLE_SERVER = "https://accounts.google.com"
MICROSOFT_SERVER = "https://login.microsoftonline.com/{tenant}/v2.0"


def sign_in_apps(env: environ.Env) -> list[dict[str, Any]]:
    """allauth's OpenID Connect apps for the providers whose credentials are set."""
    apps = []
    if env("GOOGLE_CLIENT_ID", default="") and env("GOOGLE_CLIENT_SECRET", default=""):
        apps.append(
            {
                "provider_id": "google",
                "name": "Google",
                "client_id": env("GOOGLE_CLIENT_ID"),
                "secret": env("GOOGLE_CLIENT_SECRET"),
                "settings": {"server_url": env("GOOGLE_OIDC_SERVER_URL", default=GOOGLE_SERVER)},
            }
        )
    if env("MICROSOFT_CLIENT_ID", default="") and env("MICROSOFT_CLIENT_SECRET", default=""):
        tenant = env("MICROSOFT_TENANT_ID", default="")
        default_server = MICROSOFT_SERVER.format(tenant=tenant) if tenant else ""
        server = env("MICROSOFT_OIDC_SERVER_URL", default=default_server)
        if server:
            apps.append(
                {
                    "provider_id": "microsoft",
                    "name": "Microsoft",
                    "client_id": env("MICROSOFT_CLIENT_ID"),
                    "secret": env("MICROSOFT_CLIENT_SECRET"),
                    "settings": {"server_url": server},
                }
            )
    return apps


def provider_origins(apps: list[dict[str, Any]]) -> list[str]:
    """The origins the sign-in buttons' forms end up at (the browser follows our redirect to the
    provider's sign-in page, so the Content-Security-Policy's form-action must allow them)."""
    origins = []
    for app in apps:
        parts = urlsplit(app["settings"]["server_url"])
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in origins:
            origins.append(origin)
    return origins


def with_provider_form_actions(policy: dict[str, Any], apps: list[dict[str, Any]]) -> dict[str, Any]:
    """``policy`` (django-csp's) with the providers' origins added to its form-action."""
    directives = dict(policy["DIRECTIVES"])
    directives["form-action"] = [*directives["form-action"], *provider_origins(apps)]
    return {**policy, "DIRECTIVES": directives}
