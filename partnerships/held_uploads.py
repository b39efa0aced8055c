"""Uploads kept while the evidence form asks about possible identifiers, so nobody selects files twice.

Browsers never send a file again. When the evidence form is shown again only because the
identifier check wants an answer, its checked uploads are stored under `pending/` in the
uploads storage and named in a signed token the form carries in a hidden field: the
person's id, each stored name, the file's own name and its type. A token is good for
MAX_AGE seconds and only for the person it was made for; anything else reads as no files.
The pending copies are deleted once the evidence is saved, and any left behind by someone
who went away are deleted by a later hold once they are older than twice MAX_AGE.
"""

import datetime
import logging
import uuid
from pathlib import PurePath

from django.core import signing
from django.utils import timezone

from partnerships import filetypes
from partnerships.evidence import Upload
from partnerships.models import Attachment

logger = logging.getLogger(__name__)

SALT = "partnerships.held-uploads"
MAX_AGE = 60 * 60
FOLDER = "pending"


def _storage():
    return Attachment._meta.get_field("file").storage


def hold(uploads: list[Upload], *, user) -> str:
    """A token for `uploads`, storing any not already held. Empty when there are none."""
    if not uploads:
        return ""
    storage = _storage()
    _sweep(storage)
    entries = []
    for upload in uploads:
        stored = getattr(upload.file, "held_as", None)
        if stored is None:
            upload.file.seek(0)
            stored = storage.save(f"{FOLDER}/{uuid.uuid4().hex}{PurePath(upload.name).suffix.lower()}", upload.file)
            upload.file.seek(0)
        entries.append({"stored": stored, "name": upload.name, "kind": upload.kind.code})
    return signing.dumps({"user": user.pk, "files": entries}, salt=SALT, compress=True)


def held(token: str, *, user) -> list[Upload]:
    """The uploads `token` names, if it is genuine, recent and `user`'s; otherwise none."""
    if not token:
        return []
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # tampered with, or expired
        return []
    if data.get("user") != user.pk:
        return []
    kinds = {kind.code: kind for kind in filetypes.ACCEPTED}
    storage = _storage()
    uploads = []
    for entry in data.get("files", []):
        stored, kind = entry["stored"], kinds.get(entry["kind"])
        if kind is None or not stored.startswith(f"{FOLDER}/") or not storage.exists(stored):
            continue
        handle = storage.open(stored, "rb")
        handle.held_as = stored
        uploads.append(Upload(file=handle, name=entry["name"], kind=kind))
    return uploads


def discard(uploads: list[Upload]):
    """Delete the pending copies of any held uploads among `uploads` (after they were saved for good)."""
    storage = _storage()
    for upload in uploads:
        stored = getattr(upload.file, "held_as", None)
        if stored:
            upload.file.close()
            storage.delete(stored)


def _sweep(storage):
    """Delete pending files older than twice MAX_AGE: their tokens have expired."""
    cutoff = timezone.now() - datetime.timedelta(seconds=2 * MAX_AGE)
    try:
        for name in storage.listdir(FOLDER)[1]:
            path = f"{FOLDER}/{name}"
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)
    except (NotImplementedError, OSError):  # no pending folder yet, or storage without listings
        logger.debug("No pending uploads to sweep", exc_info=True)
