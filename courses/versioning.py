"""Recording quiz and survey versions."""

from django.db import transaction

from courses.models import InstrumentVersion, Quiz, Survey


@transaction.atomic
def record_version(*, instrument: Quiz | Survey) -> InstrumentVersion:
    """Make the instrument's current questions its newest version.

    - No version yet: create version 1.
    - Newest version has the same questions and scoring: keep it.
    - Newest version not yet answered (unlocked): update it in place.
    - Newest version answered (locked): create the next version; the locked one
      is never changed, so every recorded answer keeps the questions it was given.

    Item fields added after versions were first frozen are written only when set
    (a survey item's ``sensitive`` flag), so saving an instrument unchanged keeps its
    newest version; turning a flag on or off changes the questions like any other edit.

    The newest version row is locked for update so two editors saving at once
    cannot both create version N + 1.
    """
    definition = instrument.definition()
    latest = instrument.versions.select_for_update().order_by("-number").first()
    if latest is not None and latest.definition == definition:
        return latest
    if latest is not None and not latest.is_locked:
        latest.definition = definition
        latest.save(update_fields=["definition"])
        return latest
    number = latest.number + 1 if latest is not None else 1
    return instrument.versions.create(number=number, definition=definition)
