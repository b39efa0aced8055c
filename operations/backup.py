"""Backup and restore: one tar.gz archive holding a database dump, every stored file and a manifest.

The manifest (written last) records when the backup was made, the applied migrations, the row count of
every table and the SHA-256 of the dump and of every file. Restore checks the whole archive against it
before touching anything, and checks the restored rows and files against it afterwards.
Why one archive and these tools: docs/decisions/0012-files-on-s3-and-one-archive-backups.md.
"""

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something an operator must put right; the message says what."""


@dataclass(frozen=True)
class Summary:
    manifest: dict

    @property
    def rows(self) -> int:
        return sum(self.manifest["rows"].values())

    @property
    def tables(self) -> int:
        return len(self.manifest["rows"])

    @property
    def files(self) -> int:
        return len(self.manifest["files"])

    @property
    def created_at(self) -> str:
        return self.manifest["created_at"]

    def describe(self) -> str:
        return f"{self.rows} rows in {self.tables} tables and {self.files} files"


# Backup


def create_backup(destination: Path, *, storage: Storage = default_storage) -> tuple[Path, Summary]:
    """Write the archive to `destination` (a folder, or a file name ending .tar.gz); return its path."""
    created_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    path = _archive_path(Path(destination), created_at, storage)
    connection = connections[DEFAULT_DB_ALIAS]
    dump_name = _dump_name(connection.vendor)
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="scrutiny-backup-") as work:
            dump = Path(work) / dump_name
            # The database first, then the files: every file a dumped row names was stored before its row
            # was committed, so it is in the store by the time the files are read.
            database = _dump_database(connection, dump)
            database |= {"dump": dump_name, **_checksum_of_path(dump)}
            # Readable by its owner alone from the moment it exists: it holds every piece of evidence.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with open(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                archive.add(dump, arcname=dump_name)
                files = {name: _add_stored_file(archive, storage, name, created_at) for name in stored_files(storage)}
                manifest = {
                    "format": ARCHIVE_FORMAT,
                    "created_at": created_at.isoformat().replace("+00:00", "Z"),
                    "django": django.get_version(),
                    "database": {key: value for key, value in database.items() if key not in ("rows", "migrations")},
                    "migrations": database["migrations"],
                    "rows": database["rows"],
                    "files": files,
                }
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode(), created_at)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path, Summary(manifest)


def _archive_path(destination: Path, created_at: datetime.datetime, storage: Storage) -> Path:
    if destination.is_dir():
        path = destination / f"scrutiny-backup-{created_at:%Y%m%dT%H%M%SZ}.tar.gz"
    elif not destination.name.endswith(".tar.gz"):
        raise BackupError(f"{destination} is neither a folder nor a file name ending .tar.gz.")
    elif not destination.parent.is_dir():
        raise BackupError(f"The folder {destination.parent} does not exist.")
    else:
        path = destination
    if isinstance(storage, FileSystemStorage) and path.resolve().is_relative_to(Path(storage.location).resolve()):
        raise BackupError(f"Write the backup outside the stored files ({storage.location}), or it would hold itself.")
    return path


def _dump_name(vendor: str) -> str:
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return DUMP_NAMES[vendor]


def _dump_database(connection, dump: Path) -> dict:
    """Dump the database; return what the manifest says of it, counted from the same snapshot."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(dump)) as copy:
            connection.connection.backup(copy)
            described = _describe_database(copy.cursor(), _sqlite_tables(copy), _quote_sqlite)
        return {"vendor": "sqlite"} | described
    pg_dump = _postgres_tool("pg_dump")
    server_major = connection.pg_version // 10000 if connection.pg_version else None
    if server_major and pg_dump.major < server_major:
        raise BackupError(
            f"pg_dump {pg_dump.major} cannot dump a PostgreSQL {server_major} server: install the PostgreSQL "
            f"{server_major} client tools (e.g. apt-get install postgresql-client-{server_major})."
        )
    # pg_dump reads the snapshot this transaction exports, so the dump and the counts see the same rows.
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [pg_dump.path, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
            + [f"--file={dump}", f"--dbname={connection.settings_dict['NAME']}"],
            connection,
            "pg_dump",
        )
        tables = connection.introspection.table_names(cursor)
        described = _describe_database(cursor, tables, connection.ops.quote_name)
    return {"vendor": "postgresql", "tool": pg_dump.version, "server_major": server_major} | described


