"""How gunicorn serves the app: what the Docker image runs and what bench/load.py measures.

One worker process per core runs Python on each; four threads in each overlap the short waits on
PostgreSQL (the load benchmark's figures are for this shape). The environment may change each:
PORT, GUNICORN_WORKERS, GUNICORN_THREADS; gunicorn's own command-line flags win over this file.
"""

import os

wsgi_app = "project.wsgi"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() or 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 60
