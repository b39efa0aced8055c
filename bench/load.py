"""Load at England scale: 150 partnerships' data, 50 signed-in members at once, beside a trivial page.

    .venv/bin/python bench/load.py

Makes a throwaway PostgreSQL database (scrutiny_load_<pid>, on the server DATABASE_URL names,
postgres://postgres@127.0.0.1:5432 by default; never the test suite's), migrates it, loads the
framework and seeds, in bulk: 150 partnerships, each with 20 agencies, 30 members (scrutineers,
leads, contributors, viewers; each scrutineer also scrutinises a neighbouring partnership), two
reviews with 300 evidence items each, judgements and question responses, 60 action items with 5
progress updates each and 40 challenges with their steps. The texts are the demo's.

Then collects static files into a temporary folder and starts gunicorn on a free port of
127.0.0.1 with production settings (DEBUG off, a random SECRET_KEY, the manifest static storage),
plain http on loopback only. The 50 load users are members of 50 different partnerships (leads,
scrutineers and contributors); each gets a session made the way sign-in makes one (Django's login
and, when two-factor sign-in is installed, a confirmed TOTP device recorded as verified), so the
server sees fully signed-in people.

locust (headless, FastHttpUser) drives the 50 users for 60 s round the dashboard, partnership
overview, evidence register (filtered by agency or by recommendation, and paged), a
recommendation's page and the action plan, each user thinking about a second between pages
(--think); then drives the same users the same way at a trivial page of the same server (the
floor). Every request goes to 127.0.0.1 only; each run stops by itself at --duration or after
--max-requests, and is killed if it overruns. gunicorn is stopped and the database dropped at
the end, also on failure or Ctrl-C.

The last line is for scripts:
    p95_ms=<n> p99_ms=<n> rps=<n> floor_rps=<n> ratio=<rps/floor_rps> errors=<n>
"""

import argparse
import csv
import datetime
import json
import logging
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import warnings
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import setup_django  # noqa: E402

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
BATCH = 5000

AREA_STARTS = ["Ash", "Bram", "Castle", "Dun", "Elm", "Fern", "Glen", "Hart", "Iron", "Kings", "Lark", "Marsh", "Oak"]
AREA_ENDS = ["mere", "brook", "field", "ford", "ham", "ley", "stow", "wick", "worth", "bury", "combe", "dale"]
# members of each partnership's own (the 30th is the neighbouring partnership's scrutineer)
OWN_ROLES = ["scrutineer"] + ["lead"] * 3 + ["contributor"] * 20 + ["viewer"] * 5
LOAD_ROLES = ["lead", "scrutineer", "contributor"]  # viewers see no evidence register


def areas(n: int) -> list[str]:
    names = [start + end for end in AREA_ENDS for start in AREA_STARTS]
    if n > len(names):
        raise SystemExit(f"at most {len(names)} partnerships")
    return names[:n]


def bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


def link_recommendations(through, field: str, items, recs):
    """One or two recommendations for each item, in turn."""
    rows = [
        through(**{field: item}, recommendation=recs[(i + k) % len(recs)])
        for i, item in enumerate(items)
        for k in range(1 + i % 2)
    ]
    bulk(through, rows)


