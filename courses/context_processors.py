from django.conf import settings


def site_chrome(request) -> dict:
    """Values every page's header and footer need."""
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL}
