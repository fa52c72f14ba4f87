from django.contrib import messages
from django.db.models import Max
from django.shortcuts import redirect
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import ModulePage, Quiz, RSHETopic, Survey
from courses.versioning import record_version


class InstrumentViewSet(SnippetViewSet):
    """Lists quizzes or surveys with their newest version and whether pupils have answered it."""

    search_fields = ["title", "key"]

    def get_queryset(self, request):
        return self.model.objects.annotate(
            latest_version=Max("versions__number"), answered_at=Max("versions__locked_at")
        )


VERSION_COLUMNS = [
    Column("latest_version", label="Version"),
    DateColumn("answered_at", label="First answered"),
]


class QuizViewSet(InstrumentViewSet):
    model = Quiz
    icon = "tasks"
    list_display = ["title", "key", "pass_mark", *VERSION_COLUMNS, "updated_at"]


class SurveyViewSet(InstrumentViewSet):
    model = Survey
    icon = "list-ol"
    list_display = ["title", "key", *VERSION_COLUMNS, "updated_at"]


class RSHETopicViewSet(SnippetViewSet):
    model = RSHETopic
    icon = "tag"
    list_display = ["name", "theme", "is_sensitive", "guidance"]
    list_filter = ["theme", "is_sensitive", "guidance"]


class InstrumentsGroup(SnippetViewSetGroup):
    menu_label = "Quizzes and surveys"
    menu_icon = "tasks"
    menu_order = 250
    items = (QuizViewSet, SurveyViewSet, RSHETopicViewSet)


register_snippet(InstrumentsGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_instrument_version(request, instance):
    if isinstance(instance, (Quiz, Survey)):
        before = instance.current_version
        version = record_version(instrument=instance)
        if before is not None and version.pk != before.pk:
            why = "has been answered by pupils" if before.locked_at else "is named in a frozen evaluation protocol"
            messages.info(
                request, f"Version {before.number} {why}, so your changes were saved as version {version.number}."
            )


@hooks.register("before_delete_snippet")
def refuse_deleting_answered_instruments(request, instances):
    answered = [i for i in instances if isinstance(i, (Quiz, Survey)) and i.versions.locked().exists()]
    if answered:
        names = ", ".join(str(i) for i in answered)
        messages.error(request, f"{names} cannot be deleted: pupils have answered it.")
        return redirect("wagtailadmin_home")
    return None


class OverdueModulesPanel(Component):
    name = "overdue_modules"
    template_name = "courses/admin/overdue_modules_panel.html"
    order = 90

    def get_context_data(self, parent_context=None):
        return {
            "modules": ModulePage.objects.overdue_for_review().order_by("review_by"),
            "today": timezone.localdate(),
        }


@hooks.register("construct_homepage_panels")
def add_overdue_modules_panel(request, panels):
    panels.append(OverdueModulesPanel())
