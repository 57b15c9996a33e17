"""Write an output folder all at once or not at all, and replace only what mutasi-opt wrote.

The files are written into a hidden sibling ``.<name>.tmp-<pid>`` and the folder is renamed into
place at the end: a run that fails, or is interrupted (``KeyboardInterrupt`` and SIGTERM included),
leaves no half folder. A temporary folder left by a process that was killed outright (SIGKILL, a
power cut) is removed by the next write into the same parent folder, once its process is gone.

Every folder written carries a marker, :data:`MARKER` (``.mutasi-opt.json``): which command wrote
it (its ``kind``: ``run``, ``needs``, ``comparison``, ``sample``, ``siasn_import``) and every file
it holds. An
existing folder is kept (an error) unless ``force``; with ``force`` it is replaced only when it is
empty, or when its marker says the same command wrote it and it holds nothing but the files listed
there. Anything else (a folder of inputs, the working folder, a run folder where a comparison was
asked for, a run folder someone put their own file in) is refused, exit code 2, and nothing is
deleted. The old folder is renamed away, the new one renamed in, and only then is the old one
deleted, so that at every instant the target is either the complete old folder or the complete new
one. An existing empty folder (the working folder, say) is not replaced but filled: the files are
moved into it, the marker last.

Before any work, :func:`check_target` also makes sure the folder can be written at all (a probe
file in the nearest existing parent), so that a read-only or full disk is reported before a long
solve, not after it.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from mutasi_opt.errors import InputError, InputIssue
from mutasi_opt.interrupt import deferred_signals

__all__ = [
    "MARKER",
    "FolderKind",
    "OutputExistsError",
    "atomic_folder",
    "check_target",
    "clean_stale_temporaries",
    "probe_writable",
    "read_marker",
]

MARKER = ".mutasi-opt.json"
"""The file that marks a folder as written by mutasi-opt (see the module docstring)."""

FolderKind = Literal["run", "needs", "comparison", "sample", "siasn_import"]

_COMMANDS: dict[str, str] = {
    "run": "mutasi-opt solve",
    "needs": "mutasi-opt analyze",
    "comparison": "mutasi-opt compare",
    "sample": "mutasi-opt sample",
    "siasn_import": "mutasi-opt import-siasn",
    "partial": "an unfinished mutasi-opt write",
}

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<role>tmp|old)-(?P<pid>\d+)$")

_PROBE_BYTES = 64 * 1024
"""Bytes written by the writability probe (a full disk fails here, not after the solve)."""


class OutputExistsError(InputError):
    """The output folder already exists and ``force`` was not given.

    An :class:`~mutasi_opt.errors.InputError` so that the command line reports it as a usage
    problem (exit code 2) with one clear message.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            [
                InputIssue(
                    "output_exists",
                    "the output folder already exists; choose another or use --force to replace it",
                    file=str(path),
                    message_id="folder keluaran sudah ada; pilih folder lain atau pakai --force "
                    "untuk menggantinya",
                )
            ]
        )


