"""A stored file handed to a member who may have it: opened, recorded in the audit, never cached."""

from django.http import FileResponse, Http404

from audit.records import record


def recorded_download(request, membership, stored_file, *, kind, detail, filename, content_type):
    """The file as an attachment download, once the caller has checked the member may have it.

    A file gone from storage answers 404; the audit row is written only for a file that opened.
    """
    try:
        handle = stored_file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing") from None
    record(kind, request=request, user=request.user, partnership=membership.partnership, detail=detail)
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
