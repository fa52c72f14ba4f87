from .events import ActivityAnswer, ActivityKind, LessonProgress, QuizAnswer, QuizAttempt, Wave
from .progress import ModuleProgress
from .survey_releases import SurveySummaryRelease
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
    "SurveySummaryRelease",
    "Wave",
]
