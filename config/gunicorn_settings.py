"""gunicorn settings for production: `gunicorn config.wsgi --config config/gunicorn_settings.py`.

Each value can be set from the environment, so the same file serves a small county server and a
container in a cluster. Pages are short requests to PostgreSQL, so sync workers (one request at a
time each) with a few threads suit them; the default is two workers per core plus one.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# A request still running after this many seconds is a fault (anything slow runs in Celery).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then so a slow leak never grows; the jitter keeps them from
# restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Logs go to standard output and error for the platform to collect.
accesslog = "-"
# The proxy's X-Request-ID (django-guid returns it), so an access line joins the request's logs.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s request_id=%({x-request-id}o)s'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
