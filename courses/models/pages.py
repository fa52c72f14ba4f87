"""The site's general pages: home, information pages and the programme."""

from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import HelpServiceBlock

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]
BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ul", "ol"]


class HomePage(Page):
    """What the programme is, for schools and for families."""

    strapline = models.CharField(max_length=200, blank=True)
    intro = RichTextField(features=INTRO_FEATURES, blank=True)
    for_schools = RichTextField(features=BODY_FEATURES, blank=True)
    for_families = RichTextField(features=BODY_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("strapline"),
        FieldPanel("intro"),
        FieldPanel("for_schools"),
        FieldPanel("for_families"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.ProgrammePage", "courses.InformationPage"]
    max_count = 1

    def programmes(self):
        return ProgrammePage.objects.live().child_of(self).order_by("path")


class InformationPage(Page):
    """A plain page: accessibility statement, privacy notice, about."""

    summary = models.CharField(max_length=250, blank=True)
    body = RichTextField(features=BODY_FEATURES)
    last_reviewed = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["courses.HomePage"]
    subpage_types: list[str] = []


class ProgrammePage(Page):
    """The root of a programme: its modules are its children."""

    summary = models.CharField(max_length=250, help_text="One sentence for listings.")
    intro = RichTextField(features=BODY_FEATURES, blank=True)
    help_services = StreamField(
        [("service", HelpServiceBlock())],
        blank=True,
        use_json_field=True,
        help_text=(
            "Where to get help. Added to the end of any lesson whose editor left out "
            "signposting, and shown on the help page."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        HelpPanel(content="Local and national services pupils can contact."),
        FieldPanel("help_services"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("intro")]

    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.ModulePage"]

    def modules(self):
        from .modules import ModulePage

        return ModulePage.objects.live().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = self.modules().prefetch_related("rshe_topics")
        return context
