"""Records the application may only add to: the audit log.

Rows are added with ``create()``; ``update()`` and ``delete()`` on a queryset raise
:class:`AppendOnlyError`. The model's own retention and redaction methods opt in with
``_unguarded()``, so each way an entry can change is a named, documented method of the
queryset. Deleting a user still clears ``actor`` on their entries: Django does that
through the model's base manager, not this queryset.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models


class AppendOnlyError(Exception):
    """A change to an append-only record, which may only be added to."""


class AppendOnlyQuerySet(models.QuerySet):
    _changes_allowed = False

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]
        clone._changes_allowed = self._changes_allowed
        return clone

    def _unguarded(self) -> Self:
        """This queryset with ``update()`` and ``delete()`` allowed.

        Only for the queryset's own methods that retention or redaction needs
        (``purge_older_than``, ``redact_name``); never for views or services.
        """
        clone = self._chain()  # type: ignore[attr-defined]
        clone._changes_allowed = True
        return clone

    def _refuse(self, change: str) -> None:
        if not self._changes_allowed:
            raise AppendOnlyError(
                f"{str(self.model._meta.verbose_name_plural).capitalize()} are append-only: they cannot be {change}."
            )

    def update(self, **kwargs: Any) -> int:
        self._refuse("updated")
        return super().update(**kwargs)

    update.alters_data = True  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        self._refuse("deleted")
        return super().delete()

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]
