"""A real OpenID Connect provider for the sign-in tests: oidc-provider-mock, served on a free
port of this machine in a thread for the test session. It signs real ID tokens; allauth
fetches its discovery document and keys and checks them as it would Google's or Microsoft's.
Never skipped: if the package is missing the tests fail.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
import requests
from oidc_provider_mock import run_server_in_thread

from config.settings.sso import with_provider_form_actions

CLIENT_ID = "respect-online-tests"
CLIENT_SECRET = "not-a-real-secret"  # nosec B105 # the test provider's


@dataclass
class Provider:
    url: str

    def set_user(self, sub: str, **claims: object) -> None:
        """The claims the provider gives for ``sub`` (email, email_verified, given_name...)."""
        response = requests.put(f"{self.url}/users/{sub}", json=claims, timeout=10)
        response.raise_for_status()

    def authorize(self, authorize_url: str, sub: str) -> str:
        """Press "Authorize" as ``sub`` on the provider's page; returns where it sends the browser."""
        response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10)
        assert response.status_code in (302, 303), response.text[:500]
        return response.headers["Location"]

    def apps(self) -> list[dict]:
        """allauth's settings for a Google and a Microsoft app, both served by this provider."""
        return [
            {
                "provider_id": provider_id,
                "name": name,
                "client_id": CLIENT_ID,
                "secret": CLIENT_SECRET,
                "settings": {"server_url": self.url},
            }
            for provider_id, name in (("google", "Google"), ("microsoft", "Microsoft"))
        ]


@pytest.fixture(scope="session")
def oidc_provider():
    with run_server_in_thread(port=0) as server:
        yield Provider(url=f"http://127.0.0.1:{server.server_port}")


@pytest.fixture
def school_accounts(oidc_provider, settings):
    """Sign-in with Google and Microsoft turned on, against the local provider."""
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": oidc_provider.apps()}}
    settings.CONTENT_SECURITY_POLICY = with_provider_form_actions(
        settings.CONTENT_SECURITY_POLICY, oidc_provider.apps()
    )
    return oidc_provider
