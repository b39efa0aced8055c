"""A readable change history from django-simple-history records: who, when, which fields, old and new."""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format

from common.naming import display_name


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    what: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""  # said beside a creation, e.g. the identifier check's confirmation
    version: int | None = None  # the record's version after this save (common/versioning.py), if it has one


def _display(model, name, value) -> str:
    if value in (None, ""):
        return "(empty)"
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if isinstance(model_field, models.ManyToManyField):
        target = model_field.related_model
        ids = sorted(row[target._meta.model_name] for row in value)
        if not ids:
            return "(none)"
        return "; ".join(str(obj) for obj in target.objects.filter(pk__in=ids))
    if isinstance(model_field, models.ForeignKey):
        obj = model_field.related_model.objects.filter(pk=value).first()
        return str(obj) if obj else f"(removed #{value})"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.DateTimeField):
        return date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(model_field, models.DateField):
        return date_format(value, "j F Y")
    if isinstance(model_field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return "\n".join(str(v) for v in value) or "(none)"
    return str(value)


# Bookkeeping recorded in the history but never shown as a change.
HIDDEN_FIELDS = ["version"]


def _label(model, name) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name


def history_entries(obj) -> list[HistoryEntry]:
    """Newest first. The first record is the creation; each later one lists what changed."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))
    entries, previous = [], None
    for record in records:
        user = record.history_user
        who = display_name(user, nobody="System")
        version = getattr(record, "version", None)
        if previous is None:
            reason = record.history_change_reason or ""
            entries.append(
                HistoryEntry(when=record.history_date, who=who, what="Created", reason=reason, version=version)
            )
        else:
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            changes = [
                Change(_label(model, c.field), _display(model, c.field, c.old), _display(model, c.field, c.new))
                for c in delta.changes
            ]
            # A record that changed no field but gives a reason (a confirmation) is still worth showing.
            if changes or record.history_change_reason:
                what = record.history_change_reason or "Changed"
                entries.append(
                    HistoryEntry(when=record.history_date, who=who, what=what, changes=changes, version=version)
                )
        previous = record
    return entries[::-1]


@contextmanager
def one_history_record(obj, *, by, created: bool):
    """Write a row and its many-to-many links inside the block; record them as one history entry.

    django-simple-history would otherwise add a record for the save and another for each
    many-to-many `set`. `by` is recorded as the author even outside a request.
    """
    obj._history_user = by
    obj.skip_history_when_saving = True
    try:
        yield
    finally:
        del obj.skip_history_when_saving
    obj.save()  # the one record, with the links as they now stand
    if created:
        latest = obj.history.order_by("-history_id").values_list("history_id", flat=True)[:1]
        obj.history.filter(history_id__in=list(latest)).update(history_type="+")
