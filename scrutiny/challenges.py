"""The challenge log's workflow, and the queries other pages use to show open and overdue challenges.

Every change to a challenge goes through one of the functions here. Each takes the acting
`membership` and checks it by the permission the view declares (partnerships/permissions.py:
can_raise_challenge, can_respond_to, can_follow_up_challenge; PermissionDenied when the role lacks it
or the challenge is of another partnership), runs in one transaction, locks the challenge, checks the
move is allowed from its current status, adds a dated ChallengeStep attributed to the membership's
user and sets the new status; a refused move raises ChallengeRefused (a ValueError) and changes nothing.

    raise_challenge  -> awaiting response
    respond          awaiting response | escalated -> response received
    accept           response received -> accepted (closed)
    ask_again        response received -> awaiting response, with a new due date
    escalate         awaiting response | response received -> escalated

Raising, a response, asking again and escalating each email the people who must act next, once the
transaction has committed (scrutiny.challenge_notices).
"""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from common.history import one_history_record
from common.limits import too_long
from partnerships.permissions import require
from scrutiny.challenge_notices import TEMPLATES as NOTICE_TEMPLATES
from scrutiny.models import CHALLENGE_TEXT_LIMIT, Challenge, ChallengeStep
from scrutiny.queueing import send
from scrutiny.tasks import send_challenge_notice_task

Status = Challenge.Status
Kind = ChallengeStep.Kind

ESCALATED_TO = "the lead safeguarding partners (the local authority, the integrated care board and the police)"


def notify_after_commit(step) -> None:
    """Send the step's email task once the surrounding transaction commits (never, if it rolls back)."""
    if step.kind in NOTICE_TEMPLATES:
        # robust: a broker or mail failure is logged; it must not turn a saved step into an error page.
        what = f"Challenge step {step.pk}: email not sent"
        transaction.on_commit(partial(send, send_challenge_notice_task, step.pk, what=what), robust=True)


class ChallengeRefused(ValueError):  # noqa: N818 - reads as what happened: the move was refused
    """A move the challenge does not allow now, or input no challenge may hold. The message is for people."""


# Which moves each status allows, and the message when it does not.
_CLOSED = "This challenge has been accepted and is closed."
_REFUSALS = {
    "respond": {
        Status.RESPONDED: "This challenge already has a response. The scrutineer must accept it or ask again first.",
        Status.ACCEPTED: _CLOSED,
    },
    "accept": {
        Status.AWAITING_RESPONSE: "There is no response to accept yet.",
        Status.ESCALATED: "There is no response to accept yet: the challenge is with " + ESCALATED_TO + ".",
        Status.ACCEPTED: _CLOSED,
    },
    "ask_again": {
        Status.AWAITING_RESPONSE: "There is no response yet: the challenge is still awaiting one.",
        Status.ESCALATED: "There is no response yet: the challenge is with " + ESCALATED_TO + ".",
        Status.ACCEPTED: _CLOSED,
    },
    "escalate": {
        Status.ESCALATED: "This challenge has already been escalated to " + ESCALATED_TO + ".",
        Status.ACCEPTED: _CLOSED,
    },
}


def allowed(move: str, challenge) -> bool:
    """Whether the challenge's status allows `move` ("respond", "accept", "ask_again" or "escalate")."""
    return challenge.status not in _REFUSALS[move]


def _refuse_unless_allowed(move, challenge):
    message = _REFUSALS[move].get(challenge.status)
    if message:
        raise ChallengeRefused(message)


def _clean_text(text, what="Enter the text", *, required=True) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ChallengeRefused(what)
    if len(text) > CHALLENGE_TEXT_LIMIT:
        raise ChallengeRefused(too_long("The text", CHALLENGE_TEXT_LIMIT))
    return text


def _check_due(response_due, today=None):
    if response_due is None:
        raise ChallengeRefused("Enter the date a response is due")
    if response_due < (today or timezone.localdate()):
        raise ChallengeRefused("The response due date must be today or in the future")


def _require(membership, permission, challenge):
    """PermissionDenied unless the challenge is of the membership's partnership and the membership holds
    `permission` on it."""
    if challenge.partnership_id != membership.partnership_id:
        raise PermissionDenied("A challenge of another partnership.")
    require(membership, permission, challenge)


def _locked(challenge):
    """The challenge re-read under a row lock, so that two moves at once cannot both pass the status check."""
    fresh = Challenge.objects.select_for_update().get(pk=challenge.pk)
    challenge.status, challenge.response_due = fresh.status, fresh.response_due
    return challenge


