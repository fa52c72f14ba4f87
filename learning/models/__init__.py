from .events import LessonProgress, QuizAnswer, QuizAttempt, Wave
from .progress import ModuleProgress
from .surveys import FollowUpWindow, SurveyAnswer, SurveyResponse

__all__ = [
    "FollowUpWindow",
    "LessonProgress",
    "ModuleProgress",
    "QuizAnswer",
    "QuizAttempt",
    "SurveyAnswer",
    "SurveyResponse",
    "Wave",
]
