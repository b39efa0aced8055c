"""Refusing a stale edit: the one way any record people edit at the same time is protected from lost updates.

A record has a `version` that every save which changes what its edit form shows bumps, under
the row's lock. The edit form carries the version the person opened (a hidden field). A
save from an older version is refused with StaleEdit and writes nothing; the form is shown
again with the person's own text, a message naming who saved what since they opened it, and
the newer version, so that saving again is a deliberate choice over the colleague's work.

Judgements and question responses (scrutiny/judgements.py), action items
(partnerships/actions.py) and evidence (partnerships/evidence.py) use it.
"""

from django import forms
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list

from common.history import HistoryEntry, history_entries

VERSION_HELP = "Bumped on every save, to refuse stale edits."
WHEN_FORMAT = r"j F Y \a\t H:i"  # 5 May 2026 at 10:32
MISSING_VERSION = "This form was sent without the version of the record it was opened at: open it again"


def version_field():
    """The `version` column of a record that refuses stale edits (kept in its history, never shown there)."""
    return models.PositiveIntegerField(default=0, help_text=VERSION_HELP)


class StaleEdit(Exception):
    """The record changed after the person opened it; their save was not applied.

    `current` is the record as it now stands; `seen_version` the version the person opened.
    """

    def __init__(self, current, seen_version: int):
        self.current = current
        self.seen_version = seen_version
        super().__init__("changed since it was opened")


def lock(record):
    """Re-read `record`'s row under a row lock held to the end of the transaction, and bring the
    instance up to date with it, so that a change made meanwhile is neither missed nor overwritten."""
    fresh = type(record)._default_manager.select_for_update().get(pk=record.pk)
    for field in record._meta.concrete_fields:
        setattr(record, field.attname, getattr(fresh, field.attname))  # a changed _id drops a stale cached object
    return record


def check_version(record, seen_version: int):
    """Under the row's lock: StaleEdit unless the record is still at the version the person opened."""
    if record.version != seen_version:
        raise StaleEdit(record, seen_version)


def bump(record):
    """Count a change: a form opened before it is refused. Call under the row's lock, before the save."""
    record.version += 1


def save_fields(record, *, values: dict, seen_version: int, by, change_reason: str) -> bool:
    """Set `values` on `record` and save it, unless it changed since the person opened it (StaleEdit);
    False, with nothing written, if the values are what it holds already. One history entry, by `by`."""
    with transaction.atomic():
        lock(record)
        check_version(record, seen_version)
        if all(getattr(record, name) == value for name, value in values.items()):
            return False
        for name, value in values.items():
            setattr(record, name, value)
        bump(record)
        record._change_reason = change_reason
        record._history_user = by
        record.save()
    return True


class VersionedFormMixin:
    """A hidden `version` field holding the version of the record the form was opened at.

    Put it after GovUKFormMixin and before forms.Form in the bases, so the field exists before the
    layout is built. Pass `version=` (the record's version now) to a form that edits a record; a form
    that creates one (version=None) has no such field.
    """

    def __init__(self, *args, version: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["version"] = forms.IntegerField(
                widget=forms.HiddenInput,
                min_value=0,
                error_messages={"required": MISSING_VERSION, "invalid": MISSING_VERSION, "min_value": MISSING_VERSION},
            )
            self.initial.setdefault("version", version)

    def clean(self):
        cleaned = super().clean()
        # A hidden field's error would show nowhere: say it above the form.
        if errors := self._errors.pop("version", None):
            self.add_error(None, errors)
        return cleaned


def saved_since(record, seen_version: int) -> list[HistoryEntry]:
    """The saves of `record` after `seen_version`, oldest first, each with what it changed."""
    entries = history_entries(record)
    since = [entry for entry in entries if entry.version is not None and entry.version > seen_version]
    return since[::-1] or entries[:1]  # history written before versions were recorded: the latest save


def stale_message(entries: list[HistoryEntry]) -> str:
    """Who saved what, and when, after the person opened the form; and what happens now."""
    saves = [
        f"{entry.who} {_what(entry)} on {date_format(timezone.localtime(entry.when), WHEN_FORMAT)}" for entry in entries
    ] or ["Someone saved this"]
    return (
        f"{get_text_list(saves, 'and')}, after you opened it. Your text is kept below and nothing was saved: "
        "compare it with the saved version, then save again."
    )


def _what(entry: HistoryEntry) -> str:
    if entry.changes:
        return "changed " + get_text_list([change.field.lower() for change in entry.changes], "and")
    return "created this" if entry.what == "Created" else "saved this"


def refuse_stale(form, stale: StaleEdit) -> list[HistoryEntry]:
    """Show `form` again after a refused save: the message, the person's text as they sent it, and the
    newer version, so that saving again is deliberate. Returns the saves since, for the page to list."""
    entries = saved_since(stale.current, stale.seen_version)
    form.add_error(None, stale_message(entries))
    form.data = form.data.copy()
    form.data[form.add_prefix("version")] = stale.current.version
    return entries
