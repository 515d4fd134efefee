"""Backups of the whole site in one file, and their restore into an empty database.

An archive is `newsroom-YYYYMMDDTHHMMSSZ.tar.gz` (UTC) holding:

- `manifest.json`: what this is (`"format": "newsroom-backup"`), when it was made, the database
  it came from, the migrations applied to it and the number of rows of every model;
- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite, through
  SQLite's online backup API), both consistent snapshots taken while the site runs;
- `media/`: the uploaded files, as files.

On PostgreSQL the row counts and pg_dump read one exported snapshot, so the manifest describes
exactly what the dump holds. The database is read before the media, so a file uploaded meanwhile
is at worst an unused extra in the archive, never a missing file behind a row.
"""

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import UTC, datetime
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader

FORMAT = "newsroom-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


# The database, in SQL both engines understand.


def model_tables():
    """{model label: table} for every concrete model, many-to-many tables included."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        tables.setdefault(model._meta.label, model._meta.db_table)
    return dict(sorted(tables.items()))


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


def read_state(cursor, existing_tables):
    """The row count of every model, and the migrations applied, as this cursor sees them."""
    counts = {}
    for label, table in model_tables().items():
        if table in existing_tables:
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 (our tables)
            counts[label] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in existing_tables:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations.setdefault(app, []).append(name)
    return counts, migrations


def live_state():
    """Row counts and applied migrations of the site's database, read now."""
    with connection.cursor() as cursor:
        return read_state(cursor, set(connection.introspection.table_names(cursor)))


def _sqlite_state(path):
    database = sqlite3.connect(path)
    try:
        cursor = database.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return read_state(cursor, {row[0] for row in cursor.fetchall()})
    finally:
        database.close()


# PostgreSQL's programs.


def _major(version_text):
    match = re.search(r"\(PostgreSQL\) (\d+)", version_text)
    if not match:
        raise BackupError(f"Could not read the version of PostgreSQL's tools from {version_text!r}")
    return int(match.group(1))


def postgres_program(name, server_major):
    """pg_dump or pg_restore: from NEWSROOM_PG_BIN, then Debian's folder for the server's major
    version, then the PATH."""
    candidates = []
    if os.environ.get("NEWSROOM_PG_BIN"):
        candidates.append(Path(os.environ["NEWSROOM_PG_BIN"]) / name)
    candidates.append(Path(f"/usr/lib/postgresql/{server_major}/bin/{name}"))
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    for candidate in candidates:
        if os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(
        f"{name} was not found. Install PostgreSQL's client programs (Debian: apt-get install "
        f"postgresql-client-{server_major}) or point NEWSROOM_PG_BIN at the folder holding {name}."
    )


def program_major(program):
    result = subprocess.run(  # noqa: S603 (a PostgreSQL program found above)
        [program, "--version"], capture_output=True, text=True, check=False, timeout=30
    )
    return _major(result.stdout)


def server_major():
    connection.ensure_connection()
    return connection.pg_version // 10000


def postgres_environment():
    """Environment variables that point libpq at the site's database (password included, so it
    never appears on a command line)."""
    _, extra = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    env = {**os.environ, **(extra or {})}
    database = connection.settings_dict
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGDATABASE", "NAME"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    timeout = database.get("OPTIONS", {}).get("connect_timeout")
    if timeout:
        env["PGCONNECT_TIMEOUT"] = str(timeout)
    return env


