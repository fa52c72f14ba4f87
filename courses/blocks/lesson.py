"""The blocks a lesson is made of. Each top-level block is one slide."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from courses.ground_rules import DEFAULT_GROUND_RULES

from .questions import AnswerChoiceBlock, require_correct_choices
from .signposting import SignpostingBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]
VIDEO_EXTENSIONS = (".mp4", ".webm")


class GroundRulesBlock(blocks.StructBlock):
    """Reminds the class of its ground rules. Every lesson starts with one."""

    intro = blocks.TextBlock(
        required=False,
        max_length=300,
        help_text="Optional line before the rules. The rules themselves are the class's own.",
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["default_ground_rules"] = DEFAULT_GROUND_RULES
        return context

    class Meta:
        icon = "list-ul"
        label = "Ground rules reminder"
        template = "courses/blocks/ground_rules.html"
        preview_value = {"intro": "Before we start, let's remember our ground rules."}


class TextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "courses/blocks/text.html"
        preview_value = "<h3>What is respect?</h3><p>Respect means treating people as equals.</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the image shows for someone who cannot see it. Required.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(block_errors={"alt_text": ValidationError("Every image needs alt text.")})
        return value

    class Meta:
        icon = "image"
        label = "Image"
        template = "courses/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150)
    video = DocumentChooserBlock(help_text="An MP4 or WebM file.")
    captions = DocumentChooserBlock(
        required=False, help_text="A WebVTT (.vtt) captions file. Captions or a transcript is required."
    )
    transcript = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False)

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        video, captions = value.get("video"), value.get("captions")
        if video and not video.file.name.lower().endswith(VIDEO_EXTENSIONS):
            errors["video"] = ValidationError("The video must be an MP4 or WebM file.")
        if captions and not captions.file.name.lower().endswith(".vtt"):
            errors["captions"] = ValidationError("Captions must be a WebVTT (.vtt) file.")
        if not captions and not value.get("transcript"):
            errors["captions"] = ValidationError(
                "Add a captions file or a transcript so everyone can follow the video."
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    class Meta:
        icon = "media"
        label = "Video"
        template = "courses/blocks/video.html"


class KeyMessageBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    message = blocks.TextBlock()

    class Meta:
        icon = "pick"
        label = "Key message"
        template = "courses/blocks/key_message.html"
        preview_value = {
            "heading": "Key message",
            "message": "Everyone has the right to feel safe and respected.",
        }


class ScenarioChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=250)
    feedback = blocks.TextBlock(help_text="What happens, or why this is or isn't a good choice.")
    recommended = blocks.BooleanBlock(required=False, help_text="A good choice.")


class ScenarioBlock(blocks.StructBlock):
    """A situation about made-up characters, with choices and feedback."""

    title = blocks.CharBlock(max_length=120)
    characters = blocks.CharBlock(
        max_length=200,
        help_text=(
            "The made-up characters in this scenario. Scenarios are always about "
            "characters, never about pupils' own lives."
        ),
    )
    situation = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, max_length=800)
    question = blocks.CharBlock(max_length=250)
    choices = blocks.ListBlock(ScenarioChoiceBlock(), min_num=2, max_num=6)

    class Meta:
        icon = "group"
        label = "Scenario"
        template = "courses/blocks/scenario.html"
        preview_value = {
            "title": "The group chat",
            "characters": "Sam and Priya (made up)",
            "situation": "<p>Sam sees a joke about Priya in the class group chat.</p>",
            "question": "What could Sam do?",
            "choices": [
                {"text": "Say nothing", "feedback": "Priya may feel alone.", "recommended": False},
                {"text": "Message Priya", "feedback": "Support helps.", "recommended": True},
            ],
        }


class DiscussionBlock(blocks.StructBlock):
    """A distanced discussion prompt: about the characters, never the pupils."""

    prompt = blocks.CharBlock(
        max_length=250,
        help_text="Ask about the characters or people in general, never about pupils' own experiences.",
    )
    follow_up = blocks.ListBlock(blocks.CharBlock(max_length=250), required=False, default=[])

    class Meta:
        icon = "openquote"
        label = "Discussion prompt"
        template = "courses/blocks/discussion.html"
        preview_value = {"prompt": "Why might Sam find it hard to speak up?", "follow_up": []}


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(max_length=250)
    hint = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "edit"
        label = "Reflection prompt"
        template = "courses/blocks/reflection.html"
        preview_value = {"prompt": "What is one thing you will remember from today?", "hint": ""}


class KnowledgeCheckBlock(blocks.StructBlock):
    """One quick question inside a lesson, with exactly one right answer."""

    question = blocks.CharBlock(max_length=250)
    choices = blocks.ListBlock(AnswerChoiceBlock(), min_num=2, max_num=6)
    explanation = blocks.TextBlock(help_text="Shown after answering: why the answer is right.")

    def clean(self, value):
        value = super().clean(value)
        require_correct_choices(value, exactly_one=True)
        return value

    class Meta:
        icon = "tick-inverse"
        label = "Knowledge check"
        template = "courses/blocks/knowledge_check.html"
        preview_value = {
            "question": "Can consent be withdrawn?",
            "choices": [{"text": "Yes, at any time", "correct": True}, {"text": "No", "correct": False}],
            "explanation": "Anyone can change their mind at any time.",
        }


class TeacherNotesBlock(blocks.StructBlock):
    """Notes for the teacher. Never shown to pupils or on the projected screen."""

    notes = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    minutes = blocks.IntegerBlock(required=False, min_value=0, max_value=120, help_text="Timing.")

    class Meta:
        icon = "doc-full"
        label = "Teacher notes (never shown to pupils)"
        template = "courses/blocks/teacher_notes.html"
        preview_value = {"notes": "<p>Allow five minutes for pairs to discuss.</p>", "minutes": 5}


LESSON_BLOCKS = [
    ("ground_rules", GroundRulesBlock()),
    (
        "text",
        TextBlock(
            features=RICH_TEXT_FEATURES,
            max_length=800,
            help_text="One slide's worth: a heading and about 120 words. Split longer text into more blocks.",
        ),
    ),
    ("image", ImageBlock()),
    ("video", VideoBlock()),
    ("key_message", KeyMessageBlock()),
    ("scenario", ScenarioBlock()),
    ("discussion", DiscussionBlock()),
    ("reflection", ReflectionBlock()),
    ("knowledge_check", KnowledgeCheckBlock()),
    ("teacher_notes", TeacherNotesBlock()),
    ("signposting", SignpostingBlock()),
]
