"""Write an output folder all at once or not at all.

The files are written into a hidden sibling ``.<name>.tmp-<pid>`` and the folder is renamed into
place at the end: a run that fails, or is interrupted (``KeyboardInterrupt`` included), leaves no half
folder. An existing folder is kept (an error) unless ``force``; with ``force`` the old folder is
renamed away, the new one renamed in, and only then is the old one deleted, so that at every instant
the target is either the complete old folder or the complete new one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mutasi_opt.errors import InputError, InputIssue

__all__ = ["OutputExistsError", "atomic_folder", "check_target"]


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
                )
            ]
        )


def check_target(target: Path, *, force: bool) -> None:
    """Raise before any work is done when ``target`` may not be written.

    Raises
    ------
    OutputExistsError
        ``target`` exists and ``force`` is false.
    InputError
        ``target`` exists and is not a folder (never replaced, even with ``force``).
    """
    if target.exists() or target.is_symlink():
        if not target.is_dir() or target.is_symlink():
            raise InputError(
                [
                    InputIssue(
                        "output_not_folder",
                        "the output path exists and is not a folder; it is never replaced",
                        file=str(target),
                    )
                ]
            )
        if not force:
            raise OutputExistsError(target)


@contextmanager
def atomic_folder(target: str | Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder that becomes ``target`` when the block ends without error.

    Parameters
    ----------
    target
        The folder to create. Its parent is created if needed.
    force
        Replace an existing folder.

    Yields
    ------
    Path
        The temporary folder to write into (a hidden sibling of ``target``).

    Raises
    ------
    OutputExistsError
        ``target`` exists and ``force`` is false (checked before and after the block).
    """
    target = Path(target).absolute()
    check_target(target, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}"
    if tmp.exists():
        # Left over by an earlier process of this id that was killed outright.
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        yield tmp
        _commit(tmp, target, force=force)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _commit(tmp: Path, target: Path, *, force: bool) -> None:
    # Checked again: another process may have created the folder while we wrote. Without this a
    # rename onto an existing empty folder would silently succeed on POSIX.
    check_target(target, force=force)
    if not target.exists():
        os.replace(tmp, target)
        return
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
    shutil.rmtree(old, ignore_errors=True)
