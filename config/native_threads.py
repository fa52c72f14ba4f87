"""One thread per process for the numeric libraries (OpenBLAS, MKL, OpenMP) behind numpy and scipy.

Every web and worker process is one of several on a small server, each doing one request or task
at a time. The suppression pattern's linear audit makes many small vector products: with one
BLAS thread per core, several processes fight over the cores and those products cost 10 to 20
times the CPU (measured with ``benchmarks/county_reports.py``). The libraries read these settings
once, when numpy is first imported, so this module is imported before anything else in
``config``. An operator's own setting is kept.
"""

import os

NATIVE_THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS")

for name in NATIVE_THREAD_SETTINGS:
    os.environ.setdefault(name, "1")
