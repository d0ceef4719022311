"""Writing report files: never half a file, never over anything but a regular file.

A report replaces its path through a temporary file in the same folder and `os.replace`, so a
reader never sees half of one. What already sits at the path is checked first: a symbolic link,
named pipe, socket, device or directory is refused (`OutputError`), never replaced by a file —
`--out /dev/stdout` run as root must not replace the system's /dev/stdout. The CLI writes
stdout-like targets (`-`, `/dev/stdout`) in place itself; this module never prints.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from factcheck.errors import OutputError

# Paths that mean "this process's standard output": written to, never replaced.
STDOUT_PATHS = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def is_stdout(path: str | os.PathLike[str]) -> bool:
    """Whether `path` names standard output (`-`, `/dev/stdout`) rather than a file."""
    return os.fspath(path) in STDOUT_PATHS


def _not_a_file(mode: int) -> str | None:
    """Why an existing entry with this (lstat) mode may not be replaced by a report, if it may not."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    return "is not a regular file"


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _check_folder_path(folder: Path, target: Path) -> None:
    """Raise OutputError (naming `target`) unless `folder` is, or could be created as, a folder."""
    for ancestor in (folder, *folder.parents):
        try:
            info = os.stat(ancestor)  # a link to a folder is a fine place to write into
        except FileNotFoundError:
            continue
        except NotADirectoryError:
            continue  # an ancestor further up is not a folder: found on a later step
        except OSError as error:
            raise OutputError(str(target), f"cannot use {ancestor}: {_reason(error)}") from None
        if not stat.S_ISDIR(info.st_mode):
            raise OutputError(str(target), f"{ancestor} is not a directory")
        return


def check_output_file(path: Path) -> None:
    """Raise OutputError unless a report can be written at `path`: nothing there yet, or a
    regular file, in a folder that exists or can be created. Nothing is created."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as error:
        raise OutputError(str(path), f"cannot use it: {_reason(error)}") from None
    else:
        why = _not_a_file(info.st_mode)
        if why is not None:
            raise OutputError(str(path), f"{why}; refusing to replace it with a report")
    _check_folder_path(path.parent, path)


def check_output_folder(folder: Path) -> None:
    """Raise OutputError unless `folder` is a folder reports can go into, or can be created."""
    _check_folder_path(folder, folder)


def ensure_folder(folder: Path, target: Path | None = None) -> None:
    """Create `folder` (and its parents) or raise OutputError naming `target` and the reason."""
    target = folder if target is None else target
    _check_folder_path(folder, target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(str(target), f"cannot create {folder}: {_reason(error)}") from None


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows that."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)  # elsewhere the only way to read it is to set it
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder, then rename it.

    The file gets the permissions any new file gets (0o666 less the umask), not mkstemp's 0o600.
    Raises OutputError, naming the path and the reason, when it cannot be written there.
    """
    check_output_file(path)
    ensure_folder(path.parent, path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OutputError(str(path), f"cannot write: {_reason(error)}") from None
    try:
        if hasattr(os, "fchmod"):  # POSIX; Windows has no permission bits to fix
            os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(str(path), f"cannot write: {_reason(error)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
