"""The load that bench/load.py drives with locust: signed-in members reading pages, or the floor.

Not run by hand: bench/load.py writes the plan (LOAD_PLAN, a JSON file: each load user's
session cookie and pages, the floor's URL, the request cap) and starts
`locust -f bench/locustfile.py --headless ... Member` and then `... Floor`.

Every request goes to 127.0.0.1 only (any other host stops the run at once), and the run
stops by itself: at locust's --run-time, or after the plan's max_requests, whichever comes first.
"""

import itertools
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, between, constant, events, task
from requests.cookies import create_cookie

PLAN = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
_accounts = itertools.cycle(PLAN["users"])
_sent = 0
_environment = None


@events.init.add_listener
def _remember(environment, **kwargs):
    global _environment
    _environment = environment


@events.test_start.add_listener
def _loopback_only(environment, **kwargs):
    if urlsplit(environment.host or "").hostname != "127.0.0.1":
        environment.process_exit_code = 2
        gevent.spawn(environment.runner.quit)
        raise SystemExit(f"bench/locustfile.py drives 127.0.0.1 only, not {environment.host!r}")


@events.request.add_listener
def _bounded(**kwargs):
    """Stop the whole run once the plan's request cap is reached, whatever --run-time says."""
    global _sent
    _sent += 1
    if _sent == PLAN["max_requests"]:
        gevent.spawn(_environment.runner.quit)


class SignedIn(FastHttpUser):
    abstract = True
    think = PLAN["think_s"]
    wait_time = between(think / 2, think * 3 / 2) if think else constant(0)

    def on_start(self):
        self.account = next(_accounts)
        self.client.cookiejar.set_cookie(
            create_cookie(PLAN["cookie_name"], self.account["session"], domain="127.0.0.1")
        )

    def visit(self, name: str, url: str):
        # A redirect (say, to the sign-in page) is a failure: every page must answer as the member.
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} from {url}")


class Member(SignedIn):
    """A member going round their pages: dashboard, overview, evidence register, a recommendation, the plan."""

    def on_start(self):
        super().on_start()
        pages = self.account["pages"]
        evidence, recommendations = itertools.cycle(pages["evidence"]), itertools.cycle(pages["recommendations"])
        self.round = itertools.cycle(
            [
                ("dashboard", lambda: pages["dashboard"]),
                ("overview", lambda: pages["overview"]),
                ("evidence list", lambda: next(evidence)),
                ("recommendation", lambda: next(recommendations)),
                ("action plan", lambda: pages["actions"]),
            ]
        )

    @task
    def next_page(self):
        name, url = next(self.round)
        self.visit(name, url())


class Floor(SignedIn):
    """The same users asking for a page that does next to nothing, through the whole middleware stack."""

    @task
    def floor(self):
        self.visit("floor", PLAN["floor"])
