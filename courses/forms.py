"""The module and lesson edit forms: publishing content on an untagged sensitive topic is refused."""

from wagtail.admin.forms import WagtailAdminPageForm

from courses.sensitive_content import (
    find_mentions,
    lesson_source,
    module_mentions,
    sensitive_topics,
    tagged_sensitive_topic_ids,
    untagged_mentions,
    untagged_message,
)

# The editor's buttons that make content live, at once or after moderation.
PUBLISHING_ACTIONS = ("action-publish", "action-submit")


def _publishing(form: WagtailAdminPageForm) -> bool:
    return any(form.data.get(action) for action in PUBLISHING_ACTIONS)


class ModulePageForm(WagtailAdminPageForm):
    """The module edit form.

    Many-to-many choices are normally applied only when the form is saved, after
    model validation has run. ``ModulePage.clean`` must judge the RSHE topics
    being submitted (a sensitive topic makes a module teacher-led only), so they
    are put on the instance before it is validated.

    Publishing (or submitting for moderation) is refused while the module's own text, its
    published lessons, its quiz or its survey use a sensitive topic's key terms and the
    topic is not ticked. Saving a draft is not.
    """

    def clean(self):
        cleaned_data = super().clean()
        if "rshe_topics" in cleaned_data:
            self.instance.rshe_topics = cleaned_data["rshe_topics"]
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not _publishing(self):
            return
        module = self.instance
        missing = untagged_mentions(module_mentions(module), tagged_sensitive_topic_ids(module))
        if missing:
            self.add_error(
                "rshe_topics",
                untagged_message(missing, fix="Tick these topics under “Topics and delivery”, or change the wording."),
            )


class LessonPageForm(WagtailAdminPageForm):
    """The lesson edit form: a lesson on a sensitive topic its module is not tagged with is not published."""

    def _post_clean(self):
        super()._post_clean()
        if self.errors or not _publishing(self):
            return
        module = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        module = module.specific
        missing = untagged_mentions(
            find_mentions([lesson_source(self.instance)], sensitive_topics()), tagged_sensitive_topic_ids(module)
        )
        if missing:
            fix = f"Tick these topics on the module “{module.title}” and publish it first, or change the wording."
            self.add_error(None, untagged_message(missing, fix=fix))
