from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

AUDIENCES = [
    ("pupils", "Pupils, within the ages below"),
    ("adults", "Adults only (including lines for people worried about their own behaviour): teacher notes only"),
]
GENDERS = [
    ("anyone", "Anyone"),
    ("women_girls", "Women and girls"),
    ("men_boys", "Men and boys"),
    ("lgbt", "LGBT+ people"),
]
CHANNELS = [
    ("phone", "Phone"),
    ("text", "Text message"),
    ("chat", "Online chat"),
    ("email", "Email"),
    ("web_form", "Report or form on the website"),
]


class HelpServiceBlock(blocks.StructBlock):
    """One place to get help: a helpline, text service or website, and who it is for.

    Who is shown it follows ``courses.help_services``: pupils see only services for pupils whose
    ages take every pupil of the class (or the module's year groups); the rest are listed in
    the teacher's notes.
    """

    name = blocks.CharBlock(max_length=100)
    description = blocks.CharBlock(max_length=250, help_text="What the service helps with, in plain words.")
    phone = blocks.CharBlock(max_length=40, required=False, help_text="For example 0800 1111.")
    text = blocks.CharBlock(max_length=80, required=False, help_text="Text service, for example 'Text SHOUT to 85258'.")
    website = blocks.URLBlock(required=False)
    hours = blocks.CharBlock(max_length=80, required=False, help_text="For example '24 hours'.")
    scope = blocks.ChoiceBlock(
        choices=[("national", "National"), ("local", "Local (Kent and Medway)")],
        default="national",
    )
    audience = blocks.ChoiceBlock(
        choices=AUDIENCES,
        default="pupils",
        help_text=(
            "Adults-only services, and lines for adults worried about their own behaviour, are never shown to pupils."
        ),
    )
    min_age = blocks.IntegerBlock(
        required=False,
        min_value=0,
        max_value=99,
        label="Youngest age",
        help_text="Leave empty if the service does not say.",
    )
    max_age = blocks.IntegerBlock(
        required=False,
        min_value=0,
        max_value=99,
        label="Oldest age",
        help_text="For example 18 for a service for under 19s. Leave empty if the service does not say.",
    )
    gender = blocks.ChoiceBlock(choices=GENDERS, default="anyone", help_text="Who the service is for.")
    situation = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text="Who it is for, in plain words: 'people experiencing domestic abuse, and those worried about them'.",
    )
    channels = blocks.MultipleChoiceBlock(choices=CHANNELS, required=False, help_text="How people can contact it.")
    review_by = blocks.DateBlock(
        required=False, help_text="When these details must next be checked against the service's own pages."
    )
    source = blocks.URLBlock(required=False, label="Checked against", help_text="The official page checked.")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not (value.get("phone") or value.get("text") or value.get("website")):
            errors["phone"] = ValidationError("Give at least a phone number, a text service or a website.")
        low, high = value.get("min_age"), value.get("max_age")
        if low is not None and high is not None and low > high:
            errors["max_age"] = ValidationError("The oldest age must not be below the youngest.")
        if not value.get("review_by"):
            errors["review_by"] = ValidationError("Give a date by which these details will be checked again.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "help"
        label = "Help service"


class SignpostingBlock(blocks.StructBlock):
    """'Where to get help': national and local services. Ends every lesson."""

    heading = blocks.CharBlock(max_length=100, default="Where to get help")
    intro = blocks.TextBlock(
        required=False,
        default=(
            "If anything in this lesson has worried you, talk to an adult you trust "
            "or your school's designated safeguarding lead. You can also contact:"
        ),
    )
    services = blocks.ListBlock(HelpServiceBlock(), min_num=1)

    class Meta:
        icon = "help"
        label = "Signposting: where to get help"
        template = "courses/blocks/signposting.html"
        preview_value = {
            "heading": "Where to get help",
            "intro": "Talk to an adult you trust, or contact:",
            "services": [
                {
                    "name": "Childline",
                    "description": "Free, private help for anyone under 19.",
                    "phone": "0800 1111",
                    "website": "https://www.childline.org.uk",
                    "hours": "24 hours",
                    "scope": "national",
                }
            ],
        }