def seed(n_partnerships: int, scale: dict, today: datetime.date) -> dict:
    """Every partnership's data, in bulk; returns {partnership slug: its people, agencies and codes}."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from operations import demo
    from partnerships.models import ActionItem, Agency, Evidence, Membership, Partnership, ProgressUpdate
    from recommendations.loader import framework_files, load_framework
    from recommendations.models import AgencyType, ReflectiveQuestion
    from scrutiny.models import AssuranceLevel, Challenge, ChallengeStep, Judgement, QuestionResponse, Review

    content = demo.load_content()
    framework = load_framework(framework_files()[0]).framework
    recs = list(framework.recommendations.order_by("position"))
    questions = list(framework.questions.order_by("position"))
    scrutineer_questions = [q for q in questions if q.audience == ReflectiveQuestion.Audience.SCRUTINEER]
    levels = [AssuranceLevel.SUBSTANTIAL, AssuranceLevel.REASONABLE, AssuranceLevel.LIMITED, AssuranceLevel.NONE]
    types = list(AgencyType.values)

    partnerships = bulk(
        Partnership,
        [
            Partnership(
                name=f"{area} Safeguarding Children Partnership",
                slug=area.lower(),
                area=f"{area} Council",
                framework=framework,
            )
            for area in areas(n_partnerships)
        ],
    )
    agencies = bulk(
        Agency,
        [
            Agency(partnership=p, name=f"{p.area.removesuffix(' Council')} {AgencyType(kind).label} {k + 1}", type=kind)
            for p in partnerships
            for k in range(scale["agencies"])
            for kind in [types[k % len(types)]]
        ],
    )
    agencies_of = {p.pk: [a for a in agencies if a.partnership_id == p.pk] for p in partnerships}

    # One hash for every account: nobody signs in with it, and hashing 4,000 times would take minutes.
    password = make_password(secrets.token_urlsafe(24))
    User = get_user_model()
    users = bulk(
        User,
        [
            User(
                username=f"{p.slug}-{role}-{k}",
                first_name=role.title(),
                last_name=f"{p.area.removesuffix(' Council')} {k}",
                email=f"{p.slug}-{role}-{k}@example.org",
                password=password,
            )
            for p in partnerships
            for k, role in enumerate(OWN_ROLES)
        ],
    )
    people = {}  # partnership pk -> {role: [users]}
    memberships = []
    for i, p in enumerate(partnerships):
        own = users[i * len(OWN_ROLES) : (i + 1) * len(OWN_ROLES)]
        roles = {role: [u for u, r in zip(own, OWN_ROLES, strict=True) if r == role] for role in set(OWN_ROLES)}
        neighbour = users[((i + 1) % len(partnerships)) * len(OWN_ROLES)]
        roles["scrutineer"] = roles["scrutineer"] + [neighbour]
        people[p.pk] = roles
        contributors = zip(roles["contributor"], agencies_of[p.pk], strict=False)
        memberships += [
            Membership(user=u, partnership=p, role=Membership.Role.CONTRIBUTOR, agency=a) for u, a in contributors
        ]
        memberships += [
            Membership(user=u, partnership=p, role=role)
            for role in ("scrutineer", "lead", "viewer")
            for u in roles[role]
        ]
    bulk(Membership, memberships)

    current_start, current_end = current = demo.review_period(today)
    previous_start, previous_end = previous = demo.previous_review_period(today)
    periods = [
        (demo.previous_review_title(previous), previous_start, previous_end, Review.Status.PUBLISHED),
        (content.review_title(current), current_start, current_end, Review.Status.JUDGING),
    ]
    reviews = bulk(
        Review,
        [
            Review(partnership=p, title=title, period_start=start, period_end=end, status=status)
            for p in partnerships
            for title, start, end, status in periods
        ],
    )
    bulk(
        Review.scrutineers.through,
        [Review.scrutineers.through(review=r, user=u) for r in reviews for u in people[r.partnership_id]["scrutineer"]],
    )

    evidence = []
    for r in reviews:
        span = (r.period_end - r.period_start).days
        lead = people[r.partnership_id]["lead"][0]
        for i in range(scale["evidence"]):
            item = content.evidence[i % len(content.evidence)]
            evidence.append(
                Evidence(
                    partnership_id=r.partnership_id,
                    title=item.title,
                    summary=item.summary,
                    type=item.type,
                    source=item.source,
                    strength=item.strength if i % 3 else "",
                    agency=agencies_of[r.partnership_id][i % scale["agencies"]] if i % 10 else None,
                    date=r.period_start + datetime.timedelta(days=i * span // scale["evidence"]),
                    confirmed_no_identifying_details=True,
                    created_by=lead,
                )
            )
    evidence = bulk(Evidence, evidence)
    link_recommendations(Evidence.recommendations.through, "evidence", evidence, recs)
    asked = Evidence.questions.through
    bulk(
        asked,
        [
            asked(evidence=e, reflectivequestion=questions[i % len(questions)])
            for i, e in enumerate(evidence)
            if i % 3 == 0
        ],
    )

    judged = next(j for j in content.judgements if j.recommendation == "R1")
    judgements = bulk(
        Judgement,
        [
            Judgement(
                review=r,
                recommendation=rec,
                level=levels[(k + r.pk) % len(levels)],
                rationale=judged.rationale,
                strengths=judged.strengths,
                areas_for_improvement=judged.areas_for_improvement,
                updated_by=people[r.partnership_id]["scrutineer"][0],
            )
            for r in reviews
            for k, rec in enumerate(recs)
        ],
    )
    relied = Judgement.evidence.through
    per_review = scale["evidence"]
    bulk(
        relied,
        [
            relied(judgement=j, evidence=evidence[(i // len(recs)) * per_review + n])
            for i, j in enumerate(judgements)
            for n in range(i % len(recs), per_review, len(recs) * 5)
        ],
    )
    answered = next(a for a in content.question_responses if a.question == "SQ2")
    response, note = answered.partnership_response, answered.scrutineer_note
    bulk(
        QuestionResponse,
        [
            QuestionResponse(review=r, question=q, partnership_response=response, scrutineer_note=note)
            for r in reviews[1::2]
            for q in scrutineer_questions
        ],
    )

    actions = []
    for p in partnerships:
        for i in range(scale["actions"]):
            action = content.actions[i % len(content.actions)]
            status = ActionItem.Status.values[i % len(ActionItem.Status.values)]
            actions.append(
                ActionItem(
                    partnership=p,
                    description=action.description,
                    owner_agency=agencies_of[p.pk][i % scale["agencies"]],
                    lead_name=action.lead_name,
                    start_date=today + datetime.timedelta(days=action.start_in_days - i),
                    due_date=today + datetime.timedelta(days=action.due_in_days + i),
                    status=status,
                    impact_evidenced=action.impact_evidenced,
                    verified_by=people[p.pk]["scrutineer"][0] if status == "complete" and i % 2 else None,
                    created_by=people[p.pk]["lead"][0],
                )
            )
    actions = bulk(ActionItem, actions)
    link_recommendations(ActionItem.recommendations.through, "actionitem", actions, recs)
    contributing = ActionItem.contributing_agencies.through
    bulk(
        contributing,
        [
            contributing(actionitem=a, agency=agencies_of[a.partnership_id][(i + k) % scale["agencies"]])
            for i, a in enumerate(actions)
            for k in range(1, 1 + i % 3)
        ],
    )
    notes = [update.note for action in content.actions for update in action.updates]
    bulk(
        ProgressUpdate,
        [
            ProgressUpdate(
                item=a,
                date=today - datetime.timedelta(days=30 * k + i % 7),
                author=people[a.partnership_id]["lead"][k % 3],
                note=notes[(i + k) % len(notes)],
                status_from=a.status if k else "",
                status_to=a.status if k else "",
            )
            for i, a in enumerate(actions)
            for k in range(scale["updates"])
        ],
    )

    statuses = Challenge.Status.values
    challenges = []
    for r in reviews[1::2]:
        for i in range(scale["challenges"]):
            asked = content.challenges[i % len(content.challenges)]
            challenges.append(
                Challenge(
                    partnership_id=r.partnership_id,
                    review=r,
                    agency=agencies_of[r.partnership_id][i % scale["agencies"]] if asked.agency_type else None,
                    text=asked.text,
                    response_due=today + datetime.timedelta(days=asked.response_due_in_days + i),
                    status=statuses[i % len(statuses)],
                    raised_by=people[r.partnership_id]["scrutineer"][0],
                )
            )
    challenges = bulk(Challenge, challenges)
    challenge_link = Challenge.recommendations.through
    bulk(
        challenge_link,
        [challenge_link(challenge=c, recommendation=recs[i % len(recs)]) for i, c in enumerate(challenges)],
    )
    answer = content.challenges[0].steps[0].text
    bulk(
        ChallengeStep,
        [
            ChallengeStep(challenge=c, kind=kind, text=text, by=people[c.partnership_id][who][0])
            for c in challenges
            for kind, who, text in [
                ("raised", "scrutineer", c.text),
                *([("response", "lead", answer)] if c.status != Challenge.Status.AWAITING_RESPONSE else []),
            ]
        ],
    )
    return {
        p.slug: {"people": people[p.pk], "agencies": [a.pk for a in agencies_of[p.pk]], "codes": [r.code for r in recs]}
        for p in partnerships
    }


def signed_in_session(user) -> str:
    """A session key for `user`, signed in by Django's own login (so every sign-in hook runs) with a second factor."""
    from django.conf import settings
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    # Before signing in, as for a real person: sign-in notes that this account has a second factor.
    device = TOTPDevice.objects.create(user=user, name="Load test authenticator", confirmed=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    # What django_otp.login() stores once a code from that device has been accepted.
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def load_users(partnerships: dict, n_users: int) -> list[dict]:
    """`n_users` members of as many partnerships, spread across England, each with their session and pages."""
    slugs = list(partnerships)
    step = max(1, len(slugs) // n_users)
    users = []
    for i in range(n_users):
        slug = slugs[(i * step) % len(slugs)]
        data = partnerships[slug]
        role = LOAD_ROLES[i % len(LOAD_ROLES)]
        user = data["people"][role][i % len(data["people"][role])]
        base = f"/partnerships/{slug}"
        agencies, codes = data["agencies"], data["codes"]
        users.append(
            {
                "username": user.username,
                "session": signed_in_session(user),
                "pages": {
                    "dashboard": "/",
                    "overview": f"{base}/",
                    "evidence": [
                        f"{base}/evidence/?agency={agencies[i % len(agencies)]}&page=2",
                        f"{base}/evidence/?recommendation={codes[i % len(codes)]}&page=3",
                        f"{base}/evidence/?page=5",
                    ],
                    "recommendations": [f"{base}/recommendations/{code}/" for code in codes],
                    "actions": f"{base}/actions/",
                },
            }
        )
    return users


def floor_url() -> str:
    """The public accessibility statement if it exists, else the sign-in page: next to no work either way."""
    from django.urls import Resolver404, resolve, reverse

    try:
        resolve("/accessibility/")
        return "/accessibility/"
    except Resolver404:
        return reverse("login")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, cookie: str = "") -> int:
    """Status of one GET, redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 - http://127.0.0.1 only
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def server_env(database_url: str, folder: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    return env | {
        "DJANGO_SETTINGS_MODULE": "project.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ["SECRET_KEY"],
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        # Plain http on loopback: no proxy terminates TLS here.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
        "TASKS_IN_PROCESS": "1",  # no broker: the pages measured enqueue nothing
    }


def start_gunicorn(env: dict, port: int, workers: int, threads: int, folder: Path) -> subprocess.Popen:
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # gunicorn.conf.py, as the Docker image runs it; only the address and the sizes come from here.
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        f"--config={ROOT / 'gunicorn.conf.py'}",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--pid={folder / 'gunicorn.pid'}",
    ]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(folder / "gunicorn.log", "w")
    )


def wait_until_up(base: str, path: str, server: subprocess.Popen, folder: Path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited: {(folder / 'gunicorn.log').read_text()[-2000:]}")
        if get(base + path) == 200:
            return
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {path} with 200 within 60 s")


def check_pages(base: str, user: dict, cookie_name: str):
    """Every page of one load user answers 200 as that user, before any load."""
    pages = user["pages"]
    urls = [pages["dashboard"], pages["overview"], *pages["evidence"], *pages["recommendations"], pages["actions"]]
    for url in urls:
        status = get(base + url, f"{cookie_name}={user['session']}")
        if status != 200:
            raise SystemExit(f"GET {url} as {user['username']} answered {status}, not 200: is the session signed in?")


def cpu_by_process(processes) -> dict:
    """{pid: CPU seconds so far} of each process still running."""
    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
            seconds[process.pid] = times.user + times.system + times.children_user + times.children_system
        except psutil.NoSuchProcess:
            pass
    return seconds


def server_processes(server: subprocess.Popen, database: str) -> dict:
    """{"gunicorn": its master and workers, "postgres": the backends serving the throwaway database}."""
    master = psutil.Process(server.pid)
    titles = ((p, (p.info["cmdline"] or [""])[0]) for p in psutil.process_iter(["cmdline"]))
    backends = [p for p, title in titles if title.startswith("postgres:") and f" {database} " in title]
    return {"gunicorn": [master, *master.children(recursive=True)], "postgres": backends}


def cpu_used(before: dict, after: dict) -> dict:
    """CPU seconds each side used between two readings; processes started meanwhile count from their start."""
    return {side: sum(cpu - before[side].get(pid, 0.0) for pid, cpu in after[side].items()) for side in after}


def run_locust(user_class: str, base: str, args, folder: Path, server: subprocess.Popen, database: str) -> dict:
    """One headless locust run: its figures per page and in all, and the CPU each side used."""
    prefix = folder / user_class.lower()
    command = [
        str(Path(sys.executable).with_name("locust")),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        f"--users={args.users}",
        f"--spawn-rate={args.users / 2}",
        f"--run-time={args.duration}s",
        "--stop-timeout=5",
        f"--host={base}",
        f"--json-file={prefix}",
        f"--csv={prefix}",  # for the failures' messages
        "--loglevel=WARNING",
        user_class,
    ]
    server_before = {side: cpu_by_process(ps) for side, ps in server_processes(server, database).items()}
    machine_before, children_before = psutil.cpu_times(), _children_cpu()
    started = time.monotonic()
    with (folder / f"{prefix.name}.log").open("w") as log:
        locust = subprocess.Popen(
            command, cwd=ROOT, env=os.environ | {"LOAD_PLAN": str(folder / "plan.json")}, stdout=log, stderr=log
        )
        try:
            locust.wait(timeout=args.duration + 60)
        except subprocess.TimeoutExpired:
            locust.kill()
            raise SystemExit("locust overran its time and was stopped") from None
    elapsed = time.monotonic() - started
    machine_after = psutil.cpu_times()
    entries = json.loads(Path(f"{prefix}.json").read_text())
    if not entries:
        raise SystemExit(f"locust made no requests: {(folder / f'{prefix.name}.log').read_text()[-2000:]}")
    return {
        "pages": {entry["name"]: summarise([entry]) for entry in entries},
        "all": summarise(entries),
        "elapsed": elapsed,
        "server_cpu": cpu_used(
            server_before, {side: cpu_by_process(ps) for side, ps in server_processes(server, database).items()}
        ),
        "locust_cpu": _children_cpu() - children_before,  # locust is the only child waited for meanwhile
        "machine_cpu": sum(
            getattr(machine_after, f) - getattr(machine_before, f) for f in ("user", "system", "nice", "irq", "softirq")
        ),
    }


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def summarise(entries: list[dict]) -> dict:
    """Requests, failures, rate and percentiles (ms) of locust's serialised stats entries, merged."""
    times = Counter()
    for entry in entries:
        times.update({int(ms): n for ms, n in entry["response_times"].items()})
    requests = sum(entry["num_requests"] for entry in entries)
    span = max(e["last_request_timestamp"] for e in entries) - min(e["start_time"] for e in entries)

    def percentile(fraction: float) -> int:
        # As locust reports them: the smallest recorded time that this fraction of requests took no longer than.
        wanted, seen = math.ceil(requests * fraction), 0
        for ms in sorted(times):
            seen += times[ms]
            if seen >= wanted:
                return ms
        return 0

    return {
        "requests": requests,
        "failures": sum(entry["num_failures"] for entry in entries),
        "rps": requests / span if span > 0 else 0.0,
        "median": percentile(0.5),
        "p95": percentile(0.95),
        "p99": percentile(0.99),
        "max": max(entry["max_response_time"] or 0 for entry in entries),
    }


def print_run(title: str, run: dict):
    print(f"\n{title}: {run['elapsed']:.0f} s")
    print(f"{'page':<16}{'requests':>10}{'rps':>8}{'median':>8}{'p95':>7}{'p99':>7}{'max':>7}{'errors':>8}  (ms)")
    for name, row in [*sorted(run["pages"].items()), ("all", run["all"])]:
        print(
            f"{name:<16}{row['requests']:>10}{row['rps']:>8.1f}{row['median']:>8}{row['p95']:>7}"
            f"{row['p99']:>7}{row['max']:>7.0f}{row['failures']:>8}"
        )
    print(
        f"CPU over the run, of {psutil.cpu_count() * run['elapsed']:.0f} core-seconds: "
        f"gunicorn {run['server_cpu']['gunicorn']:.0f} s, PostgreSQL {run['server_cpu']['postgres']:.0f} s, "
        f"locust {run['locust_cpu']:.0f} s, "
        f"whole machine {run['machine_cpu']:.0f} s"
    )


def print_failures(folder: Path):
    for path in sorted(folder.glob("*_failures.csv")):
        with path.open(newline="") as handle:
            for row in list(csv.DictReader(handle))[:5]:
                print(f"  {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=150)
    parser.add_argument("--users", type=int, default=50, help="concurrent signed-in users")
    parser.add_argument("--duration", type=int, default=60, help="seconds of each run, pages then floor")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds each user waits between pages (0: none)")
    # One process per core runs Python on both; four threads each overlap the short waits on PostgreSQL
    # (about a tenth of a page's time). More processes only queue for the same two cores.
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads in each gunicorn worker")
    parser.add_argument("--max-requests", type=int, default=100_000, help="each run stops after this many")
    args = parser.parse_args()
    scale = {"agencies": 20, "evidence": 300, "actions": 60, "updates": 5, "challenges": 40}

    # SIGTERM (say, a CI timeout) unwinds through the finally blocks: gunicorn stopped, database dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    warnings.filterwarnings("ignore", message="No directory at")
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line for each load user's sign-in
    server_url = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    if urlsplit(server_url).scheme not in {"postgres", "postgresql"}:
        raise SystemExit("bench/load.py needs PostgreSQL: set DATABASE_URL to a postgres:// URL or leave it unset")
    os.environ["DATABASE_URL"] = server_url
    # The server and this process share the key: the sessions made here are signed with it.
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)

    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        folder = Path(tmp)
        connection, old_name = setup_django(folder, "scrutiny_load")
        database = connection.settings_dict["NAME"]
        server = None
        try:
            from django.conf import settings
            from django.db import transaction
            from django.utils import timezone

            started = time.perf_counter()
            with transaction.atomic():
                partnerships = seed(args.partnerships, scale, timezone.localdate())
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
                # As on any SSD-backed or well-cached server (docs/benchmarks.md, "Load at England scale"): with the
                # default of 4, the register's recommendation filter hash-joins every partnership's links.
                cursor.execute(f'ALTER DATABASE "{database}" SET random_page_cost = 1.1')
                cursor.execute(
                    "SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY n_live_tup DESC"
                )
                counts = cursor.fetchall()
            print(f"Seeded {database} in {time.perf_counter() - started:.0f} s:")
            print("  " + ", ".join(f"{name} {rows:,}" for name, rows in counts[:12]))

            users = load_users(partnerships, args.users)
            plan = {
                "users": users,
                "floor": floor_url(),
                "cookie_name": settings.SESSION_COOKIE_NAME,
                "think_s": args.think,
                "max_requests": args.max_requests,
            }
            (folder / "plan.json").write_text(json.dumps(plan))

            port = free_port()
            base = f"http://127.0.0.1:{port}"
            database_url = urlunsplit(urlsplit(server_url)._replace(path=f"/{database}"))
            server = start_gunicorn(server_env(database_url, folder), port, args.workers, args.threads, folder)
            wait_until_up(base, plan["floor"], server, folder)
            check_pages(base, users[0], settings.SESSION_COOKIE_NAME)
            print(
                f"gunicorn on {base}: {args.workers} workers x {args.threads} threads; {args.users} users, "
                f"{args.think:g} s thinking between pages, {args.duration} s a run; floor {plan['floor']}"
            )

            pages = run_locust("Member", base, args, folder, server, database)
            print_run("Pages", pages)
            floor = run_locust("Floor", base, args, folder, server, database)
            print_run("Floor", floor)
            errors = pages["all"]["failures"] + floor["all"]["failures"]
            if errors:
                print_failures(folder)
        finally:
            if server is not None:
                server.terminate()
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
            connection.close()
            connection.creation.destroy_test_db(old_name, verbosity=0)

    rps, floor_rps = pages["all"]["rps"], floor["all"]["rps"]
    print(
        f"p95_ms={pages['all']['p95']} p99_ms={pages['all']['p99']} rps={rps:.1f} floor_rps={floor_rps:.1f} "
        f"ratio={rps / floor_rps:.2f} errors={errors}"
    )


if __name__ == "__main__":
    main()
