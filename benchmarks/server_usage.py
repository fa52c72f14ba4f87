"""What the server under test used.

CPU time per process (from /proc) and time per request (from gunicorn's access log).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
# The access-log line format the parsers below read: method, path, status, seconds, the worker's
# process id, and the response's Server-Timing header (the site's wall and CPU milliseconds, when
# SERVER_TIMING is on).
ACCESS_LOG_FORMAT = '%(m)s %(U)s %(s)s %(L)s %(p)s "%({server-timing}o)s"'


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def cpu_snapshot(pids: Iterable[int]) -> dict[int, int]:
    """Clock ticks of CPU (user and system) each live process has used so far."""
    found = {}
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            found[pid] = int(fields[11]) + int(fields[12])
    return found


def cpu_seconds_between(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU seconds used between two snapshots by the processes alive at the second (new ones in full)."""
    return sum(ticks - before.get(pid, 0) for pid, ticks in after.items()) / TICKS


def process_tree(root: int) -> list[int]:
    """The process and all its descendants (gunicorn's master and workers)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            children[int(fields[1])].append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def processes_named(name: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def request_seconds(log: Path, start: int, end: int, kind: Callable[[str, str], str]) -> dict[str, list[float]]:
    """Seconds gunicorn spent on each request logged between two file offsets, grouped by ``kind(method, path)``."""
    with log.open("rb") as handle:
        handle.seek(start)
        lines = handle.read(end - start).decode(errors="replace").splitlines()
    found: dict[str, list[float]] = defaultdict(list)
    for line in lines:
        parts = line.split()
        if len(parts) >= 4:
            found[kind(parts[0], parts[1])].append(float(parts[3]))
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def request_timings_ms(
    log: Path, start: int, end: int, kind: Callable[[str, str], str]
) -> dict[str, dict[str, list[float]]]:
    """Milliseconds per request logged between two offsets, grouped by ``kind(method, path)``.

    For each kind: ``served``, gunicorn's time from reading the request to the last byte written;
    ``app`` and ``cpu``, the site's wall and CPU time (its Server-Timing). Under the kind
    ``worker <pid>`` the same figures for every request each gunicorn worker served. The devices' latency
    less ``served`` is time spent before a worker took the request (the listen queue) or in the
    load tool; ``served`` much above ``cpu`` is time the worker spent waiting (database, cache, locks).
    """
    with log.open("rb") as handle:
        handle.seek(start)
        lines = handle.read(end - start).decode(errors="replace").splitlines()
    found: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for line in lines:
        parts = line.split(" ", 5)
        if len(parts) < 6:
            continue
        timing = dict(item.strip().split(";dur=", 1) for item in parts[5].strip('"').split(",") if ";dur=" in item)
        for figures in (found[kind(parts[0], parts[1])], found[f"worker {parts[4].strip('<>')}"]):
            figures["served"].append(1000 * float(parts[3]))
            for name in ("app", "cpu"):
                if name in timing:
                    figures[name].append(float(timing[name]))
    return found


def request_cpu_ms(log: Path, start: int, end: int, kind: Callable[[str, str], str]) -> dict[str, list[float]]:
    """CPU milliseconds the site spent on each request (its Server-Timing), grouped by ``kind(method, path)``."""
    timings = request_timings_ms(log, start, end, kind)
    return {
        name: figures["cpu"] for name, figures in timings.items() if figures["cpu"] and not name.startswith("worker ")
    }


def listen_queue(port: int) -> int | None:
    """Connections waiting in the kernel for a worker to accept them on a listening TCP port.

    ``/proc/net/tcp`` gives a listening socket's accept-queue length as its receive queue.
    """
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
            return int(fields[4].split(":")[1], 16)
    return None


def machine_ticks() -> tuple[int, int]:
    """Clock ticks the whole machine has been busy, and in all, so far (``/proc/stat``, every core)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7], sum(fields)


def machine_busy_cores(before: tuple[int, int], after: tuple[int, int], seconds: float) -> float:
    """How many cores the whole machine kept busy between two ``machine_ticks`` (every process, ours or not)."""
    return (after[0] - before[0]) / TICKS / seconds
