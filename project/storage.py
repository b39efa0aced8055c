"""Where uploaded attachments and built reports are kept, chosen from the environment.

The file system under MEDIA_ROOT by default; an S3-compatible bucket (AWS S3, MinIO, ...) through
django-storages when STORAGE_BACKEND=s3 or AWS_STORAGE_BUCKET_NAME is set, so that several web and
worker machines share one store (docs/decisions/0012-files-on-s3-and-one-archive-backups.md).
"""

from django.core.exceptions import ImproperlyConfigured

from project.env import env_int, env_str

FILESYSTEM = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def default_storage_from_env() -> dict:
    """STORAGES["default"] for this environment."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME").strip()
    backend = env_str("STORAGE_BACKEND", "s3" if bucket else "filesystem").strip().lower()
    if backend == "filesystem":
        return FILESYSTEM
    if backend != "s3":
        raise ImproperlyConfigured(f"STORAGE_BACKEND={backend!r} is not supported: use filesystem or s3.")
    if not bucket:
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 needs the bucket's name in AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL").strip() or None,
        "region_name": env_str("AWS_S3_REGION_NAME").strip() or None,
        "location": env_str("AWS_LOCATION").strip().strip("/"),
        # Objects are private: S3's default when no ACL is sent. Sending the "private" canned ACL would be
        # refused by buckets with ACLs disabled (AWS's default since 2023). Files reach people only through
        # the views that check membership; nothing links to the bucket, and any URL Django makes for one
        # (the admin's) is signed and short-lived.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": 60,
        "custom_domain": None,
        # Like the file system: never silently replace a stored file of the same name.
        "file_overwrite": False,
        # A downloaded object is held in memory up to this size, then spooled to a temporary file.
        "max_memory_size": env_int("AWS_S3_MAX_MEMORY_SIZE", 5 * 1024 * 1024),
    }
    # Unset, boto3 finds credentials itself (an instance role, ~/.aws, AWS_* in the environment).
    access_key, secret_key = env_str("AWS_ACCESS_KEY_ID"), env_str("AWS_SECRET_ACCESS_KEY")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured("Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither.")
    if access_key:
        options |= {"access_key": access_key, "secret_key": secret_key}
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
