"""gunicorn's access log (gunicorn.conf.py's logger class) keeps neither the address nor the link of an answer page,
nor any header that could carry either; other pages keep their usual line."""

import datetime
import runpy
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import SafeAtoms

from tests.support.paths import ROOT

ADDRESS = "203.0.113.77"
TOKEN = "k3Vt0kEnOfAnAgencysLink-xyz"
CONF = runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def line(path: str) -> str:
    config = Config()
    config.set("accesslog", "-")
    logger = CONF["logger_class"](config)
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": path + "?from=email",
        "PATH_INFO": path,
        "QUERY_STRING": "from=email",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": ADDRESS,
        "HTTP_REFERER": f"https://tracker.example/answer/{TOKEN}/",
        "HTTP_USER_AGENT": "Mozilla/5.0 (one of a kind)",
        "HTTP_X_FORWARDED_FOR": ADDRESS,
    }
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", ADDRESS), ("REFERER", environ["HTTP_REFERER"])])
    response = SimpleNamespace(status="302 Found", sent=0, headers=[("Set-Cookie", "csrftoken=abc")])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(milliseconds=12))
    extra = " %({x-forwarded-for}i)s %({remote_addr}e)s %({set-cookie}o)s %(U)s %(q)s"
    return (config.access_log_format + extra) % SafeAtoms(atoms)


def test_an_answer_pages_line_keeps_neither_address_nor_link():
    for path in (f"/answer/{TOKEN}/", f"/answer/{TOKEN}/thanks/"):
        logged = line(path)

        assert ADDRESS not in logged
        assert TOKEN not in logged
        assert "one of a kind" not in logged
        assert "csrftoken" not in logged
        assert '"POST /answer/-/' in logged
        assert " 302 " in logged


def test_other_pages_keep_the_usual_line():
    logged = line("/partnerships/northmere/")

    assert logged.startswith(ADDRESS)
    assert "one of a kind" in logged
