"""Keeping survey links out of the log (project/settings.py LOGGING).

A link's token is the only thing tying an answer page to the agency whose staff it was sent to; Django logs the
path of a refused request ("Not Found: /answer/<token>/", "Too Many Requests: ...", "Forbidden (CSRF cookie not
set.): ..."). This filter, on the loggers that do, writes "/answer/-/" in its place. No Django import: logging is
configured before the apps are loaded.
"""

import logging
import re

ANSWER_PATH = re.compile(r"/answer/[^/\s?#\"']+")
HIDDEN = "/answer/-"


def hide_answer_links(text: str) -> str:
    return ANSWER_PATH.sub(HIDDEN, text)


class HideAnswerLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/answer/" in message:
            record.msg, record.args = hide_answer_links(message), ()
        return True
