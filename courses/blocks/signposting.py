from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class HelpServiceBlock(blocks.StructBlock):
    """One place to get help: a helpline, text service or website."""

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

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("phone") or value.get("text") or value.get("website")):
            raise StructBlockValidationError(
                block_errors={"phone": ValidationError("Give at least a phone number, a text service or a website.")}
            )
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
