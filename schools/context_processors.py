from django.utils.functional import SimpleLazyObject

from schools.pupil_session import current_pupil


def signed_in_pupil(request) -> dict:
    """The signed-in pupil, looked up only if a template asks."""
    return {"signed_in_pupil": SimpleLazyObject(lambda: current_pupil(request) or False)}