def _run(command, what):
    result = subprocess.run(  # noqa: S603 (pg_dump or pg_restore, arguments built here)
        command, env=postgres_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{what} failed:\n{result.stderr.strip()}")
    return result


# Backup.


def _dump_postgres(target):
    major = server_major()
    pg_dump = postgres_program("pg_dump", major)
    client_major = program_major(pg_dump)
    if client_major < major:
        raise BackupError(
            f"pg_dump is version {client_major} but the database server runs PostgreSQL {major}: "
            f"an older pg_dump cannot dump it. Install postgresql-client-{major}, or set "
            f"NEWSROOM_PG_BIN to the folder of a pg_dump {major} or newer."
        )
    # One snapshot for the counts and for pg_dump: the manifest describes exactly the dump.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts, migrations = read_state(cursor, set(connection.introspection.table_names(cursor)))
        _run(
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
            "pg_dump",
        )
    database = {
        "vendor": "postgresql",
        "file": DUMP["postgresql"],
        "server_version": major,
        "dumped_with": client_major,
    }
    return database, counts, migrations


def _dump_sqlite(target):
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # SQLite's online backup: consistent while in use
    finally:
        copy.close()
    counts, migrations = _sqlite_state(target)
    database = {
        "vendor": "sqlite",
        "file": DUMP["sqlite"],
        "server_version": sqlite3.sqlite_version,
    }
    return database, counts, migrations


def media_root():
    """The folder uploads are stored in, or None when they live elsewhere (object storage)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _media_files(root):
    if root is None or not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def backup(output_dir, now=None):
    """Write one archive of the database and the media into output_dir; return its path and
    manifest."""
    if connection.vendor not in DUMP:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    now = now or datetime.now(UTC)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    final = output_dir / f"newsroom-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    if final.exists():
        raise BackupError(f"{final} already exists: wait a second and run the backup again.")
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=".newsroom-backup-") as work:
        dump = Path(work) / DUMP[connection.vendor]
        if connection.vendor == "postgresql":
            database, counts, migrations = _dump_postgres(dump)
        else:
            database, counts, migrations = _dump_sqlite(dump)
        root = media_root()
        files = _media_files(root)
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": now.isoformat(timespec="seconds"),
            "site_name": settings.NEWSROOM_SITE_NAME,
            "django": django.get_version(),
            "database": database,
            "migrations": migrations,
            "counts": counts,
            "media": {
                "included": root is not None,
                "files": len(files),
                "bytes": sum(path.stat().st_size for path in files),
            },
        }
        (Path(work) / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        # Written beside the final name and renamed when complete: a file with the final name
        # is always a whole backup.
        partial = Path(work) / final.name
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            for path in files:
                # A photo deleted since the listing is simply not in the backup.
                with contextlib.suppress(FileNotFoundError):
                    archive.add(path, arcname=f"{MEDIA}/{path.relative_to(root).as_posix()}")
        partial.chmod(0o600)  # it holds commenters' emails and staff password hashes
        partial.rename(final)
    return final, manifest


# Restore.


def read_manifest(archive_path):
    """The manifest of one of our archives; BackupError for anything else."""
    not_ours = (
        f"{archive_path} is not a Newsroom backup (made by `make backup`, with a manifest.json "
        f"saying {FORMAT!r})."
    )
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            # Ours has the manifest first: read it without reading (or trusting) the rest.
            first = archive.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise BackupError(not_ours)
            manifest = json.load(archive.extractfile(first))
    except FileNotFoundError:
        raise BackupError(f"{archive_path} does not exist.") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError):
        raise BackupError(not_ours) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(not_ours)
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"{archive_path} is a Newsroom backup of format version {manifest.get('version')}; "
            f"this code reads version {FORMAT_VERSION}."
        )
    return manifest


def _refuse_unless_database_is_empty():
    tables = connection.introspection.table_names()
    if not tables:
        return
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        advice = f"Move {name} aside (or delete it) and run the restore again."
    else:
        advice = (
            f"Create an empty database (createdb newsroom_restored), point DATABASE_URL at it and "
            f"run the restore again; or, if you mean to replace {name}, drop and create it first "
            f"(dropdb {name} && createdb {name})."
        )
    raise BackupError(
        f"The database {name} is not empty ({len(tables)} tables): a restore only goes into an "
        f"empty database, so nothing is ever overwritten. {advice}"
    )


def _media_members(archive):
    members = []
    for member in archive.getmembers():
        if member.name.startswith(f"{MEDIA}/") and member.isfile():
            members.append(member)
    return members


def _refuse_media_conflicts(archive, members, root):
    """Refuse, before anything is written, a media file that exists with other content."""
    conflicts = []
    for member in members:
        target = root / member.name.removeprefix(f"{MEDIA}/")
        if target.exists() and target.read_bytes() != archive.extractfile(member).read():
            conflicts.append(str(target))
    if conflicts:
        shown = "\n  ".join(conflicts[:10])
        raise BackupError(
            f"{len(conflicts)} media files already exist with other content, for example:\n"
            f"  {shown}\nRestore into an empty media folder ({root})."
        )


def _unpack(archive_path, manifest, root, work):
    """Unpack the dump and the media into work; return the media members' names."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            members = _media_members(archive)
            if members and root is None:
                raise BackupError(
                    "The site's media are on object storage, not in a folder: copy the "
                    "archive's media/ folder there with the provider's tools instead."
                )
            if members:
                _refuse_media_conflicts(archive, members, root)
            # The "data" filter refuses absolute paths, links out of the folder, device files.
            archive.extract(manifest["database"]["file"], path=work, filter="data")
            for member in members:
                archive.extract(member, path=work, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, KeyError) as error:
        raise BackupError(
            f"{archive_path} is damaged (truncated or corrupt): {error}. Nothing was restored; "
            "use another copy of the backup."
        ) from None
    return [member.name for member in members]


def _restore_postgres(dump, manifest):
    major = server_major()
    pg_restore = postgres_program("pg_restore", major)
    client_major = program_major(pg_restore)
    dumped_with = manifest["database"].get("dumped_with", 0)
    if client_major < dumped_with:
        raise BackupError(
            f"The backup was made with pg_dump {dumped_with}; pg_restore {client_major} cannot "
            f"read it. Set NEWSROOM_PG_BIN to the folder of a pg_restore {dumped_with} or newer."
        )
    connection.close()
    # One transaction: the database ends up with all of the backup or, on an error, none of it.
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        "pg_restore",
    )


