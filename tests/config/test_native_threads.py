"""Processes run numpy's numeric libraries on one thread unless the operator says otherwise."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")


def _settings_after_importing_config(env: dict) -> list[str]:
    script = f"import config, os, numpy; print(' '.join(os.environ.get(n, '-') for n in {SETTINGS!r}))"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def test_one_thread_is_set_before_numpy_is_imported():
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS}
    assert _settings_after_importing_config(env) == ["1", "1", "1"]


def test_an_operators_own_setting_is_kept():
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS}
    env["OPENBLAS_NUM_THREADS"] = "2"
    assert _settings_after_importing_config(env) == ["2", "1", "1"]
