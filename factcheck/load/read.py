"""Reading an input file's bytes: the one place an article file is opened.

    stat   -> must be a regular file (a FIFO, socket, device or directory is refused)
    open   -> O_NONBLOCK, so a FIFO swapped in after the stat cannot block the open
    fstat  -> the open descriptor checked again: a regular file within the size limit
    read   -> at most max_bytes + 1 bytes, so a file that grew since is refused, not read whole

`compare`, `extract` and `audit` (loading and the cache key) all read through `read_input`.
"""

from __future__ import annotations

import os
import stat

from factcheck.errors import FileMissingError, LoadError, NotAFileError, TooLargeError

# O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer, forever.
# O_NOCTTY: a terminal device must never become our controlling terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_input(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; raises a LoadError naming the file."""
    name = str(path)
    try:
        _check(name, os.stat(path), max_bytes)  # refuse before opening anything
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise FileMissingError(name, "not found") from None
    except NotADirectoryError:  # a path through a regular file: a/b where a is a file
        raise FileMissingError(name, "not found") from None
    except OSError as error:
        raise LoadError(name, f"cannot be read: {error.strerror or error}") from None
    try:
        _check(name, os.fstat(fd), max_bytes)  # what was opened, not what the path showed
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(max_bytes + 1)  # the file may have grown since fstat()
    except OSError as error:
        raise LoadError(name, f"cannot be read: {error.strerror or error}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > max_bytes:
        raise TooLargeError(name, f"is over the {max_bytes:,}-byte limit")
    return data


def _check(name: str, info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError(name, "is a directory")
    if not stat.S_ISREG(info.st_mode):  # FIFO, socket, character or block device
        raise NotAFileError(name, "is not a regular file")
    if info.st_size > max_bytes:
        raise TooLargeError(name, f"is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit")