def _refuse(rule: str, message: str, message_id: str, path: Path) -> InputError:
    """One issue about the output folder (``message_id``: the same in Indonesian)."""
    return InputError([InputIssue(rule, message, file=str(path), message_id=message_id)])


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The marker of ``folder``, or ``None`` when it has none (or one that is not ours)."""
    path = folder / MARKER
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 1 << 20:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or data.get("written_by") != "mutasi-opt":
        return None
    return data


def _entries(folder: Path) -> list[str]:
    """Every file, link and folder under ``folder``, as ``/``-separated relative paths."""
    out: list[str] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root).relative_to(folder)
        for name in [*dirs, *files]:
            out.append((base / name).as_posix())
    return sorted(out)


def _working_folder_inside(target: Path) -> bool:
    try:
        cwd = Path.cwd().resolve()
    except OSError:
        return False
    resolved = target.resolve()
    return cwd == resolved or resolved in cwd.parents


def _replaceable(target: Path, kind: FolderKind) -> InputError | None:
    """Why ``--force`` may not replace ``target`` (an existing folder), or ``None``."""
    try:
        empty = next(target.iterdir(), None) is None
    except OSError:
        empty = False
    if empty:
        return None  # nothing to lose; the files are moved into it (see _commit)
    if _working_folder_inside(target):
        return _refuse(
            "output_not_replaceable",
            "the output folder is the working folder or holds it; --force never replaces it",
            "folder keluaran adalah folder kerja atau memuatnya; --force tidak pernah menggantinya",
            target,
        )
    marker = read_marker(target)
    if marker is None:
        return _refuse(
            "output_not_replaceable",
            f"the output folder was not written by mutasi-opt (it has no {MARKER}); --force "
            "replaces only a folder that mutasi-opt wrote. Choose another folder, or empty this "
            "one yourself",
            f"folder keluaran tidak ditulis oleh mutasi-opt (tidak ada {MARKER}); --force hanya "
            "mengganti folder yang ditulis mutasi-opt. Pilih folder lain, atau kosongkan folder "
            "ini sendiri",
            target,
        )
    written_kind = str(marker.get("kind"))
    if written_kind != kind:
        wrote = _COMMANDS.get(written_kind, "another command")
        return _refuse(
            "output_not_replaceable",
            f"the output folder was written by `{wrote}`; --force here replaces only a folder "
            f"written by `{_COMMANDS[kind]}`",
            f"folder keluaran ditulis oleh `{wrote}`; --force di sini hanya mengganti folder "
            f"yang ditulis oleh `{_COMMANDS[kind]}`",
            target,
        )
    listed = {str(f) for f in marker.get("files", []) if isinstance(f, str)}
    allowed = {MARKER, *listed}
    for name in listed:
        parts = name.split("/")
        allowed.update("/".join(parts[:k]) for k in range(1, len(parts)))
    foreign = [e for e in _entries(target) if e not in allowed]
    if foreign:
        shown = ", ".join(foreign[:5]) + (
            f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        )
        return _refuse(
            "output_not_replaceable",
            f"the output folder holds files that mutasi-opt did not write there ({shown}); "
            "--force never deletes them. Move them away or choose another folder",
            f"folder keluaran memuat berkas yang tidak ditulis mutasi-opt di sana ({shown}); "
            "--force tidak pernah menghapusnya. Pindahkan berkas itu atau pilih folder lain",
            target,
        )
    return None


def probe_writable(target: Path) -> None:
    """Raise unless a folder can be created at ``target``: a file is written (and removed) in
    the nearest existing parent.

    Raises
    ------
    InputError
        ``output_not_writable``, with the reason the system gave (read-only, full, no permission,
        a parent that is a file).
    """
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise _refuse(
            "output_not_writable",
            f"cannot create the output folder: {parent} is not a folder",
            f"folder keluaran tidak dapat dibuat: {parent} bukan folder",
            target,
        )
    probe = parent / f".mutasi-opt-probe-{os.getpid()}"
    try:
        with probe.open("wb") as handle:
            handle.write(b"\0" * _PROBE_BYTES)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _refuse(
            "output_not_writable",
            f"cannot write the output folder here ({reason}, in {parent}); nothing was written",
            f"folder keluaran tidak dapat ditulis di sini ({reason}, di {parent}); tidak ada "
            "yang ditulis",
            target,
        ) from None
    finally:
        with suppress(OSError):
            probe.unlink()


def check_target(
    target: Path, *, force: bool, kind: FolderKind = "run", probe: bool = True
) -> None:
    """Raise before any work is done when ``target`` may not be written.

    Parameters
    ----------
    target
        The folder to write.
    force
        Replace an existing folder (only one that :func:`atomic_folder` may replace).
    kind
        What is written (see :data:`FolderKind`).
    probe
        Also make sure the folder can be written (see :func:`probe_writable`).

    Raises
    ------
    OutputExistsError
        ``target`` exists and ``force`` is false.
    InputError
        ``target`` exists and is not a folder (never replaced, even with ``force``), or it may not
        be replaced (see the module docstring), or it cannot be written.
    """
    target = Path(target).absolute()
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise InputError(
                [
                    InputIssue(
                        "output_not_folder",
                        "the output path exists and is not a folder; it is never replaced",
                        file=str(target),
                        message_id="path keluaran sudah ada dan bukan folder; path itu tidak "
                        "pernah diganti",
                    )
                ]
            )
        if not force:
            raise OutputExistsError(target)
        refused = _replaceable(target, kind)
        if refused is not None:
            raise refused
    if probe:
        probe_writable(target)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be writing there
    if os.name == "nt":
        return True  # os.kill(pid, 0) would end the process on Windows: never guess there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return True


def clean_stale_temporaries(parent: Path) -> list[Path]:
    """Remove the temporary folders that killed mutasi-opt processes left in ``parent``.

    A ``.<name>.tmp-<pid>`` folder is removed when it holds a partial marker of this host and its
    process is gone. A ``.<name>.old-<pid>`` folder (a complete folder being replaced when the
    process died) is put back as ``<name>`` when that is missing, and removed otherwise; only when
    it holds a mutasi-opt marker and its process is gone. Nothing else is touched.

    Returns
    -------
    list of Path
        The folders removed or put back.
    """
    done: list[Path] = []
    try:
        children = list(parent.iterdir())
    except OSError:
        return done
    host = socket.gethostname()
    for child in children:
        match = _TEMPORARY.match(child.name)
        if match is None or child.is_symlink() or not child.is_dir():
            continue
        marker = read_marker(child)
        if marker is None or _pid_alive(int(match["pid"])):
            continue
        if match["role"] == "tmp":
            # A partial marker names its host (a process id means nothing on another machine);
            # a final one is written in the last instant before the rename, so one that is not
            # old may belong to a process of another machine sharing this folder.
            if marker.get("kind") == "partial":
                if marker.get("host") != host:
                    continue
            elif _age_s(child / MARKER) < _FINAL_MARKER_GRACE_S:
                continue
            shutil.rmtree(child, ignore_errors=True)
        else:
            original = parent / match["name"]
            if not original.exists() and not original.is_symlink():
                os.replace(child, original)
            else:
                shutil.rmtree(child, ignore_errors=True)
        done.append(child)
    return done


_FINAL_MARKER_GRACE_S = 600.0
"""A temporary folder with a final marker is left alone this long (see above)."""


def _age_s(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _write_marker(folder: Path, data: dict[str, Any]) -> None:
    body = {"written_by": "mutasi-opt", **data}
    (folder / MARKER).write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")


def _version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mutasi-opt")
    except PackageNotFoundError:
        return None


@contextmanager
def atomic_folder(
    target: str | Path, *, force: bool = False, kind: FolderKind = "run"
) -> Iterator[Path]:
    """Yield a temporary folder that becomes ``target`` when the block ends without error.

    Parameters
    ----------
    target
        The folder to create. Its parent is created if needed.
    force
        Replace an existing folder (only one that mutasi-opt wrote, see the module docstring).
    kind
        What is written; recorded in the marker and checked before a folder is replaced.

    Yields
    ------
    Path
        The temporary folder to write into (a hidden sibling of ``target``).

    Raises
    ------
    OutputExistsError
        ``target`` exists and ``force`` is false (checked before and after the block).
    InputError
        ``target`` may not be replaced or written (checked before and after the block), or the
        disk refused a file (full, read-only): nothing is left behind.
    """
    target = Path(target).absolute()
    check_target(target, force=force, kind=kind, probe=False)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _write_failed(target, exc) from None
    clean_stale_temporaries(target.parent)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    if tmp.exists() or tmp.is_symlink():
        # Left over by an earlier process of this id that was killed outright.
        if tmp.is_symlink() or not tmp.is_dir():
            tmp.unlink()
        else:
            shutil.rmtree(tmp)
    try:
        tmp.mkdir()
        _write_marker(tmp, {"kind": "partial", "host": socket.gethostname(), "pid": os.getpid()})
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _write_failed(target, exc) from None
    try:
        try:
            yield tmp
            files = [e for e in _entries(tmp) if e != MARKER]
            _write_marker(tmp, {"kind": kind, "version": _version(), "files": files})
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT, errno.EPERM):
                raise _write_failed(target, exc) from None
            raise
        with deferred_signals() as held:
            committed = _commit(tmp, target, force=force, kind=kind)
            if held.pending:
                # Interrupted while the folder was put in place: undo, so that nothing is written.
                committed.undo()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    committed.finish()


def _write_failed(target: Path, exc: OSError) -> InputError:
    reason = exc.strerror or type(exc).__name__
    return _refuse(
        "output_not_writable",
        f"the output folder could not be written ({reason}); nothing was written",
        f"folder keluaran tidak dapat ditulis ({reason}); tidak ada yang ditulis",
        target,
    )


@dataclass
class _Committed:
    """How a folder was put in place, so that it can be undone (see :func:`_commit`)."""

    tmp: Path
    target: Path
    old: Path | None = None
    filled: list[str] = field(default_factory=list)

    def undo(self) -> None:
        """Put everything back as it was before the commit (the new files back in ``tmp``)."""
        if self.filled:
            for name in reversed(self.filled):
                os.replace(self.target / name, self.tmp / name)
            self.filled = []
            return
        if not self.tmp.exists():
            os.replace(self.target, self.tmp)
        if self.old is not None:
            os.replace(self.old, self.target)
            self.old = None

    def finish(self) -> None:
        """Delete the old folder, once the new one is in place for good."""
        if self.old is not None:
            shutil.rmtree(self.old, ignore_errors=True)
        if self.filled:
            with suppress(OSError):
                self.tmp.rmdir()


def _commit(tmp: Path, target: Path, *, force: bool, kind: FolderKind) -> _Committed:
    """Put ``tmp`` in place as ``target``.

    A missing target: ``tmp`` is renamed. An empty one (perhaps the working folder): the files are
    moved into it, the marker last, so that the folder itself stays where it is. Otherwise the
    target is moved aside (deleted by :meth:`_Committed.finish`) and ``tmp`` renamed in.
    """
    # Checked again: another process may have created the folder while we wrote. Without this a
    # rename onto an existing empty folder would silently succeed on POSIX.
    check_target(target, force=force, kind=kind, probe=False)
    done = _Committed(tmp, target)
    if not target.exists():
        os.replace(tmp, target)
        return done
    if next(target.iterdir(), None) is None:
        names = sorted((p.name for p in tmp.iterdir()), key=lambda n: (n == MARKER, n))
        try:
            for name in names:
                os.replace(tmp / name, target / name)
                done.filled.append(name)
        except BaseException:
            done.undo()
            raise
        return done
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if old.exists():
        shutil.rmtree(old)
    os.replace(target, old)
    try:
        os.replace(tmp, target)
    except BaseException:
        # Put the old folder back: the target must never be left missing.
        os.replace(old, target)
        raise
    done.old = old
    return done
