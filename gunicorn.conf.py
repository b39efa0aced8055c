"""How gunicorn serves the app: what the Docker image runs and what bench/load.py measures.

One worker process per core runs Python on each; four threads in each overlap the short waits on
PostgreSQL (the load benchmark's figures are for this shape). The environment may change each:
PORT, GUNICORN_WORKERS, GUNICORN_THREADS; gunicorn's own command-line flags win over this file.
"""

import os

from gunicorn.glogging import Logger

wsgi_app = "project.wsgi"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() or 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 60


# The access log (off unless --access-logfile or the like turns it on) keeps gunicorn's usual line for every page
# but the anonymous survey pages under /answer/ (pages/views/survey_answers.py): for those it keeps the method, the
# status, the size and the time taken, and nothing of who asked or through which link. The address, the user
# agent, the referrer and every header are "-", and the link's token is "-" in the path. The time of day stays:
# with nothing else on the line, it says only that someone answered. A custom logger, not an access_log_format
# without %(h)s: the address stays in the log of the signed-in pages, where the audit log needs it too.
ANSWER_PREFIX = "/answer/"
KEPT_ATOMS = ("t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p")


def _hide_token(path: str) -> str:
    rest = path[len(ANSWER_PREFIX) :]
    return ANSWER_PREFIX + "-" + (rest[rest.index("/") :] if "/" in rest else "")


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = environ.get("PATH_INFO") or ""
        if not path.startswith(ANSWER_PREFIX):
            return atoms
        hidden = {name: atoms[name] for name in KEPT_ATOMS if name in atoms}
        hidden["U"] = _hide_token(path)
        hidden["r"] = f"{atoms['m']} {hidden['U']} {atoms['H']}"
        return hidden  # every other atom, header ({...}i, {...}o) and environ ({...}e) one is "-"


logger_class = AccessLogger
