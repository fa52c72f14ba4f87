"""The site's main menu for each kind of visitor, in one place.

Each app decides who may open its pages (its ``permissions.py``); this module only asks those
functions which of the role's pages to offer, so a commissioner finds the dashboard, the audit
reports and the exports, an evaluator their export, and nobody is offered a page that would
refuse them. The header (``templates/includes/header.html``) and the designed error pages read
the links through the ``navigation`` context processor, computed only if a template asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from accounts.models import User
from accounts.roles import GlobalRole, has_global_role
from config.fixed_urls import fixed_url
from reports.export_permissions import (
    user_can_request_dashboard_export,
    user_can_request_evaluator_export,
    user_can_view_audit_reports,
)
from reports.permissions import user_can_manage_protocols, user_can_view_dashboard
from schools.pupil_session import current_pupil

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str


def _has_school_role(user: AnyUser) -> bool:
    """Staff of a school, or anyone with no programme-wide role (whose home says how to get one).

    Someone with a programme-wide role is asked about schools only then, so a teacher's menu
    costs no query beyond the role check every staff page makes already.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser or not any(has_global_role(user, role) for role in GlobalRole):
        return True
    return user.memberships.exists()


def _edits_content(user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_superuser or has_global_role(user, GlobalRole.CONTENT_EDITOR))


# Staff pages in menu order: the label, the URL name, and who is offered it.
STAFF_PAGES: list[tuple[str, str, Callable[[AnyUser], bool]]] = [
    ("Your classes", "schools:teacher_home", _has_school_role),
    ("Programme dashboard", "reports:dashboard", user_can_view_dashboard),
    ("Audit reports", "reports:audit_reports", user_can_view_audit_reports),
    ("Evaluation protocols", "reports:protocols", user_can_manage_protocols),
    ("Download tables", "reports:dashboard_export", user_can_request_dashboard_export),
    ("Evaluation export", "reports:evaluator_export", user_can_request_evaluator_export),
    ("Edit content", "wagtailadmin_home", _edits_content),
]
PUPIL_PAGES = [
    ("My work", "learning:pupil_home"),
    ("My results", "learning:pupil_results"),
    ("Ask a question", "classroom:pupil_questions"),
    ("Get help", "learning:pupil_help"),
]
PUBLIC_PAGES = [
    ("Pupil sign in", "schools:pupil_login"),
    ("Staff sign in", "account_login"),
]


def staff_links(user: AnyUser) -> list[NavLink]:
    """The pages a signed-in member of staff may open, by their roles, then the programmes."""
    links = [NavLink(label, fixed_url(name)) for label, name, offered in STAFF_PAGES if offered(user)]
    return [*links, NavLink("Programmes", "/")]


def menu_links(request: HttpRequest) -> list[NavLink]:
    """The main menu for whoever made the request: staff, a signed-in pupil, or anyone."""
    if request.user.is_authenticated:
        return staff_links(request.user)
    if current_pupil(request) is not None:
        return [NavLink(label, fixed_url(name)) for label, name in PUPIL_PAGES]
    return [NavLink("Home", "/"), *(NavLink(label, fixed_url(name)) for label, name in PUBLIC_PAGES)]


def current_link(links: list[NavLink], path: str) -> NavLink | None:
    """The menu entry the page belongs to: the longest link that starts the path (home only for itself)."""
    matches = [link for link in links if path == link.url or (link.url != "/" and path.startswith(link.url))]
    return max(matches, key=lambda link: len(link.url), default=None)


def navigation(request: HttpRequest) -> dict:
    """Context processor: ``menu`` (the links) and ``menu_current`` (the one this page is under), lazily."""
    links = SimpleLazyObject(lambda: menu_links(request))
    return {
        "menu": links,
        "menu_current": SimpleLazyObject(lambda: current_link(list(links), request.path) or False),
    }
