from .delivery import OPTIONAL_BLOCK_TYPES, ClassGroundRules, HiddenSlide, TeachingChecklist, default_ground_rules
from .live import (
    AnonymousQuestion,
    Attendance,
    AttendanceSource,
    LiveActivity,
    LiveAnswer,
    LiveSession,
    QuestionStatus,
)

__all__ = [
    "OPTIONAL_BLOCK_TYPES",
    "ClassGroundRules",
    "HiddenSlide",
    "TeachingChecklist",
    "default_ground_rules",
]
__all__ += [
    "AnonymousQuestion",
    "Attendance",
    "AttendanceSource",
    "LiveActivity",
    "LiveAnswer",
    "LiveSession",
    "QuestionStatus",
]
