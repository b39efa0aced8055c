"""With STORAGE_BACKEND=s3, attachments and reports live in the bucket and come back through our views.

moto stands in for S3 inside this process: no request leaves the machine.
"""

import hashlib

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws

from partnerships.models import Evidence
from project.storage import FILESYSTEM, default_storage_from_env
from scrutiny.models import Report
from scrutiny.report_build import build_report
from tests.support.builders import MINIMAL_PDF, evidence_form_data

BUCKET = "scrutiny-files"
REGION = "eu-west-2"
TITLE = "Probation and police information-sharing protocol"


@pytest.fixture
def bucket(settings, monkeypatch):
    """An empty bucket in moto's S3, and the project's storage settings pointed at it."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STORAGE_BACKEND", "s3")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    monkeypatch.setenv("AWS_S3_REGION_NAME", REGION)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        # Changing STORAGES makes Django build the default storage again, from these settings.
        settings.STORAGES = {**settings.STORAGES, "default": default_storage_from_env()}
        yield s3


def keys_in(s3) -> list[str]:
    return [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_uploaded_attachment_lands_in_the_bucket_privately_and_downloads_through_the_view(
    client, personas, world, bucket
):
    client.force_login(personas["contributor"])
    upload = SimpleUploadedFile("protocol.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = client.post(
        "/partnerships/northmere/evidence/new/", evidence_form_data(title=TITLE, attachments=[upload])
    )
    assert response.status_code == 302, response.context["form"].errors

    attachment = Evidence.objects.get(title=TITLE).attachments.get()
    assert keys_in(bucket) == [attachment.file.name]
    stored = bucket.get_object(Bucket=BUCKET, Key=attachment.file.name)["Body"].read()
    assert stored == MINIMAL_PDF
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=attachment.file.name)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)

    download = client.get(f"/partnerships/northmere/evidence/{attachment.evidence_id}/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="protocol.pdf"'
    assert b"".join(download.streaming_content) == MINIMAL_PDF

    client.force_login(personas["outsider"])
    refused = client.get(f"/partnerships/northmere/evidence/{attachment.evidence_id}/attachments/{attachment.pk}/")
    assert refused.status_code == 404


def test_an_attachment_missing_from_the_bucket_answers_404(client, personas, world, bucket):
    client.force_login(personas["contributor"])
    upload = SimpleUploadedFile("protocol.pdf", MINIMAL_PDF, content_type="application/pdf")
    client.post("/partnerships/northmere/evidence/new/", evidence_form_data(title=TITLE, attachments=[upload]))
    attachment = Evidence.objects.get(title=TITLE).attachments.get()
    bucket.delete_object(Bucket=BUCKET, Key=attachment.file.name)

    download = client.get(f"/partnerships/northmere/evidence/{attachment.evidence_id}/attachments/{attachment.pk}/")
    assert download.status_code == 404


def test_a_built_report_lands_in_the_bucket_and_downloads_through_the_view(client, personas, world, bucket):
    report = Report.objects.create(review=world["review"], kind=Report.Kind.DRAFT, requested_by=personas["lead"])
    build_report(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert sorted(keys_in(bucket)) == sorted([report.file.name, report.docx_file.name])  # the PDF and the Word edition

    client.force_login(personas["lead"])
    download = client.get(f"/partnerships/northmere/reports/{report.pk}/download/")
    assert download.status_code == 200
    pdf = b"".join(download.streaming_content)
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == report.sha256


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"STORAGE_BACKEND": "s3"}, "needs the bucket's name in AWS_STORAGE_BUCKET_NAME"),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND='ftp' is not supported"),
        ({"AWS_STORAGE_BUCKET_NAME": "b", "AWS_ACCESS_KEY_ID": "k"}, "or neither"),
    ],
)
def test_storage_settings_refuse_incomplete_values(monkeypatch, environment, message):
    for name in ("STORAGE_BACKEND", "AWS_STORAGE_BUCKET_NAME", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        default_storage_from_env()


def test_the_file_system_is_the_default_and_a_bucket_name_alone_selects_s3(monkeypatch):
    for name in ("STORAGE_BACKEND", "AWS_STORAGE_BUCKET_NAME", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    assert default_storage_from_env() == FILESYSTEM
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "scrutiny-files")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "http://127.0.0.1:9000")
    storage = default_storage_from_env()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "scrutiny-files"
    assert storage["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert storage["OPTIONS"]["default_acl"] is None and storage["OPTIONS"]["querystring_auth"] is True
