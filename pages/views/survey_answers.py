"""The pages a survey link opens, for anyone holding it: no account, no session, nothing kept of who answers.

- `survey_answer`: GET the form, POST the answer (surveys/answering.py records it), then to the thanks page.
  An unknown or revoked token is the service's ordinary 404. A round not open (not yet, past its closing day, or
  closed early) shows a plain page with its dates: 200 to a GET, 409 to a POST, which stores nothing.
- `survey_answer_thanks`: a plain confirmation for whoever holds a live link. It needs no proof of an answer
  (that would need a cookie or a trace of the answer) and says nothing but thanks, so reaching it directly
  reveals nothing.

POSTs are throttled per address (common/throttle.py): past ANSWERS_PER_WINDOW in WINDOW_SECONDS from one address,
the form comes back with 429, the person's answers still in it, asking them to wait a few minutes. The address
is read as the audit log and django-axes read it (audit.records.client_ip: REMOTE_ADDR, or the trusted proxy's
AUDIT_CLIENT_IP_HEADER entry), and only its keyed hash reaches the cache. The pages are never cached: a shared
computer's back button must not show someone's answers. What the request log keeps of these paths: gunicorn.conf.py
and surveys/log_privacy.py.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from audit.records import client_ip
from common.throttle import Throttle
from surveys import answering
from surveys.answer_forms import AnswerForm
from surveys.models import MINIMUM_GROUP

ANSWERS_PER_WINDOW = 10
WINDOW_SECONDS = 10 * 60
THROTTLE = Throttle("survey-answers", limit=ANSWERS_PER_WINDOW, window=WINDOW_SECONDS)
THROTTLED = (
    "Many answers have been sent from your network in the last few minutes, so yours has not been sent yet. "
    "Wait a few minutes, then send it again: what you entered is still here"
)
NOT_SAVED = "Your answers were not saved"
NOT_OPEN_YET = "This survey is not open yet"
CLOSED = "This survey is closed"


def _link_or_404(token: str):
    link = answering.live_link(token)
    if link is None:
        raise Http404("No such survey link")
    return link


def _closed(request, survey_round, reason: str):
    posted = request.method == "POST"
    return render(
        request,
        "surveys/answer_closed.html",
        {
            "survey_round": survey_round,
            "heading": NOT_OPEN_YET if answering.not_yet_open(survey_round) else CLOSED,
            "reason": reason,
            "posted": posted,
            "not_saved": NOT_SAVED,
        },
        status=409 if posted else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    link = _link_or_404(token)
    survey_round = link.round
    reason = answering.not_open_reason(survey_round)
    if reason:
        return _closed(request, survey_round, reason)
    posted = request.POST if request.method == "POST" else None
    form = AnswerForm(posted, template=survey_round.template)
    status = 200
    if posted is not None and not THROTTLE.allow(client_ip(request)):
        form.is_valid()  # the person's other problems are shown too, so one more send can succeed
        form.add_error(None, THROTTLED)
        status = 429
    elif posted is not None and form.is_valid():
        try:
            answering.record_answer(link=link, **form.service_arguments())
        except answering.RoundNotOpen as refused:
            return _closed(request, survey_round, refused.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("survey_answer_thanks", token)
    context = {"form": form, "survey_round": survey_round, "minimum_group": MINIMUM_GROUP}
    return render(request, "surveys/answer.html", context, status=status)


@never_cache
@require_GET
def survey_answer_thanks(request, token):
    link = _link_or_404(token)
    return render(request, "surveys/answer_thanks.html", {"survey_round": link.round})
