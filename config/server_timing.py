"""``Server-Timing`` on every response, when ``SERVER_TIMING`` is on: the time the site spent on it.

``Server-Timing: app;dur=12.3, cpu;dur=4.5`` gives the milliseconds from the first middleware to
the response, and the CPU milliseconds the thread serving it used meanwhile (a threaded worker's
other requests are not counted in it). Browsers show it in their
developer tools, and the load benchmarks read it from gunicorn's access log to print the server's
CPU per kind of request. Off by default: it tells anyone how long each page took to build.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class ServerTimingMiddleware:
    """Place first, so it counts every other middleware too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        wall, cpu = time.perf_counter(), time.thread_time()
        response = self.get_response(request)
        response["Server-Timing"] = (
            f"app;dur={1000 * (time.perf_counter() - wall):.2f}, cpu;dur={1000 * (time.thread_time() - cpu):.2f}"
        )
        return response
