"""Server-Timing gives a request's wall time and the CPU of the thread that served it, nothing else."""

import threading
import time

from django.http import HttpResponse
from django.test import RequestFactory

from config.server_timing import ServerTimingMiddleware


def _timings(response: HttpResponse) -> dict[str, float]:
    items = (item.strip().split(";dur=") for item in response["Server-Timing"].split(","))
    return {name: float(value) for name, value in items}


def test_cpu_is_the_serving_thread_s_own_not_another_thread_s():
    other_thread_cpu = []

    def busy() -> None:
        started = time.thread_time()
        while time.thread_time() - started < 0.2:
            sum(range(1000))
        other_thread_cpu.append(time.thread_time() - started)

    def view(request):
        # Another thread of the same worker (a gthread worker's other request) works meanwhile.
        worker = threading.Thread(target=busy)
        worker.start()
        worker.join()
        return HttpResponse("ok")

    timings = _timings(ServerTimingMiddleware(view)(RequestFactory().get("/")))

    assert set(timings) == {"app", "cpu"}
    assert other_thread_cpu[0] >= 0.2
    # Waiting for the other thread took wall time, but none of this thread's CPU.
    assert timings["app"] >= 200
    assert timings["cpu"] < 100
