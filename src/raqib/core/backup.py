"""Backups: the whole mission in one file, and back.

A backup is a gzip tar holding, in this order:

- ``records.jsonl``: one JSON object per row (Django's "python" serializer shape: model, pk,
  fields) of every model of the raqib apps and of ``auth.Group``, parents before children,
  rows by primary key. Users keep their password hashes; permissions are named by natural key
  (codename, app, model) because their primary keys differ from one database to another.
- ``evidence/<sha256>``: every file of the content-addressed store (evidence, form attachments,
  report files), from the data dir or the object store.
- ``manifest.json``: format, versions, the migrations the rows fit, counts per model, the
  audit-chain head and the SHA-256 of every other member.

A restore checks every member against the manifest before it touches anything, loads the rows
in one transaction with their primary keys (raw saves: ``auto_now`` leaves the timestamps
alone, so the audit chain still matches the records), and ends by comparing the audit head
with the manifest's. The rows carry no vendor-specific values, so a SQLite backup restores into
PostgreSQL and back.
"""

from __future__ import annotations

import datetime as dt
import decimal
import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError, DeserializedObject
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import DatabaseError, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

import raqib
from raqib.core.errors import Conflict, Invalid
from raqib.core.models import AuditHead

FORMAT = "raqib-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
RECORDS = "records.jsonl"
EVIDENCE = "evidence/"
_EVIDENCE_NAME = re.compile(r"^evidence/[0-9a-f]{64}$")
_MANIFEST_MAX_BYTES = 16 * 1024 * 1024
_CHUNK = 1024 * 1024
_BATCH = 500

Progress = Callable[[int, int | None, str], None]
"""``progress(advance, total, description)``: ``total`` None and ``description`` "" leave
the bar's total and label as they were; ``progress(0, total, description)`` starts a phase
counted from zero."""


def _no_progress(advance: int, total: int | None, description: str) -> None:
    pass


