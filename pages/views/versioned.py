"""Handing a form to the service that saves it, when others may be editing the same record at the same time
(common/versioning.py): what became of it, and the message after a save."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from common.versioning import StaleEdit, refuse_stale

NOTHING_CHANGED = "Nothing had changed: nothing to save."


@dataclass
class Submission:
    """What became of a form handed to a service: `done` with the service's `result`, or not (a form not sent or
    not valid, or refused: the saves since a stale edit; `existing`, the record a refusal names, such as the value
    a taken period holds already)."""

    done: bool = False
    result: object = None
    saved_since: list = field(default_factory=list)
    existing: object = None


def submit(form, save) -> Submission:
    """Hand a sent, valid form's cleaned data to `save` (a service call); a refusal lands on the form: a stale
    edit with the saves since (common/versioning.py), the service's ValidationError on its fields."""
    if not (form.is_bound and form.is_valid()):
        return Submission()
    try:
        return Submission(done=True, result=save(form.cleaned_data))
    except StaleEdit as stale:
        return Submission(saved_since=refuse_stale(form, stale))
    except ValidationError as error:
        form.add_error(None, error)
        return Submission(existing=getattr(error, "existing", None))


def say_saved(request, changed: bool, saved: str) -> None:
    """`saved` after a save that changed something; that nothing had changed, after one that did not."""
    if changed:
        messages.success(request, saved)
    else:
        messages.info(request, NOTHING_CHANGED)


def edit_fields(request, record, form_class, fields, save, *, saved: str, done_url: str):
    """GET: the form over `record`'s `fields`, at the version it holds. POST: `save(seen_version=...,
    change_reason=..., **cleaned data)`, then to `done_url` saying `saved` (or that nothing changed); a stale
    save is refused, the person's text kept. Returns (the redirect after a save or None, form, saved_since)."""
    if request.method != "POST":
        initial = {name: getattr(record, name) for name in fields}
        return None, form_class(initial=initial, version=record.version), []
    form = form_class(request.POST, version=record.version)
    if not form.is_valid():
        return None, form, []
    data = dict(form.cleaned_data)
    seen = data.pop("version")
    try:
        changed = save(seen_version=seen, change_reason=form.identifier_change_reason, **data)
    except StaleEdit as stale:
        return None, form, refuse_stale(form, stale)
    say_saved(request, changed, saved)
    return redirect(done_url), form, []
