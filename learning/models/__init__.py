from .events import ActivityAnswer, ActivityKind, LessonProgress, QuizAnswer, QuizAttempt, Wave
from .progress import ModuleProgress
from .surveys import FollowUpWindow, SurveyAnswer, SurveyResponse

__all__ = [
    "ActivityAnswer",
    "ActivityKind",
    "FollowUpWindow",
    "LessonProgress",
    "ModuleProgress",
    "QuizAnswer",
    "QuizAttempt",
    "SurveyAnswer",
    "SurveyResponse",
    "Wave",
]
