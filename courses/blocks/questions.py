"""Question blocks for quizzes (scored) and surveys (Likert and free text).

Every question carries a stable ``key``: exports and item analysis join on it,
so it must not be reused for a different question.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

KEY_HELP = (
    "A short, stable identifier (lower case letters, digits and hyphens), unique in this "
    "instrument. Keep it when you reword a question; use a new key for a new question."
)


SENSITIVE_HELP = (
    "Tick if an answer could tell an adult that something has happened to the pupil, for example "
    "'Has anyone ever pressured you to send a picture?'. Everyone shown the survey is then shown where "
    "to get help when they finish it, whatever they answered, and teachers never see answers to this "
    "item. It still counts in the evaluation and in the scale it belongs to."
)


def sensitive_block() -> blocks.BooleanBlock:
    return blocks.BooleanBlock(required=False, default=False, label="Disclosure-sensitive", help_text=SENSITIVE_HELP)


def key_block() -> blocks.RegexBlock:
    return blocks.RegexBlock(
        regex=r"^[a-z0-9][a-z0-9_-]{0,49}$",
        help_text=KEY_HELP,
        error_messages={"invalid": "Use lower case letters, digits, hyphens or underscores."},
    )


class AnswerChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=250)
    correct = blocks.BooleanBlock(required=False)


def require_correct_choices(value, *, exactly_one: bool) -> None:
    """Raise a validation error on ``choices`` unless the right number are marked correct."""
    correct = sum(1 for choice in value["choices"] if choice["correct"])
    if exactly_one and correct != 1:
        message = f"Mark exactly one correct choice (this has {correct})."
    elif correct == 0:
        message = "Mark at least one choice as correct."
    else:
        return
    raise StructBlockValidationError(block_errors={"choices": ValidationError(message)})


class ChoiceQuestionBlock(blocks.StructBlock):
    key = key_block()
    text = blocks.CharBlock(max_length=300, label="Question")
    choices = blocks.ListBlock(AnswerChoiceBlock(), min_num=2, max_num=8)
    feedback = blocks.TextBlock(help_text="Shown after the quiz is submitted.")

    exactly_one_correct = True

    def clean(self, value):
        value = super().clean(value)
        require_correct_choices(value, exactly_one=self.exactly_one_correct)
        return value


class SingleChoiceQuestionBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "radio-full"
        label = "Single choice"


class MultipleChoiceQuestionBlock(ChoiceQuestionBlock):
    exactly_one_correct = False

    class Meta:
        icon = "tasks"
        label = "Multiple choice (choose all that apply)"


class TrueFalseQuestionBlock(blocks.StructBlock):
    key = key_block()
    text = blocks.CharBlock(max_length=300, label="Statement")
    answer = blocks.ChoiceBlock(choices=[("true", "True"), ("false", "False")])
    feedback = blocks.TextBlock(help_text="Shown after the quiz is submitted.")

    class Meta:
        icon = "tick"
        label = "True or false"


class LikertItemBlock(blocks.StructBlock):
    key = key_block()
    text = blocks.CharBlock(max_length=300, label="Statement")
    minimum = blocks.IntegerBlock(default=1, min_value=0, max_value=10)
    maximum = blocks.IntegerBlock(default=5, min_value=1, max_value=11)
    labels = blocks.ListBlock(
        blocks.CharBlock(max_length=60),
        required=False,
        default=[],
        help_text="One label per point, from the lowest to the highest (optional).",
    )
    reverse_scored = blocks.BooleanBlock(
        required=False, help_text="Agreeing is the less positive answer; scored as min + max - answer."
    )
    subscale = blocks.RegexBlock(
        regex=r"^[a-z][a-z0-9_]{0,39}$",
        help_text="The scale this item belongs to, for example 'attitudes'.",
        error_messages={"invalid": "Use lower case letters, digits and underscores."},
    )
    sensitive = sensitive_block()

    def clean(self, value):
        value = super().clean(value)
        low, high = value["minimum"], value["maximum"]
        if high <= low:
            raise StructBlockValidationError(
                block_errors={"maximum": ValidationError("The maximum must be above the minimum.")}
            )
        labels = list(value["labels"])
        if labels and len(labels) != high - low + 1:
            raise StructBlockValidationError(
                block_errors={
                    "labels": ValidationError(f"Give one label for each of the {high - low + 1} points, or none.")
                }
            )
        return value

    class Meta:
        icon = "list-ol"
        label = "Likert item"


class FreeTextItemBlock(blocks.StructBlock):
    key = key_block()
    prompt = blocks.CharBlock(max_length=300)
    optional = blocks.BooleanBlock(required=False, default=True)
    sensitive = sensitive_block()

    class Meta:
        icon = "edit"
        label = "Free text"


QUIZ_QUESTION_BLOCKS = [
    ("single_choice", SingleChoiceQuestionBlock()),
    ("multiple_choice", MultipleChoiceQuestionBlock()),
    ("true_false", TrueFalseQuestionBlock()),
]

SURVEY_ITEM_BLOCKS = [
    ("likert", LikertItemBlock()),
    ("free_text", FreeTextItemBlock()),
]
