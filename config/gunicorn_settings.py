"""gunicorn settings for production: `gunicorn config.wsgi --config config/gunicorn_settings.py`.

Each value can be set from the environment, so the same file serves a small county server and a
container in a cluster. The default is two workers per core plus one, each with two threads
(gunicorn's gthread worker), and connections kept open between requests.

Why threads and kept connections (measured with ``benchmarks/county_peak.py``, docs/capacity.md):
a sync worker closes the connection after every response, so each request pays a new TCP
connection on both sides, and requests wait in the kernel's listen queue, unseen by the site's own
timings, whenever every worker is busy. With 1,041 devices on the same shared machine, 4 sync
workers served 37 requests a second with a p50 of 6 to 38 seconds (almost all of it in the listen
queue, 630 connections waiting on average); 4 gthread workers of 4 threads served 107 a second
with p50 from 66 ms to 2.1 seconds, and the bare view's CPU per request halved.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A request still running after this many seconds is a fault (anything slow runs in Celery).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Longer than the proxy keeps an idle connection to us (deploy/nginx.conf: 60 s), so the proxy,
# not gunicorn, closes it: a request sent on a connection gunicorn has just closed would fail.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Restart workers now and then so a slow leak never grows; the jitter keeps them from
# restarting together. A new worker costs about 2 s of CPU (importing the site) and starts with
# empty in-process caches: every 2,000 requests, at a peak's 100 a second per worker, that was
# about 1 ms a request more.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
# Logs go to standard output and error for the platform to collect.
accesslog = "-"
# The proxy's X-Request-ID (django-guid returns it), so an access line joins the request's logs.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s request_id=%({x-request-id}o)s'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