# --- what is backed up ----------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every model of the raqib apps, and auth groups, each after the models it refers to.

    Auto-created many-to-many tables are not listed: their rows travel as lists on the model
    that declares the field. Nor are derived tables (a model with ``derived = True``, such as the
    map's summary): they are counted afresh after a restore.
    """
    chosen = [Group] + [m for m in apps.get_models()
                        if m._meta.app_config.name.startswith("raqib.") and not getattr(m, "derived", False)]
    wanted = set(chosen)
    ordered: list[type[models.Model]] = []
    seen: set[type[models.Model]] = set()

    def visit(model: type[models.Model]) -> None:
        if model in seen:
            return
        seen.add(model)
        related = [f.related_model for f in model._meta.concrete_fields if f.is_relation]
        related += [f.related_model for f in model._meta.many_to_many]
        for other in related:
            if other in wanted and other is not model:
                visit(other)
        ordered.append(model)

    for model in chosen:
        visit(model)
    return ordered


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _auto_m2m(model: type[models.Model]) -> list[models.ManyToManyField]:
    return [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]  # type: ignore[union-attr]


def _has_auto_time(model: type[models.Model]) -> bool:
    return any(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) for f in model._meta.concrete_fields)


def _migration_state() -> dict[str, list[str]]:
    """The applied migrations of the raqib apps: the schema the rows fit."""
    labels = sorted({m._meta.app_label for m in backed_up_models()} - {"auth"})
    applied = MigrationRecorder(transaction.get_connection()).applied_migrations()
    return {app: sorted(name for app_label, name in applied if app_label == app) for app in labels}


# --- a consistent read ------------------------------------------------------------------


@contextmanager
def consistent_read() -> Iterator[None]:
    """A transaction in which every query sees the database as it was at its first read.

    PostgreSQL: REPEATABLE READ, READ ONLY. SQLite: a deferred transaction (a read lock, so
    writers go on while a long backup runs; in WAL mode the reader keeps its snapshot), even
    though Raqib's connections begin IMMEDIATE transactions for writing. Inside a transaction
    that is already open (a caller's own, a test's), that transaction is the snapshot.
    """
    conn = transaction.get_connection()
    if conn.in_atomic_block:
        with transaction.atomic():
            yield
        return
    if conn.vendor == "postgresql":
        with transaction.atomic():
            with conn.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if conn.vendor == "sqlite":
        conn.ensure_connection()
        mode = conn.transaction_mode
        conn.transaction_mode = "DEFERRED"
        try:
            with transaction.atomic():
                conn.transaction_mode = mode
                yield
        finally:
            conn.transaction_mode = mode
        return
    with transaction.atomic():
        yield


# --- writing ----------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    # Not DjangoJSONEncoder: it cuts datetimes to milliseconds, and the audit chain hashes
    # microseconds.
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} to a backup")


def _json_line(data: Any) -> bytes:
    text = json.dumps(data, default=_json_default, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


class _RowWriter(PythonSerializer):
    """Django's python serializer, writing each row as a JSON line instead of keeping a list."""

    def __init__(self, write: Callable[[bytes], Any]) -> None:
        super().__init__()
        self._write = write

    def end_object(self, obj: models.Model) -> None:
        self._write(_json_line(self.get_dump_object(obj)))
        self._current = None

    def handle_m2m_field(self, obj: models.Model, field: Any) -> None:
        if not field.remote_field.through._meta.auto_created:
            return  # an explicit through model is backed up as a model of its own
        related = getattr(obj, field.name).all()  # prefetched
        current = cast(dict[str, Any], self._current)
        if field.remote_field.model is Permission:
            current[field.name] = sorted(list(p.natural_key()) for p in related)
        else:
            current[field.name] = sorted(r.pk for r in related)


def _rows(model: type[models.Model]) -> Iterator[models.Model]:
    prefetch = []
    for field in _auto_m2m(model):
        prefetch.append(f"{field.name}__content_type" if field.remote_field.model is Permission else field.name)
    return model._base_manager.order_by("pk").prefetch_related(*prefetch).iterator(chunk_size=2000)


class _HashingReader:
    """A read-only file that hashes what passes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add_member(tar: tarfile.TarFile, name: str, fileobj: IO[bytes], size: int, mtime: int) -> str:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o600
    reader = _HashingReader(fileobj)
    tar.addfile(info, reader)
    return reader.sha256.hexdigest()


def backup(path: str | Path, progress: Progress | None = None) -> dict[str, Any]:
    """Write a backup of the whole mission to ``path``; returns its manifest.

    The archive is written beside ``path`` under a temporary name and renamed at the end, so
    a failed backup leaves no file at ``path`` (and an earlier backup there stays whole).
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise Invalid(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as out:
            manifest = _write_archive(out, path.parent, progress or _no_progress)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    # The rename itself must survive a crash, not only the file's content.
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return manifest


def _write_archive(out: IO[bytes], spool_dir: Path, progress: Progress) -> dict[str, Any]:
    from raqib.incidents import store
    from raqib.incidents.models import Evidence

    created = timezone.now()
    mtime = int(created.timestamp())
    counts: dict[str, int] = {}
    records_sha = hashlib.sha256()
    with tempfile.TemporaryFile(dir=spool_dir) as spool:
        # The rows are read in one snapshot; the transaction ends before the evidence files are
        # read. Those never change nor go once stored, so every file the snapshot names is there.
        with consistent_read():
            head = AuditHead.objects.get(pk=1)  # the first read fixes the snapshot
            chosen = backed_up_models()
            # Every file in the store: evidence, form attachments, report files. Listed after the
            # snapshot is fixed, so every file a row of the snapshot names is in the list.
            # The evidence rows' files are named too, so a file missing from the store is caught.
            named = Evidence.objects.values_list("sha256", flat=True).distinct()
            digests = sorted(set(store.digests()) | set(named))
            progress(0, sum(m._base_manager.count() for m in chosen) + len(digests), _("Backing up records"))

            def write(line: bytes) -> None:
                records_sha.update(line)
                spool.write(line)

            writer = _RowWriter(write)
            for model in chosen:
                counts[_label(model)] = 0

                def counted(rows: Iterable[models.Model], key: str = _label(model)) -> Iterator[models.Model]:
                    for row in rows:
                        counts[key] += 1
                        progress(1, None, "")
                        yield row

                writer.serialize(counted(_rows(model)))
            migrations = _migration_state()

        members: dict[str, str] = {}
        size = spool.tell()
        spool.seek(0)
        with tarfile.open(fileobj=out, mode="w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as tar:
            members[RECORDS] = _add_member(tar, RECORDS, spool, size, mtime)
            if members[RECORDS] != records_sha.hexdigest():
                raise Invalid(_("The records changed on disk while the backup was written."))
            progress(0, None, _("Backing up evidence files"))
            for digest in digests:
                name = EVIDENCE + digest
                blob = store.name_for(digest)
                try:
                    handle = store.open_blob(digest)
                except FileNotFoundError:
                    raise Invalid(_("Evidence file %(sha)s is missing from the evidence store (%(path)s).")
                                  % {"sha": digest, "path": blob}) from None
                with handle:
                    members[name] = _add_member(tar, name, handle, store.size(digest), mtime)
                if members[name] != digest:
                    raise Invalid(_("Evidence file %(path)s does not match its SHA-256: the evidence store is "
                                    "damaged.") % {"path": blob})
                progress(1, None, "")
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "raqib_version": raqib.__version__,
                "created_at": created.isoformat(),
                "database_vendor": transaction.get_connection().vendor,
                "migrations": migrations,
                "counts": counts,
                "evidence_files": len(digests),
                "audit_head": {"seq": head.seq, "hash": head.hash},
                "members": members,
            }
            data = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            _add_member(tar, MANIFEST, io.BytesIO(data), len(data), mtime)
    return manifest


# --- checking ---------------------------------------------------------------------------


def _damaged(path: Path, why: str) -> Invalid:
    return Invalid(_("%(path)s is not a usable Raqib backup: %(why)s") % {"path": path, "why": why})


# What reading a truncated, corrupted or foreign archive raises, at any member.
_READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


@contextmanager
def _open_archive(path: Path) -> Iterator[Iterator[tuple[tarfile.TarInfo, IO[bytes]]]]:
    """The archive's members with their content; a read error names the file as damaged."""
    try:
        tar = tarfile.open(path, mode="r:gz")
    except FileNotFoundError:
        raise Invalid(_("There is no file %(path)s.") % {"path": path}) from None
    except (*_READ_ERRORS, OSError) as exc:
        raise _damaged(path, _("it is not a gzip tar archive (%(error)s).") % {"error": exc}) from None

    def members() -> Iterator[tuple[tarfile.TarInfo, IO[bytes]]]:
        for member in tar:
            if not member.isfile():
                raise _damaged(path, _("it holds an unexpected entry “%(name)s”.") % {"name": member.name})
            content = tar.extractfile(member)
            assert content is not None  # a regular file always has content
            yield member, content

    try:
        with tar:
            yield members()
    except _READ_ERRORS as exc:
        raise _damaged(path, _("it is truncated or corrupted (%(error)s).") % {"error": exc}) from None


def _sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def check(path: str | Path, progress: Progress | None = None) -> dict[str, Any]:
    """Read the whole archive and return its manifest if every member matches it.

    Raises :class:`Invalid` naming the first thing wrong: not an archive, a foreign or newer
    format, an unexpected, missing or changed member.
    """
    path = Path(path)
    progress = progress or _no_progress
    progress(0, None, _("Checking the backup"))
    digests: dict[str, str] = {}
    raw_manifest: bytes | None = None
    with _open_archive(path) as members:
        for member, content in members:
            name = member.name
            if name in digests or (name == MANIFEST and raw_manifest is not None):
                raise _damaged(path, _("it holds “%(name)s” twice.") % {"name": name})
            if name == MANIFEST:
                raw_manifest = content.read(_MANIFEST_MAX_BYTES + 1)
                if len(raw_manifest) > _MANIFEST_MAX_BYTES:
                    raise _damaged(path, _("its manifest is too large."))
            elif name == RECORDS or _EVIDENCE_NAME.match(name):
                digests[name] = _sha256_of(content)
            else:
                raise _damaged(path, _("it holds an unexpected entry “%(name)s”.") % {"name": name})
            progress(1, None, "")
    if raw_manifest is None:
        raise _damaged(path, _("it has no manifest."))
    manifest = _parse_manifest(path, raw_manifest)
    expected: dict[str, str] = manifest["members"]
    for name in sorted(set(expected) | set(digests)):
        if name not in digests:
            raise _damaged(path, _("“%(name)s” is missing.") % {"name": name})
        if name not in expected:
            raise _damaged(path, _("“%(name)s” is not in its manifest.") % {"name": name})
        if digests[name] != expected[name] or (name.startswith(EVIDENCE) and digests[name] != name[len(EVIDENCE):]):
            raise _damaged(path, _("“%(name)s” does not match its SHA-256 (the file was changed or damaged).")
                           % {"name": name})
    return manifest


def _parse_manifest(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw)
    except ValueError:
        raise _damaged(path, _("its manifest is not JSON.")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(path, _("it is not a Raqib backup."))
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise _damaged(path, _("it has format version %(found)s; this Raqib reads version %(known)s.")
                       % {"found": version, "known": FORMAT_VERSION})
    head = manifest.get("audit_head")
    well_formed = (
        isinstance(manifest.get("members"), dict) and RECORDS in manifest["members"]
        and all(isinstance(v, str) for v in manifest["members"].values())
        and isinstance(manifest.get("counts"), dict)
        and all(isinstance(v, int) for v in manifest["counts"].values())
        and isinstance(manifest.get("migrations"), dict)
        and all(isinstance(v, list) and all(isinstance(n, str) for n in v) for v in manifest["migrations"].values())
        and isinstance(head, dict) and isinstance(head.get("seq"), int) and isinstance(head.get("hash"), str)
    )
    if not well_formed:
        raise _damaged(path, _("its manifest is incomplete."))
    return manifest


# --- restoring --------------------------------------------------------------------------


def holds_mission_records() -> bool:
    """Whether any row would be replaced by a restore (the empty audit head aside)."""
    for model in backed_up_models():
        rows = model._base_manager.all()
        if model is AuditHead:
            rows = rows.exclude(seq=0)
        if rows.exists():
            return True
    return False


def _refuse_unless_empty(force: bool) -> None:
    if not force and holds_mission_records():
        raise Conflict(_("The database already holds mission records. Restore into an empty database, or pass "
                         "--force to replace everything in it with the backup."))


def restore(path: str | Path, force: bool = False, progress: Progress | None = None) -> dict[str, Any]:
    """Replace the database's mission records with the backup at ``path``; returns its manifest.

    Nothing is touched unless the whole file checks out and (without ``force``) the database
    holds no mission records. Evidence files are added to the store; files already there are
    kept (a file whose content differs from its name stops the restore).
    """
    path = Path(path)
    progress = progress or _no_progress
    _refuse_unless_empty(force)
    manifest = check(path, progress)
    here = _migration_state()
    if manifest["migrations"] != here:
        raise Invalid(_("The backup was made with a different database schema (migrations %(theirs)s; this "
                        "database has %(ours)s). Restore it with the Raqib version that made it, then upgrade.")
                      % {"theirs": _latest(manifest["migrations"]), "ours": _latest(here)})
    chosen = backed_up_models()
    try:
        with transaction.atomic():
            _refuse_unless_empty(force)
            _flush(chosen)
            loaded = _load(path, manifest, chosen, progress)
            _finish(manifest, chosen, loaded)
    except (DeserializationError, DatabaseError, ValueError) as exc:
        raise Invalid(_("The backup could not be loaded, and nothing was changed: %(error)s")
                      % {"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__}) from None
    return manifest


def _latest(state: dict[str, list[str]]) -> str:
    return ", ".join(f"{app} {names[-1] if names else '-'}" for app, names in sorted(state.items()))


def _flush(chosen: list[type[models.Model]]) -> None:
    from django.contrib.sessions.models import Session

    conn = transaction.get_connection()
    tables = [m._meta.db_table for m in chosen]
    tables += [f.remote_field.through._meta.db_table for m in chosen for f in _auto_m2m(m)]  # type: ignore[union-attr]
    # DELETE, not TRUNCATE: PostgreSQL refuses TRUNCATE on tables with deferred checks pending
    # in the transaction. Foreign keys are checked at the end of the transaction, so the order
    # does not matter.
    with conn.cursor() as cursor:
        for table in reversed(tables):
            cursor.execute(f"DELETE FROM {conn.ops.quote_name(table)}")
    # Sessions name users by primary key; after a restore the key may be someone else's.
    Session.objects.all().delete()


def _load(path: Path, manifest: dict[str, Any], chosen: list[type[models.Model]],
          progress: Progress) -> dict[str, int]:
    by_label = {_label(m): m for m in chosen}
    counts = dict.fromkeys(by_label, 0)
    progress(0, sum(manifest["counts"].values()), _("Restoring records"))
    with _open_archive(path) as members:
        for member, content in members:
            if member.name == RECORDS:
                digest = hashlib.sha256()
                batch: list[dict[str, Any]] = []
                for line in content:
                    digest.update(line)
                    row = json.loads(line)
                    if not (isinstance(row, dict) and isinstance(row.get("fields"), dict) and "pk" in row):
                        raise _damaged(path, _("it holds a line that is not a row."))
                    if row.get("model") not in by_label:
                        raise _damaged(path, _("it holds rows of an unknown model “%(model)s”.")
                                       % {"model": row.get("model")})
                    if batch and (batch[0]["model"] != row["model"] or len(batch) >= _BATCH):
                        _save(batch, by_label)
                        progress(len(batch), None, "")
                        batch = []
                    batch.append(row)
                    counts[row["model"]] += 1
                _save(batch, by_label)
                progress(len(batch), None, "")
                if digest.hexdigest() != manifest["members"][RECORDS]:
                    raise _damaged(path, _("the file changed while it was being restored."))
                progress(0, manifest.get("evidence_files") or None, _("Restoring evidence files"))
            elif member.name.startswith(EVIDENCE):
                _put_evidence(path, member, content)
                progress(1, None, "")
    return counts


def _save(rows: list[dict[str, Any]], by_label: dict[str, type[models.Model]]) -> None:
    if not rows:
        return
    model = by_label[rows[0]["model"]]
    objects: list[DeserializedObject] = list(serializers.deserialize("python", rows))
    if _auto_m2m(model) or _has_auto_time(model):
        for obj in objects:
            obj.save(force_insert=True)  # a raw save: auto_now fields keep the stored times
    else:
        # No timestamps to protect and no many-to-many lists: a bulk insert stores the same.
        model._base_manager.bulk_create([obj.object for obj in objects])


def _put_evidence(path: Path, member: tarfile.TarInfo, content: IO[bytes]) -> None:
    from raqib.incidents import store

    digest = member.name[len(EVIDENCE):]
    if store.exists(digest):
        with store.open_blob(digest) as existing:
            if _sha256_of(existing) != digest:
                raise Conflict(_("The evidence store holds a damaged file %(path)s (its content does not match its "
                                 "name). Move it aside and restore again.") % {"path": store.name_for(digest)})
        return
    stored, _size = store.put(cast(BinaryIO, content), max_bytes=member.size)
    if stored != digest:
        raise _damaged(path, _("the file changed while it was being restored."))


def _finish(manifest: dict[str, Any], chosen: list[type[models.Model]], loaded: dict[str, int]) -> None:
    from raqib.incidents import mapcells, store
    from raqib.incidents.models import Evidence

    conn = transaction.get_connection()
    with conn.cursor() as cursor:
        for sql in conn.ops.sequence_reset_sql(no_style(), chosen):
            cursor.execute(sql)
    conn.check_constraints()
    expected = {label: n for label, n in manifest["counts"].items() if n}
    if {label: n for label, n in loaded.items() if n} != expected:
        raise Invalid(_("The backup's records do not match the counts in its manifest."))
    for digest in Evidence.objects.values_list("sha256", flat=True).distinct().iterator():
        if not store.exists(digest):
            raise Invalid(_("The backup lacks the evidence file %(sha)s.") % {"sha": digest})
    head = AuditHead.objects.filter(pk=1).first()
    wanted = manifest["audit_head"]
    if head is None or (head.seq, head.hash) != (wanted["seq"], wanted["hash"]):
        raise Invalid(_("The restored audit chain does not end where the backup's manifest says it does."))
    # The triggers kept the map's summary through the deletes and inserts; counted afresh, it
    # holds no cell emptied on the way.
    mapcells.rebuild()
