"""Where a console edit lands in a native object: dotted paths whose steps may index lists, and a carousel's
cards by the names specs give their fields.

A native path steps into objects by key and into lists by index, from 0
(``object_story_spec.link_data.child_attachments.1.name``). On a Meta creative, ``cards.N.FIELD`` is the
same edit in the words of a spec and of drift (``cards.1.title``): card N of the carousel
(``link_data.child_attachments``), FIELD one of ``meta_graph.CARD_WIRE``'s (``title`` → ``name`` …). So is a
field Meta derives from a creative's ``object_story_spec`` (``body``, ``title`` …: ``story_path``), which
lands in it, as Meta reads it back from there.
"""

from __future__ import annotations

from typing import Any, Final

from midas_reconcile.connectors.meta_graph import CARD_WIRE, STORY_WIRE, story_block, story_wire
from midas_reconcile.errors import MidasError

#: The first step of a card edit on a Meta creative.
CARDS: Final = "cards"
_CARD_FIELDS: Final = dict(CARD_WIRE)
#: The creative fields Meta derives from a story (``meta_graph.STORY_WIRE``), its call to action's type too.
_STORY_FIELDS: Final = frozenset(
    {f for pairs in STORY_WIRE.values() for _, f in pairs} | {"call_to_action_type"}
)
_STORY_NAMES: Final = {"photo_data": "a photo ad", "video_data": "a video ad", "link_data": "a link ad"}


def story_path(address: str, data: dict[str, Any], field: str, *, clearing: bool = False) -> str | None:
    """The native path in the creative ``data`` at ``address`` of ``field``, one Meta derives from its
    ``object_story_spec`` (``body`` → ``object_story_spec.link_data.message`` …); None for another field or
    a creative with no such story, or when ``clearing`` a field the story has no place for (none to clear
    there). Raises MidasError for a value of a field the story has no place for."""
    story = data.get("object_story_spec")
    block = story_block(story)
    if field not in _STORY_FIELDS or block is None:
        return None
    at = f"object_story_spec.{block}"
    if field == "call_to_action_type":
        return f"{at}.call_to_action.type"
    assert isinstance(story, dict)
    pairs = story_wire(story, block)
    wire = next((w for w, f in pairs if f == field), None)
    if wire is None:
        if clearing:
            return None
        kind = "a carousel" if len(pairs) < len(STORY_WIRE[block]) else _STORY_NAMES[block]
        held = ", ".join([*(f for _, f in pairs), "call_to_action_type"])
        raise MidasError(f"{address}: {field}: {kind}'s {at} holds no {field}; its fields: {held}")
    return f"{at}.{wire}"


def card_path(address: str, data: dict[str, Any], field: str) -> str:
    """The native path of ``cards.N.FIELD`` in the creative ``data`` at ``address``. Raises MidasError for
    a creative that is no carousel, an index it has no card at, or a field a card does not have."""
    cards = ((data.get("object_story_spec") or {}).get("link_data") or {}).get("child_attachments")
    if not isinstance(cards, list) or not cards:
        raise MidasError(
            f"{address}: {field}: not a carousel (no object_story_spec.link_data.child_attachments); set "
            "object_story_spec to make one"
        )
    _, index, name = [*field.split(".", 2), "", ""][:3]
    bounds = f"{CARDS}.0 to {CARDS}.{len(cards) - 1}"
    if not index.isdigit():
        raise MidasError(f"{address}: {CARDS}.{index}: a card is named by its index ({bounds})")
    if int(index) >= len(cards):
        raise MidasError(f"{address}: {CARDS}.{index}: the carousel has {len(cards)} cards ({bounds})")
    if name not in _CARD_FIELDS:
        raise MidasError(f"{address}: {field}: a card has no {name!r}; settable: {', '.join(_CARD_FIELDS)}")
    return f"object_story_spec.link_data.child_attachments.{int(index)}.{_CARD_FIELDS[name]}"


def set_path(address: str, data: dict[str, Any], field: str, value: Any) -> None:
    """Set ``value`` at the dotted ``field`` of ``data``, making the objects it steps into that are not
    there yet; a step into a list is an index of an item it has. Raises MidasError otherwise."""
    node: Any = data
    parts = field.split(".")
    for at, part in enumerate(parts[:-1]):
        if isinstance(node, list):
            node = node[_index(address, node, parts[: at + 1])]
        else:
            node = node.setdefault(part, {})
        if not isinstance(node, (dict, list)):
            raise MidasError(f"{address}: {part!r} in {field!r} is not an object")
    if isinstance(node, list):
        node[_index(address, node, parts)] = value
    else:
        node[parts[-1]] = value


def _index(address: str, items: list[Any], steps: list[str]) -> int:
    """The index ``steps[-1]`` names in ``items`` (``steps``: the path to it, for the error)."""
    step = steps[-1]
    if not step.isdigit() or int(step) >= len(items):
        bounds = f"0 to {len(items) - 1}" if items else "none"
        raise MidasError(f"{address}: {'.'.join(steps)}: the list has {len(items)} items ({bounds})")
    return int(step)
