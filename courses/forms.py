from wagtail.admin.forms import WagtailAdminPageForm


class ModulePageForm(WagtailAdminPageForm):
    """The module edit form.

    Many-to-many choices are normally applied only when the form is saved, after
    model validation has run. ``ModulePage.clean`` must judge the RSHE topics
    being submitted (a sensitive topic makes a module teacher-led only), so they
    are put on the instance before it is validated.
    """

    def clean(self):
        cleaned_data = super().clean()
        if "rshe_topics" in cleaned_data:
            self.instance.rshe_topics = cleaned_data["rshe_topics"]
        return cleaned_data
