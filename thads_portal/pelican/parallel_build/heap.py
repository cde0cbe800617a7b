"""When the garbage collector walks the build's objects. A build makes a few hundred thousand
long-lived objects (documents, their HTML, the context, the queued pages) and almost no
cyclic garbage: each full pass of the collector walked all of them and found nothing (2 s of
a warm build at 10,000 documents, on the one core everything else waits for). Once a phase
has made its objects, they are frozen: later passes walk only what came after. Reference
counting still frees whatever is dropped; only cycles among frozen objects wait for the next
build in the same process (the preview server's), which unfreezes them as it starts."""

from __future__ import annotations

import gc


def start_run(pelican) -> None:
    """A run starts (`get_generators`): what an earlier run froze may be collected again.
    The collector stays off until the first generator has loaded the content cache (every
    document, all kept)."""
    gc.unfreeze()
    gc.disable()


def phase_done(*_, **__) -> None:
    """A phase made its objects (`readers_init`, the ends of reading and of the context,
    `finalized`)."""
    gc.enable()
    gc.freeze()
