from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Programme content"

    def ready(self) -> None:
        from courses import cache_invalidation

        cache_invalidation.connect()
