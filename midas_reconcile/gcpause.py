"""Pausing the cyclic garbage collector around bulk work.

Loading, compiling, reading and planning tens of thousands of resources allocates millions of small,
acyclic objects (YAML nodes, dicts of fields, Resources); each allocation burst triggers generation
scans that free nothing and cost about a third of the run time at 10,000 campaigns. Reference counting
still frees everything as usual while the collector is paused.

On resuming, what survived the pause is moved to the oldest generation: left in the youngest, every
object allocated during the pause would be scanned by the first collection after it (over half a
second at 10,000 campaigns) to free nothing. The oldest generation is only scanned by full collections,
which still collect any cycle among those objects.

The collector starts a full collection on its own only when enough objects reached the oldest generation
through its younger collections; the survivors moved there by a pause are not counted. A process running one
command after another (a scheduler using the Python API) would so keep every reference cycle its commands
left behind. So a pause's end starts a full collection itself once the tracked objects have doubled since
the last one (the first pause's end only takes their number): the collection's cost stays proportional to
what was allocated, and a single command, whose heap mostly grows with what it keeps, runs few if any.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the block (re-entrant: only the outermost block re-enables)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _promote_survivors()
            gc.enable()


#: Objects the collector tracked after the last full collection (or at the first pause's end); 0: none yet.
_tracked_after_last_collection = 0
#: Objects the pauses' ends have moved to the oldest generation since (net of what they freed).
_promoted_since_last_collection = 0


def _promote_survivors() -> None:
    global _tracked_after_last_collection, _promoted_since_last_collection
    # Not when the program froze objects itself: unfreeze() would hand those back to the collector.
    if gc.get_freeze_count() != 0:
        return
    # The youngest generation's count: objects allocated less those freed since its last collection, which
    # the pause held off. Read in constant time, where counting the tracked objects walks them all.
    _promoted_since_last_collection += gc.get_count()[0]
    # freeze() then unfreeze() moves every tracked object to the oldest generation in constant time.
    gc.freeze()
    gc.unfreeze()
    if not _tracked_after_last_collection:
        _tracked_after_last_collection = _tracked_objects()
        _promoted_since_last_collection = 0
    elif _promoted_since_last_collection > _tracked_after_last_collection:
        gc.collect()
        _tracked_after_last_collection = _tracked_objects()
        _promoted_since_last_collection = 0


def _tracked_objects() -> int:
    """How many objects the collector tracks (all in the oldest generation here): walks them once."""
    gc.freeze()
    tracked = gc.get_freeze_count()
    gc.unfreeze()
    return tracked
