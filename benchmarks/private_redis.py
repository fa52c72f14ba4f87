"""A private redis-server for one benchmark run: the cache and sessions as in production.

Nothing else uses it, so other work on the machine cannot empty or fill it, and it is stopped
(its data never written to disk) when the run ends.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def private_redis() -> Iterator[str]:
    """Start redis-server on a free port; yield its URL; stop it afterwards."""
    if not shutil.which("redis-server"):
        sys.exit("This benchmark needs redis-server on the PATH (Debian: apt-get install redis-server).")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=30)