def _move(challenge, *, kind, by, text, status, change_reason="", **changes):
    challenge.status = status
    if change_reason:
        challenge._change_reason = change_reason  # e.g. the identifier check's confirmation
    for name, value in changes.items():
        setattr(challenge, name, value)
    challenge._history_user = by  # attributes the history record outside a request too
    challenge.save(update_fields=["status", *changes])
    step = ChallengeStep.objects.create(challenge=challenge, kind=kind, text=text, by=by, at=timezone.now())
    notify_after_commit(step)
    return step


def raise_challenge(
    *, membership, text, agency, recommendations, response_due, today=None, change_reason=""
) -> Challenge:
    """A scrutineer's new challenge to the membership's partnership (agency None) or to one of its agencies."""
    require(membership, "can_raise_challenge")
    partnership, by = membership.partnership, membership.user
    text = _clean_text(text, "Enter the challenge")
    recommendations = list(recommendations)
    if not recommendations:
        raise ChallengeRefused("Select at least one recommendation the challenge is about")
    if any(r.framework_id != partnership.framework_id for r in recommendations):
        raise ChallengeRefused("Select recommendations from this partnership's framework")
    if agency is not None and agency.partnership_id != partnership.pk:
        raise ChallengeRefused("Select an agency of this partnership")
    _check_due(response_due, today)
    with transaction.atomic():
        challenge = Challenge(
            partnership=partnership,
            review=partnership.reviews.current(),
            agency=agency,
            text=text,
            response_due=response_due,
            status=Status.AWAITING_RESPONSE,
            raised_by=by,
        )
        if change_reason:
            challenge._change_reason = change_reason
        with one_history_record(challenge, by=by, created=True):
            challenge.save()
            challenge.recommendations.set(recommendations)
        step = ChallengeStep.objects.create(
            challenge=challenge, kind=Kind.RAISED, text=text, by=by, at=challenge.raised_at
        )
        notify_after_commit(step)
    return challenge


def respond(*, challenge, membership, text, change_reason="") -> ChallengeStep:
    """A response: by a partnership manager or the challenged agency, or, once escalated, by a lead
    safeguarding partner (who may answer is Membership.can_respond_to); allowed while awaiting a response
    or escalated."""
    _require(membership, "can_respond_to", challenge)
    text = _clean_text(text, "Enter your response")
    with transaction.atomic():
        # Again as the challenge stands now: escalated meanwhile, it is the partners' to answer.
        _require(membership, "can_respond_to", _locked(challenge))
        _refuse_unless_allowed("respond", challenge)
        return _move(
            challenge,
            kind=Kind.RESPONSE,
            by=membership.user,
            text=text,
            status=Status.RESPONDED,
            change_reason=change_reason,
        )


def accept(*, challenge, membership, note="", change_reason="") -> ChallengeStep:
    """The scrutineer accepts the response; the challenge is closed."""
    _require(membership, "can_follow_up_challenge", challenge)
    with transaction.atomic():
        _refuse_unless_allowed("accept", _locked(challenge))
        return _move(
            challenge,
            kind=Kind.ACCEPTED,
            by=membership.user,
            text=_clean_text(note, required=False),
            status=Status.ACCEPTED,
            change_reason=change_reason,
        )


def ask_again(*, challenge, membership, text, response_due, today=None, change_reason="") -> ChallengeStep:
    """The scrutineer is not satisfied with the response and asks again, by a new date."""
    _require(membership, "can_follow_up_challenge", challenge)
    text = _clean_text(text, "Enter what you are asking for")
    _check_due(response_due, today)
    with transaction.atomic():
        _refuse_unless_allowed("ask_again", _locked(challenge))
        return _move(
            challenge,
            kind=Kind.ASKED_AGAIN,
            by=membership.user,
            text=text,
            status=Status.AWAITING_RESPONSE,
            response_due=response_due,
            change_reason=change_reason,
        )


def escalate(*, challenge, membership, text, change_reason="") -> ChallengeStep:
    """The scrutineer escalates an open challenge to the lead safeguarding partners, who are emailed; one of
    them (or their delegate) then responds."""
    _require(membership, "can_follow_up_challenge", challenge)
    text = _clean_text(text, "Enter why you are escalating the challenge")
    with transaction.atomic():
        _refuse_unless_allowed("escalate", _locked(challenge))
        return _move(
            challenge,
            kind=Kind.ESCALATED,
            by=membership.user,
            text=text,
            status=Status.ESCALATED,
            change_reason=change_reason,
        )
