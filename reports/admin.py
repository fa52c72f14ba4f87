"""Django admin (/django-admin/): the record of rollup refreshes, read-only.

Rollup rows are rebuilt from the data, never edited; a refresh is started with
``manage.py refresh_rollups`` or the Celery tasks, not from here.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from reports.models import RollupRefresh


@admin.register(RollupRefresh)
class RollupRefreshAdmin(admin.ModelAdmin):
    list_display = ["started_at", "finished_at", "status", "full", "schools_refreshed", "rows_written"]
    list_filter = ["status", "full"]
    date_hierarchy = "started_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: RollupRefresh | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: RollupRefresh | None = None) -> bool:
        return False