def _restore_sqlite(dump):
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def restore(archive_path):
    """Bring an archive back into the (empty) site database and media folder; return a report."""
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"This backup holds a {vendor} database; the site's database is {connection.vendor}. "
            f"Point DATABASE_URL at a {vendor} database."
        )
    _refuse_unless_database_is_empty()
    root = media_root()
    with tempfile.TemporaryDirectory() as work:
        members = _unpack(archive_path, manifest, root, Path(work))
        dump = Path(work) / manifest["database"]["file"]
        # Everything is unpacked and checked before the first write: a damaged archive or a
        # media conflict leaves the database and the media folder as they were.
        if vendor == "postgresql":
            _restore_postgres(dump, manifest)
        else:
            _restore_sqlite(dump)
        for member in members:
            target = root / member.removeprefix(f"{MEDIA}/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(Path(work) / member, target)
    counts, migrations = live_state()
    return {
        "manifest": manifest,
        "counts": counts,
        "count_differences": {
            label: (expected, counts.get(label))
            for label, expected in manifest["counts"].items()
            if counts.get(label) != expected
        },
        "media_files": len(members),
        "migrations": migration_advice(migrations),
    }


def migration_advice(applied_in_backup):
    """What to do about migrations: nothing, run migrate, or update the code."""
    on_disk = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    known = {(app, name) for app, name in on_disk}
    restored = {(app, name) for app, names in applied_in_backup.items() for name in names}
    unknown = sorted(restored - known)
    pending = sorted(known - restored)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        return (
            f"The backup comes from newer code (migrations this code lacks: {listed}): run the "
            "version of Newsroom that made it."
        )
    if pending:
        return f"{len(pending)} migrations are newer than the backup: run `manage.py migrate`."
    return ""