def _describe_database(cursor, tables: list[str], quote: Callable[[str], str]) -> dict:
    rows = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - names from the database itself
        rows[table] = cursor.fetchone()[0]
    migrations = []
    if "django_migrations" in tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    return {"rows": rows, "migrations": migrations}


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    found = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in found]


def _quote_sqlite(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file in the storage, through its own API (so the file system and S3 alike), sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_files(storage, f"{folder}/{sub}" if folder else sub)


class _HashingReader:
    """Reads a file for tarfile while taking its SHA-256."""

    def __init__(self, handle):
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add_stored_file(archive: tarfile.TarFile, storage: Storage, name: str, created_at) -> dict:
    info = tarfile.TarInfo(FILES + name)
    info.size, info.mode, info.mtime = storage.size(name), 0o600, created_at.timestamp()
    with storage.open(name, "rb") as handle:
        reader = _HashingReader(handle)
        archive.addfile(info, reader)  # reads exactly info.size bytes, or fails
    return {"sha256": reader.digest.hexdigest(), "size": reader.size}


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes, created_at) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, created_at.timestamp()
    archive.addfile(info, io.BytesIO(data))


def _checksum_of_path(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


# PostgreSQL client tools


@dataclass(frozen=True)
class _Tool:
    path: str
    version: str
    major: int


def _postgres_tool(name: str) -> _Tool:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools of the server's major version "
            "(e.g. apt-get install postgresql-client-15)."
        )
    version = subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout.strip()  # noqa: S603 - found on PATH by name
    found = re.search(r"(\d+)(?:\.\d+)*", version)
    if not found:
        raise BackupError(f"Could not tell {name}'s version from {version!r}.")
    return _Tool(path=path, version=version, major=int(found.group(1)))


def _run(command: list[str], connection, tool: str, extra_environment: dict | None = None) -> None:
    settings = connection.settings_dict
    environment = (
        os.environ
        | (extra_environment or {})
        | {
            key: str(value)
            for key, value in {
                "PGHOST": settings.get("HOST"),
                "PGPORT": settings.get("PORT"),
                "PGUSER": settings.get("USER"),
                "PGPASSWORD": settings.get("PASSWORD"),
            }.items()
            if value
        }
    )
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{tool} failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")


# Restore


def read_backup(archive: Path, work: Path) -> tuple[Summary, Path]:
    """Check every entry of the archive against its manifest; return the manifest and the extracted dump.

    Nothing outside `work` is touched: a damaged or foreign archive is refused before any restore begins.
    """
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file.")
    seen: dict[str, dict] = {}
    manifest = None
    dump = None
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                if not member.isfile():
                    raise BackupError(f"The archive holds {member.name!r}, which is not a plain file.")
                handle = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest = json.loads(handle.read())
                elif member.name in DUMP_NAMES.values():
                    dump = work / PurePosixPath(member.name).name
                    seen[member.name] = _copy_hashing(handle, dump)
                elif member.name.startswith(FILES):
                    seen[member.name] = _copy_hashing(handle, None)
                else:
                    raise BackupError(f"The archive holds {member.name!r}, which a backup never contains.")
    except (tarfile.TarError, EOFError, OSError, json.JSONDecodeError) as error:
        raise BackupError(f"{archive} is not a readable backup archive: {error}") from None
    if manifest is None or manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"{archive} has no manifest of a format this version reads.")
    expected = {FILES + name: entry for name, entry in manifest["files"].items()}
    expected[manifest["database"]["dump"]] = manifest["database"]
    problems = [
        f"{name}: {'missing' if name not in seen else 'checksum differs'}"
        for name, entry in sorted(expected.items())
        if seen.get(name, {}).get("sha256") != entry["sha256"]
    ] + [f"{name}: not in the manifest" for name in sorted(seen.keys() - expected.keys())]
    if problems:
        raise BackupError("The archive does not match its manifest: " + "; ".join(problems[:20]))
    return Summary(manifest), dump


def _copy_hashing(handle, target: Path | None) -> dict:
    """The entry's checksum and size, written to `target` as it is read if there is one."""
    digest, size = hashlib.sha256(), 0
    out = target.open("wb") if target else None
    try:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if out:
                out.write(chunk)
    finally:
        if out:
            out.close()
    return {"sha256": digest.hexdigest(), "size": size}


