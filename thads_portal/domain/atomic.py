"""Exchanging two paths in one step, so that a folder can be replaced by another without a
moment when neither is in place.

Linux's renameat2(2) with RENAME_EXCHANGE swaps two existing paths atomically; the standard
library has no binding for it, so it is reached through the C library with ctypes. A
filesystem that cannot exchange answers EINVAL (some network and FUSE filesystems), a kernel
or C library without the call ENOSYS: callers test `error.errno in UNSUPPORTED` and fall back
to something else. No Pelican here: the build and the scripts both use it.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP})


@functools.cache
def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library older than glibc 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: str | Path, second: str | Path) -> None:
    """Swap `first` and `second` (both must exist) in one atomic step: any process looking at
    either path sees the one tree or the other, never nothing. Raises OSError; its errno is in
    UNSUPPORTED when this system or filesystem cannot exchange."""
    function = _renameat2()
    if function is None:
        raise OSError(errno.ENOSYS, os.strerror(errno.ENOSYS), str(first), None, str(second))
    if function(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(first), None, str(second))
