from .events import LessonProgress, QuizAnswer, QuizAttempt, Wave
from .progress import ModuleProgress

__all__ = ["LessonProgress", "ModuleProgress", "QuizAnswer", "QuizAttempt", "Wave"]
