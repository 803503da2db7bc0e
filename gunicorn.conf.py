"""The web server's configuration for production: `gunicorn renda.wsgi` (gunicorn reads this file
from the working directory; `-c gunicorn.conf.py` names it explicitly). The benchmarks in
`benchmarks/` serve the application with it, so their figures are this configuration's.

Pages are CPU-bound: a list or item page spends a few milliseconds in PostgreSQL and 20–35 in
Python. Threads of one process share one interpreter lock and stretch each other's responses,
so the server runs one single-threaded process per core, plus one so that a slow request (a
large Excel export) does not hold a core's only worker. Server-side p95 of the item list on 2
cores with 20 clients (benchmarks/web_pages.py, 100,000 items, 2026-12-07): 80 ms with these 3
workers, 296 ms with 2 workers × 4 threads (42 ms with 2 single-threaded workers, which leave
no worker free while one is slow).
"""

import os

bind = os.environ.get("RENDA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = "sync"
threads = 1
# Long work (reports, reminders, imports of large files) runs in the task workers; a request
# that takes this long is stuck.
timeout = int(os.environ.get("RENDA_REQUEST_TIMEOUT", 120))
# Behind the reverse proxy that terminates TLS (see the README's Configuration section).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("RENDA_ACCESS_LOG") or None
