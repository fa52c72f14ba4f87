"""StreamField blocks for lessons and for quiz and survey questions.

Blocks hold content and render accessible HTML; they never query the database
and never hold per-pupil state.
"""

from .lesson import LESSON_BLOCKS
from .questions import QUIZ_QUESTION_BLOCKS, SURVEY_ITEM_BLOCKS
from .signposting import HelpServiceBlock, SignpostingBlock

__all__ = [
    "LESSON_BLOCKS",
    "QUIZ_QUESTION_BLOCKS",
    "SURVEY_ITEM_BLOCKS",
    "HelpServiceBlock",
    "SignpostingBlock",
]
