"""Editing a few text fields of a record others may be editing at the same time (common/versioning.py)."""

from django.contrib import messages
from django.shortcuts import redirect

from common.versioning import StaleEdit, refuse_stale

NOTHING_CHANGED = "Nothing had changed: nothing to save."


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
    messages.success(request, saved if changed else NOTHING_CHANGED)
    return redirect(done_url), form, []
