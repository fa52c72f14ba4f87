"""Django admin (/django-admin/) for the GIAS register: local authorities, districts, schools and imports;
and the audit log, read-only.

Schools come from GIAS, so their GIAS fields are read-only here: the next import
would overwrite any edit. New schools arrive through a GIAS import.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html, format_html_join

from config.task_queue import enqueue
from schools.gias.reading import GiasFileError, check_gias_file
from schools.gias.rows import normalise_la_codes
from schools.models import AuditEvent, District, GiasImport, ImportStatus, LocalAuthority, School
from schools.tasks.gias import run_gias_import

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# The change page lists this many problems; the counts say how many there are in all.
PROBLEMS_SHOWN = 200


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "school_count"]
    search_fields = ["code", "name"]
    ordering = ["name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[LocalAuthority]:
        return super().get_queryset(request).annotate(school_count=Count("schools"))

    @admin.display(description="schools", ordering="school_count")
    def school_count(self, authority: Any) -> int:
        return authority.school_count


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "local_authority"]
    list_filter = ["local_authority"]
    list_select_related = ["local_authority"]
    search_fields = ["code", "name"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["urn", "name", "local_authority", "district", "phase", "is_open"]
    list_filter = [
        ("local_authority", admin.RelatedOnlyFieldListFilter),
        ("district", admin.RelatedOnlyFieldListFilter),
        "phase",
        "is_open",
    ]
    list_select_related = ["local_authority", "district"]
    search_fields = ["name", "postcode"]
    search_help_text = "Search by URN, name or postcode."
    # England has about 50,000 establishments: skip the extra count query.
    show_full_result_count = False
    readonly_fields = (
        "urn",
        "name",
        "local_authority",
        "establishment_number",
        "laestab",
        "district",
        "establishment_type",
        "phase",
        "statutory_low_age",
        "statutory_high_age",
        "status",
        "is_open",
        "postcode",
        "fsm_percent",
        "urban_rural",
        "updated_at",
    )
    fields = readonly_fields

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[School], search_term: str
    ) -> tuple[QuerySet[School], bool]:
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term.isascii() and term.isdigit():
            results |= queryset.filter(urn=int(term))
        return results, may_have_duplicates

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: School | None = None) -> bool:
        # Closed schools stay (GIAS marks them closed); pupils' records point at them.
        return False


class GiasImportForm(forms.ModelForm):
    file = forms.FileField(
        label="GIAS establishment extract",
        help_text="The CSV file from GIAS (edubasealldata.csv), up to 50 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    la_codes = forms.CharField(
        label="LA codes",
        required=False,
        help_text="Only import these local authorities, separated by commas, e.g. 886, 887 (Kent and Medway). "
        "Leave empty to import every school in the file.",
    )

    class Meta:
        model = GiasImport
        fields = ["la_codes"]

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(MAX_UPLOAD_BYTES)}. "
                "Import a bigger file with the command: manage.py import_gias FILE.csv --la 886."
            )
        try:
            check_gias_file(data=upload.read())
        except GiasFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def clean_la_codes(self) -> list[str]:
        try:
            return normalise_la_codes(self.cleaned_data["la_codes"].split(","))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


@admin.register(GiasImport)
class GiasImportAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "filename",
        "la_codes_display",
        "status",
        "created_count",
        "updated_count",
        "skipped_count",
        "finished_at",
    ]
    list_filter = ["status"]
    actions = ["run_again"]
    readonly_fields = [
        "filename",
        "uploaded_by",
        "la_codes_display",
        "status",
        "created_count",
        "updated_count",
        "skipped_count",
        "created_at",
        "finished_at",
        "problem_list",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[GiasImport]:
        # The uploaded bytes (up to 50 MB) are only read by the task.
        return super().get_queryset(request).defer("content").select_related("uploaded_by")

    def get_form(self, request: HttpRequest, obj: GiasImport | None = None, change: bool = False, **kwargs: Any):
        if obj is None:
            kwargs["form"] = GiasImportForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: GiasImport | None = None) -> tuple[str, ...]:
        return ("file", "la_codes") if obj is None else tuple(self.readonly_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: GiasImport | None = None) -> list[str]:
        return [] if obj is None else list(self.readonly_fields)

    def has_change_permission(self, request: HttpRequest, obj: GiasImport | None = None) -> bool:
        # An import is a record of what happened: it is viewed, never edited.
        return False

    def save_model(self, request: HttpRequest, obj: GiasImport, form: forms.ModelForm, change: bool) -> None:
        if not change:
            upload = form.cleaned_data["file"]
            upload.seek(0)
            obj.content = upload.read()
            obj.filename = (upload.name or "upload.csv")[-255:]
            obj.uploaded_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
        if not change:
            transaction.on_commit(lambda: enqueue(run_gias_import, obj.pk))

    def response_add(self, request: HttpRequest, obj: GiasImport, post_url_continue: str | None = None):
        self.message_user(request, "The import is queued. Its status and counts show in the list below.", messages.INFO)
        return super().response_add(request, obj, post_url_continue)

    @admin.action(description="Run the selected imports again (those not yet imported)")
    def run_again(self, request: HttpRequest, queryset: QuerySet[GiasImport]) -> None:
        ids = list(queryset.exclude(status=ImportStatus.IMPORTED).values_list("pk", flat=True))
        GiasImport.objects.filter(pk__in=ids).update(status=ImportStatus.QUEUED, finished_at=None)
        for pk in ids:
            transaction.on_commit(partial(enqueue, run_gias_import, pk))
        self.message_user(request, f"{len(ids)} imports queued again.", messages.INFO)

    @admin.display(description="LA codes")
    def la_codes_display(self, job: GiasImport) -> str:
        return ", ".join(job.la_codes) or "All"

    @admin.display(description="Problems")
    def problem_list(self, job: GiasImport) -> str:
        if not job.problems:
            return "None"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (problem.get("row") or "", problem.get("urn") or "", problem.get("message", ""))
                for problem in job.problems[:PROBLEMS_SHOWN]
            ),
        )
        more = len(job.problems) - PROBLEMS_SHOWN
        caption = f"The first {PROBLEMS_SHOWN} of {len(job.problems)} problems" if more > 0 else "Rows not imported"
        return format_html(
            '<table><caption>{}</caption><thead><tr><th scope="col">Row</th><th scope="col">URN</th>'
            '<th scope="col">Problem</th></tr></thead><tbody>{}</tbody></table>',
            caption,
            rows,
        )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Every school's audit log, for platform admins. Nobody adds, changes or deletes entries here."""

    list_display = ["created_at", "school", "actor", "action", "summary", "ip_address"]
    list_filter = [("school", admin.RelatedOnlyFieldListFilter), "action", "created_at"]
    list_select_related = ["school", "actor"]
    search_fields = ["summary"]
    search_help_text = "Search the summaries."
    date_hierarchy = "created_at"
    readonly_fields = (
        "created_at",
        "school",
        "actor",
        "action",
        "summary",
        "target_type",
        "target_id",
        "detail",
        "ip_address",
    )
    fields = readonly_fields
    # The log grows by a row per page view: skip the extra count query.
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
