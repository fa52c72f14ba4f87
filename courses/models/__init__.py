from .instruments import Instrument, InstrumentVersion, Quiz, QuizVersion, Survey, SurveyVersion
from .modules import DeliveryMode, LessonPage, ModulePage
from .pages import HomePage, InformationPage, ProgrammePage
from .taxonomy import GuidanceStatus, RSHETheme, RSHETopic

__all__ = [
    "DeliveryMode",
    "GuidanceStatus",
    "HomePage",
    "InformationPage",
    "Instrument",
    "InstrumentVersion",
    "LessonPage",
    "ModulePage",
    "ProgrammePage",
    "Quiz",
    "QuizVersion",
    "RSHETheme",
    "RSHETopic",
    "Survey",
    "SurveyVersion",
]