def check_restorable(summary: Summary) -> None:
    """Refuse a backup this code and this database cannot take."""
    connection = connections[DEFAULT_DB_ALIAS]
    database = summary.manifest["database"]
    if database["vendor"] != connection.vendor:
        raise BackupError(
            f"This is a backup of a {database['vendor']} database; the configured database is {connection.vendor}."
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    # Django's own apps' migrations are on disk too; a migration we do not know means newer code made it.
    unknown = sorted(set(summary.manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            "The backup was made by a newer version of the code (migrations unknown here: "
            + ", ".join(unknown[:5])
            + "). Deploy that version, then restore."
        )
    if connection.vendor == "postgresql":
        pg_restore = _postgres_tool("pg_restore")
        made_by = re.search(r"(\d+)", database.get("tool", "0"))
        if made_by and pg_restore.major < int(made_by.group(1)):
            raise BackupError(
                f"pg_restore {pg_restore.major} cannot read a dump written by {database['tool']}: install the "
                f"PostgreSQL {made_by.group(1)} client tools or newer."
            )


def restore_backup(archive: Path, summary: Summary, dump: Path, *, storage: Storage = default_storage) -> list[str]:
    """Replace the database and put back every file, then check both against the manifest.

    Returns notes for the operator (files left in place, migrations to apply).
    """
    connection = connections[DEFAULT_DB_ALIAS]
    connections.close_all()
    if connection.vendor == "sqlite":
        # The backup API copies page by page under a lock, so the live file is replaced whole or not at all.
        with (
            closing(sqlite3.connect(dump)) as source,
            closing(sqlite3.connect(connection.settings_dict["NAME"])) as target,
        ):
            source.backup(target)
    else:
        # One transaction: a failed restore leaves the database as it was. A web server or worker still
        # connected would hold locks; give up after a minute instead of waiting for ever.
        _run(
            [_postgres_tool("pg_restore").path, "--clean", "--if-exists", "--no-owner", "--no-privileges"]
            + ["--single-transaction", "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(dump)],
            connection,
            "pg_restore",
            extra_environment={"PGOPTIONS": "-c lock_timeout=60s"},
        )
    _check_rows(connection, summary)
    _restore_files(archive, summary, storage)
    return _notes(connection, summary, storage)


def _check_rows(connection, summary: Summary) -> None:
    with connection.cursor() as cursor:
        found = _describe_database(cursor, list(summary.manifest["rows"]), connection.ops.quote_name)["rows"]
    wrong = [
        f"{table}: {found[table]} rows, backup had {count}"
        for table, count in summary.manifest["rows"].items()
        if found[table] != count
    ]
    if wrong:
        raise BackupError("The restored database does not match the backup: " + "; ".join(wrong[:20]))


def _restore_files(archive: Path, summary: Summary, storage: Storage) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if not member.name.startswith(FILES):
                continue
            name = member.name[len(FILES) :]
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(tar.extractfile(member), name=name))
            if saved != name:
                raise BackupError(f"The storage stored {name} as {saved}; restore stopped.")
    wrong = [
        name
        for name, entry in summary.manifest["files"].items()
        if _checksum_of_stored(storage, name) != entry["sha256"]
    ]
    if wrong:
        raise BackupError("Restored files differ from the backup: " + ", ".join(wrong[:20]))


def _checksum_of_stored(storage: Storage, name: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with storage.open(name, "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    return digest.hexdigest()


def _notes(connection, summary: Summary, storage: Storage) -> list[str]:
    notes = []
    extra_files = [name for name in stored_files(storage) if name not in summary.manifest["files"]]
    if extra_files:
        notes.append(
            f"{len(extra_files)} stored files are not in the backup (uploaded after it) and were left in place."
        )
    extra_tables = sorted(set(connection.introspection.table_names()) - set(summary.manifest["rows"]))
    if extra_tables:
        notes.append(
            "Tables not in the backup remain: " + ", ".join(extra_tables[:10]) + ". They come from migrations newer "
            "than the backup; restore into an empty database, then run migrate."
        )
    loader = MigrationLoader(connection)
    unapplied = set(loader.graph.nodes) - set(loader.applied_migrations)
    if unapplied and not extra_tables:
        notes.append("The code has migrations newer than the backup: run python manage.py migrate.")
    return notes
