# One thread per process for numpy's numeric libraries, set before anything imports numpy.
from . import native_threads  # noqa: F401  isort: skip

# Importing the Celery app here makes sure shared_task uses it.
from .celery_app import app as celery_app

__all__ = ("celery_app",)
