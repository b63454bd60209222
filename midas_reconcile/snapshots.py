"""Snapshots of the managed resources' live state, and restoring one.

``take`` reads each account once and keeps what MIDAS manages (recorded in the state store and live),
with a name, the time and a content hash. ``restore_plan`` plans the snapshot's resources as the desired
state through the normal planner, so guardrails, locks and the journal apply as for any plan (objects made
since are planned per the usual removal rules: paused, deleted only on request; the lifecycle MIDAS records
is kept, and the plan's reasons name the snapshot). ``write_specs`` instead makes the specs say the snapshot,
for git review: specs that already do are left alone, others are edited as little as it takes
(``importing.rewrite``), each edit derived through the importer and verified exact; the spec of a campaign
renamed since is renamed back, and that of one made since removed, so the next apply pauses it as a
restore does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Collection, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from midas_reconcile import money
from midas_reconcile.ad_names import AD_KIND, AD_KINDS
from midas_reconcile.compile._shared import ad_groups, group_creatives
from midas_reconcile.connectors.google_bid_modifiers import notes_now, predates_bookings
from midas_reconcile.connectors.meta_graph import unsent_card_settings
from midas_reconcile.errors import MidasError, SpecError
from midas_reconcile.importing import rewrite
from midas_reconcile.importing.derive import PlatformView
from midas_reconcile.importing.importer import (
    Importer,
    live_shared_budget_document,
    residuals,
    slug,
)
from midas_reconcile.importing.render import render_document
from midas_reconcile.importing.shopping import spelled_as_written
from midas_reconcile.importing.trees import CampaignTree, at_live_group_names, campaign_trees
from midas_reconcile.importing.unheld import held_creative
from midas_reconcile.importing.unify import unified_document
from midas_reconcile.left_alone import left_alone, unrecorded_modifiers
from midas_reconcile.optimizer import workspace as optimizer_workspace
from midas_reconcile.plan import Action, left_alone_warning
from midas_reconcile.planner import PRODUCT_FILTER_LEFT_ALONE, the_one_used
from midas_reconcile.resources import (
    CAMPAIGN_LEVEL,
    GOOGLE,
    GOOGLE_DEMAND_GEN_ADS,
    LEVELS,
    META,
    TEMPLATE_FORMAT_OPTION,
    UNHELD_FEED,
    Address,
    Resource,
    canonical_json,
    is_level_head,
    is_shared_budget,
    is_stopped,
    path_segment,
    renamed_campaigns,
    segment_name,
)
from midas_reconcile.round_trip import write_spec_text
from midas_reconcile.spec import load_workspace
from midas_reconcile.spec._meta_media_options import (
    MEDIA_OPTIONS,
    beyond_max,
    mixed_images,
    read_media_options,
)
from midas_reconcile.spec._meta_text_options import (
    TEXT_OPTIONS,
    beside_own_texts,
    carries_text_options,
    fits,
    folded,
    held_feed_keys,
    read_text_options,
    without_restated,
)
from midas_reconcile.store.snapshots import SnapshotRecord


def take(session: Any, accounts: Sequence[str] | None = None, name: str | None = None) -> SnapshotRecord:
    """Snapshot the managed live resources of ``accounts`` (all by default) under ``name`` (default:
    ``snapshot-<UTC time>``, with ``-2``, ``-3`` … when a snapshot of that second has it). Raises
    MidasError for a name that is blank, has spaces around it or holds a control character."""
    if name is not None:
        check_name(name)
    names = session.accounts(accounts)
    now = session.store.now()
    # Read as an import reads (``for_import``): restore --write-specs takes a snapshot through the importer,
    # which refuses what a spec cannot say (a page feed linked to a campaign without Dynamic Search Ads)
    # only if the read noted it.
    live = session.read_live(names, for_import=True)
    recorded = session.store.recorded(names)
    claimed = session.store.claimed_addresses(names)
    named = session.named_types(names)  # what the specs name, as a plan takes it (``left_alone_in``)
    at: dict[Address, list[Resource]] = {}
    for resource in (r for account in names for r in live[account] if r.address in recorded):
        at.setdefault(resource.address, []).append(resource)
    # One object per address, the one MIDAS uses (as a plan does): an apply killed while replacing a Meta
    # creative, or one whose old creative's delete was refused, leaves two live at the creative's address.
    kept = sorted(
        (the_one_used(group, recorded[address]) for address, group in at.items()),
        key=lambda r: r.address.sort_key(),
    )
    # A console's place modifier MIDAS never set is left alone (``left_alone.unheld_modifiers``): not kept.
    kept = list(unrecorded_modifiers(kept, recorded))
    # So is the Instagram account a console made a creative run as where MIDAS never held one
    # (``importing.unheld.held_creative``): kept, a restore would make it MIDAS's, and drop it once replaced.
    kept = [held_creative(r, recorded[r.address], None) for r in kept]
    # Live objects know nothing of MIDAS's lifecycle: the snapshot carries what the records say.
    resources = [{**r.to_dict(), "on_remove": recorded[r.address].on_remove} for r in kept]
    count = len(resources)
    # Where MIDAS left a console's object alone (``left_alone``): noted by address, never held as desired
    # state — a restore hands back to the console one a spec took over since (``restore_plan``).
    resources += [
        {"address": str(r.address), "platform_id": r.platform_id, LEFT_ALONE: True}
        for account in names
        for r in left_alone_in(live[account], recorded, claimed, named)
    ]
    record = SnapshotRecord(
        name=name if name is not None else _default_name(session, now),
        accounts=names,
        created_at=now,
        actor=session.actor,
        content_hash=hashlib.sha256(canonical_json(resources).encode()).hexdigest(),
        resource_count=count,
        resources=resources,
    )
    session.store.save_snapshot(record)
    return record


#: The key of a snapshot's note of an address where MIDAS left a console's object alone (``left_alone_in``):
#: an entry ``{"address", "platform_id", "left_alone": true}`` among its resources, no resource itself.
#: (Snapshots taken while such entries held the whole object read the same: only the address and id count.)
LEFT_ALONE = "left_alone"


def left_alone_in(
    live: Sequence[Resource],
    recorded: Mapping[Address, Resource],
    claimed: Set[Address],
    named: Mapping[Address, tuple[str, ...]] | None = None,
) -> list[Resource]:
    """What MIDAS leaves alone, neither recorded nor ``claimed`` by an interrupted apply's journal, in the
    campaigns it records of ``live`` (``left_alone``: a Demand Gen ad group's product filter set in a
    console, a Google campaign's own age, gender or interest targeting of a kind MIDAS records none of).
    ``named``: the criterion types each campaign's spec names (``Session.named_types``), which a live
    object does not carry: those of a named type are MIDAS's, as a plan takes them."""
    named = named or {}
    wanted = [
        dataclasses.replace(r, named_types=named[r.address]) if r.address in named else r
        for r in live
        if r.address in recorded
    ]
    alone = left_alone(live, wanted, recorded, claimed)
    return [r for r in live if r.address in alone]


def left_alone_of(record: SnapshotRecord) -> dict[Address, str | None]:
    """The addresses (with the ids) where MIDAS left a console's object alone when ``record`` was taken."""
    return {
        Address.parse(data["address"]): data.get("platform_id")
        for data in record.resources
        if data.get(LEFT_ALONE)
    }


def check_name(name: str) -> None:
    """A snapshot name is typed back to restore it and printed one per line: no blank, padded or
    multi-line names (a second ``before`` padded with spaces would pass for the first)."""
    if not name.strip():
        raise MidasError("a snapshot name cannot be blank")
    if name != name.strip():
        raise MidasError(f"found snapshot name {name!r}, with spaces around it; expected {name.strip()!r}")
    if not name.isprintable():
        raise MidasError(f"found snapshot name {name!r}, which holds a control character; expected none")


def _default_name(session: Any, now: dt.datetime) -> str:
    """``snapshot-<UTC time>``, to the second, with the first free suffix when taken (snapshots taken in
    the same second need names of their own: none was given)."""
    base = f"snapshot-{now:%Y%m%d-%H%M%S}"
    taken = {r.name for r in session.store.snapshots()}
    return next(n for n in (base, *(f"{base}-{i}" for i in range(2, len(taken) + 3))) if n not in taken)


def prunable(
    records: Sequence[SnapshotRecord],
    *,
    keep: int | None = None,
    older_than: dt.timedelta | None = None,
    now: dt.datetime,
) -> list[SnapshotRecord]:
    """The snapshots a retention rule lets go, oldest first: those beyond the ``keep`` newest, and taken
    more than ``older_than`` before ``now``; with both, only those both let go (the ``keep`` newest stay
    however old, and so does every snapshot younger than ``older_than``)."""
    oldest_first = sorted(records, key=lambda r: r.created_at)
    beyond = oldest_first[: max(len(oldest_first) - keep, 0)] if keep is not None else oldest_first
    return [r for r in beyond if older_than is None or now - r.created_at > older_than]


def resources_of(record: SnapshotRecord) -> list[Resource]:
    """The snapshot's resources, without its notes of what MIDAS left alone (``left_alone_of``), a Meta
    creative's texts stored as its feed's other contents lifted into its text options
    (``lifted_text_options``), and a Meta ad set's ``pacing_type`` dropped where it has no
    ``adset_schedule``: a snapshot taken before MIDAS read pacing only beside a schedule
    (``connectors.meta_day_parts``) stored it, which a restore would send on every run and drift report; and
    a Google ad group's notes of the Hotel booking modifiers a read before MIDAS managed them noted as not
    managed told as not restored instead (``google_bid_modifiers.notes_now``: the snapshot holds them in that
    note alone)."""
    resources = [Resource.from_dict(data) for data in record.resources if not data.get(LEFT_ALONE)]
    for resource in resources:
        if resource.address.platform == GOOGLE and resource.address.kind == "ad_group":
            resource.warnings = notes_now(resource.warnings)
        if resource.address.platform == META and resource.address.kind == "adcreative":
            resource.fields = lifted_text_options(resource.fields)
        elif _pacing_without_schedule(resource):
            resource.fields = {k: v for k, v in resource.fields.items() if k != "pacing_type"}
    return resources


def _pacing_without_schedule(resource: Resource) -> bool:
    address, fields = resource.address, resource.fields
    meta_adset = address.platform == META and address.kind == "adset"
    return meta_adset and "pacing_type" in fields and not fields.get("adset_schedule")


def lifted_text_options(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A snapshot's Meta creative ``fields`` with the lists of texts of its ``asset_feed_unheld`` that the
    read now holds as text options (``spec._meta_text_options.held_feed_keys``, of a creative that can carry
    them, without buttons) in its ``text_options``, as a read now gives them: what a snapshot taken before
    MIDAS held text options stored of a console's text feed (its images or videos likewise in its
    ``media_options``: ``spec._meta_media_options``). An echoed ``optimization_type`` beside them
    goes too; ``asset_feed_unheld`` is left out when nothing else is in it, and a single-app chat ad's feed
    restating its own button beside them with it, as the read now takes it. A snapshot holding
    ``text_options`` was read so already, but for a kind restating the story's own one text, which the read
    now holds no option (``spec._meta_text_options.without_restated``), and for its images or videos, stored
    unheld beside them before MIDAS held those: lifted by the same path."""
    if isinstance(options := fields.get(TEXT_OPTIONS), Mapping):
        kept = {k: v for k, v in fields.items() if k != TEXT_OPTIONS}
        fields = {**kept, TEXT_OPTIONS: rest} if (rest := without_restated(options, fields)) else kept
    unheld = fields.get(UNHELD_FEED)
    # A single-app chat ad's feed restating its own button beside texts (Ads Manager's shape) was stored so:
    # the read now takes the button as none and the texts as options (``connectors.meta_graph._feed_read``).
    own = {
        "type": fields.get("call_to_action_type"),
        "value": {"app_destination": fields.get("app_destination")},
    }
    restated = fields.get("asset_feed_spec") == {"call_to_actions": [own]}
    if not isinstance(unheld, Mapping) or (fields.get("asset_feed_spec") and not restated):
        return dict(fields)
    prefix = "asset_feed_spec."
    feed = {path.removeprefix(prefix): value for path, value in unheld.items() if path.startswith(prefix)}
    held = held_feed_keys(feed, capable=carries_text_options(fields))
    if not held or any(path.startswith(f"{prefix}call_to_actions") for path in unheld):
        return dict(fields)
    rest = {path: value for path, value in unheld.items() if path.removeprefix(prefix) not in held}
    if restated and rest:  # the read keeps restated buttons beside what it cannot hold
        return dict(fields)
    out = {k: v for k, v in fields.items() if k not in (UNHELD_FEED, "asset_feed_spec")}
    if rest:
        out[UNHELD_FEED] = rest
    if options := read_text_options({k: feed[k] for k in held}, own=fields):
        out[TEXT_OPTIONS] = options  # none held already: the texts were stored unheld beside the media
    # Several images or videos, lifted as the read now holds them too (``spec._meta_media_options``).
    story, media = read_media_options({k: feed[k] for k in held}, own=fields)
    return {**out, **story, **media}


def restorable(session: Any, name: str) -> SnapshotRecord:
    """Snapshot ``name`` (StateError naming the known ones when there is none), whose accounts midas.yaml
    all names still: MidasError naming the snapshot and each account it lacks, as a restore (to specs, or
    applied) needs each account's settings."""
    record = session.store.snapshot(name)
    missing = [account for account in record.accounts if account not in session.settings.accounts]
    if missing:
        held = ", ".join(repr(account) for account in missing)
        raise MidasError(
            f"snapshot {name!r} holds account{'s' if len(missing) > 1 else ''} {held}, which midas.yaml does "
            f"not name (accounts: {', '.join(sorted(session.settings.accounts))}): add "
            f"{'them' if len(missing) > 1 else 'it'} back to midas.yaml to restore this snapshot"
        )
    return record


def restore_plan(session: Any, record: SnapshotRecord, *, allow_destroy: bool = False) -> Any:
    """The plan (``PlanOutcome``) that returns the snapshot's accounts to the snapshot (``restorable``'s).

    ``lifecycle.on_remove`` is the specs' setting, not live state: what MIDAS records now is kept, so a
    restore never changes it (the specs would change it back); only what no record holds any more (deleted
    since, re-created) takes the snapshot's. Snapshots stored before they carried it say ``pause``. The
    criterion types a campaign's spec names (``Resource.named_types``) are the specs' too, never recorded:
    taken from them as they compile now, so a restore leaves alone no more than a plan does. The notes the
    read left on the snapshot's objects (an ad group's bid modifiers, criteria MIDAS does not manage:
    ``Resource.warnings``) are told with the object's address, as the restore's own warnings are."""
    resources = resources_of(record)
    unmapped = {r.address: images for r in resources if (images := _without_unmapped_images(r))}
    desired = [_as_created(r) for r in resources]
    for resource in desired:  # the read's notes (an import's concern), told by the object they are on
        resource.warnings = tuple(f"{resource.address}: {note}" for note in resource.warnings)
    unheld = {r.address: sorted(r.fields.pop(UNHELD_FEED, None) or {}) for r in desired}
    options = {r.address: option for r in desired if (option := r.fields.pop(TEMPLATE_FORMAT_OPTION, None))}
    # A card's settings a console made (``image_crops`` …), which MIDAS never sends: kept, so that a creative
    # still running them plans no change, and told where the restore makes the creative anew without them.
    unsent = {
        r.address: paths
        for r in desired
        if r.address.platform == META and (paths := unsent_card_settings(r.fields))
    }
    recorded = session.store.recorded(record.accounts, with_fields=False)
    # Likewise the criterion types a campaign's spec names (``Resource.named_types``: a device at 1.0), never
    # recorded: taken from the specs now, so a restore leaves alone what a plan leaves alone, no more.
    named = session.named_types(record.accounts)
    for resource in desired:
        now = recorded.get(resource.address)
        if now is not None:
            resource.on_remove = now.on_remove
        resource.named_types = named.get(resource.address, ())
    # What MIDAS left alone then and records now (a spec took it over since) goes back to the console as it
    # is now: its record dropped, the object untouched (never deleted: the console made it).
    noted = left_alone_of(record)
    ids = {(a.platform, a.account, i) for a, i in noted.items() if i}
    hand_back = {
        address
        for address, now in recorded.items()
        if address in noted or (address.platform, address.account, now.platform_id) in ids
    }
    outcome = session.plan(
        record.accounts,
        desired=desired,
        allow_destroy=allow_destroy,
        fingerprints=False,
        hand_back=hand_back,
        as_live=dict.fromkeys(unmapped, (f"{MEDIA_OPTIONS}.images",)),
    )
    plan = outcome.plan
    plan.warnings += [unmapped_images_kept(a, record.name, images) for a, images in unmapped.items()]
    handed = []
    for change in plan.changes:
        # Only a change that leaves the object as it is reads as handed back: any other keeps its own words.
        if change.action is Action.NOOP and (change.address in hand_back or change.moved_from in hand_back):
            change.reason = _handed_back(record.name)
            change.warnings = []
            handed.append(change.address)
            continue
        change.reason = snapshot_reason(change.reason, record.name)
        if unheld.get(change.address) and change.action in (Action.CREATE, Action.REPLACE):
            change.warnings.append(unheld_feed_dropped(change.address, record.name, unheld[change.address]))
        if change.address in options and change.action in (Action.CREATE, Action.REPLACE):
            option = options[change.address]
            change.warnings.append(format_option_dropped(change.address, record.name, option))
        if change.address in unsent and change.action in (Action.CREATE, Action.REPLACE):
            change.warnings.append(card_settings_dropped(change.address, record.name, unsent[change.address]))
    # The planner's notes on what it leaves alone (a console's product filter) are told for the restore, by
    # their addresses; that on one handed back gives way to the restore's own.
    notes = {address: _left_alone_note(note, record.name) for address, note in plan.left_alone.items()}
    plan.retell_left_alone({**notes, **dict.fromkeys(handed)})
    plan.warnings += [left_alone_warning(address, _handed_back(record.name)) for address in handed]
    return outcome


def _handed_back(name: str) -> str:
    return f"left alone in snapshot {name!r}: handed back to the console as it is now"


def _left_alone_note(note: str, name: str) -> str:
    """The planner's ``note`` on what it leaves alone (``Plan.left_alone``) told for a restore of snapshot
    ``name``: no spec is the desired state there, so that on a product filter (``PRODUCT_FILTER_LEFT_ALONE``)
    says what the restore changes instead; another note is kept as it is."""
    if note != PRODUCT_FILTER_LEFT_ALONE:
        return note
    return (
        f"a product filter set in the console is left alone: MIDAS never applied it, and restoring snapshot "
        f"{name!r} changes only what MIDAS manages"
    )


def unheld_feed_dropped(address: Address, name: str, paths: Sequence[str]) -> str:
    """The warning that a creative a restore of snapshot ``name`` makes anew (created or replaced), or its
    spec written by ``--write-specs``, is without the other contents of its asset feed the snapshot holds
    (``paths``), which MIDAS never sends."""
    return (
        f"{address}: snapshot {name!r} holds its asset feed's other contents ({', '.join(paths)}), which "
        "MIDAS never sends: the restored creative runs without them"
    )


def _without_unmapped_images(resource: Resource) -> list[str]:
    """The further images of a Meta creative (``media_options.images``) that a restore cannot send, taken out
    of its ``resource.fields``: a feed of both kinds (``spec._meta_media_options.mixed_images``) — a snapshot
    taken before MIDAS held images of the library read each image of a story's ``image_hash`` by the URL
    Meta echoes (its CDN copy, the story's own among them), which cannot be mapped back to the library's
    hashes. ``restore_plan`` keeps the live creative's images as they are (``unmapped_images_kept``)."""
    address, fields = resource.address, resource.fields
    if address.platform != META or address.kind != "adcreative" or not mixed_images(fields):
        return []
    options = dict(fields[MEDIA_OPTIONS])
    images = list(options.pop("images"))
    resource.fields = {k: v for k, v in fields.items() if k != MEDIA_OPTIONS}
    if options:
        resource.fields[MEDIA_OPTIONS] = options
    return images


def unmapped_images_kept(address: Address, name: str, images: Sequence[str]) -> str:
    """The warning that a restore of snapshot ``name`` never sends a creative's further ``images`` it holds of
    another kind than its story's image (``_without_unmapped_images``), leaving those live as they are."""
    return (
        f"{address}: snapshot {name!r} holds further images ({', '.join(images)}) not all of its story "
        "image's kind (by URL beside its image_hash: a snapshot taken before MIDAS held images of the "
        "library read them by the URLs Meta echoes), which cannot be mapped back to the library's hashes: "
        "MIDAS never sends them (a feed is of one kind), and the restore leaves the creative's further "
        "images as they are live (a creative it makes anew carries those, none where none is live or where "
        "they are not of its story image's kind either)"
    )


def format_option_dropped(address: Address, name: str, option: Any) -> str:
    """The warning that a catalog template a restore of snapshot ``name`` makes anew (created or replaced),
    or its spec written by ``--write-specs``, is without the ``format_option`` the snapshot holds beside
    settings of another format (``resources.TEMPLATE_FORMAT_OPTION``), which MIDAS never sends."""
    return (
        f"{address}: snapshot {name!r} holds its template's format_option {option!r}, which MIDAS never "
        "sends (beside the settings, which decide its format): the restored creative runs without it"
    )


def card_settings_dropped(address: Address, name: str, paths: Sequence[str]) -> str:
    """The warning that a creative a restore of snapshot ``name`` makes anew (created or replaced) is without
    the settings of its cards the snapshot holds (``paths``: ``static_cards_before[0].image_crops`` …), which
    MIDAS never sends (``meta_graph.unsent_card_settings``)."""
    return (
        f"{address}: snapshot {name!r} holds settings of its cards ({', '.join(paths)}), which MIDAS never "
        "sends: the restored creative runs without them, and drift reports them missing until the next apply "
        "refreshes its records"
    )


def _as_created(resource: Resource) -> Resource:
    """``resource`` as the specs would want it: without the id it had then (the live object may be gone, a
    replaced ad or creative: a desired object with an id is one an interrupted apply made, which the plan
    adopts rather than makes), and with what creating it takes but a snapshot does not keep: a Google Demand
    Gen ad's name, which diff never compares (so the live read keeps it in the address only), is its
    creative's, as compile names it — a restore re-creating a deleted one sends it as an apply does. A Meta
    creative read with text options beside its story's own texts (a console's feed, or Ads Manager's shape)
    is as MIDAS makes one opting in: every text in the feed, none in the story (``folded``), so what the
    restore sends is what its plan shows, and its record holds the feed (a console removing it is drift).
    One of more further images (videos) than a feed takes (``spec._meta_media_options.beyond_max``) keeps
    them unsent, as other contents of its feed MIDAS never sends, the plan warning so."""
    resource.platform_id = None
    address = resource.address
    if address.platform == META and address.kind == "adcreative":
        # Not when the story's texts folded in would be more than Meta takes: then sent as it ran, beside.
        if beside_own_texts(resource.fields) and fits((merged := folded(resource.fields))[TEXT_OPTIONS]):
            resource.fields = merged
        # Not several images or videos past what a feed takes, even without the story's own: kept unsent
        # (its restore plan says so, as of other contents of the feed), never a failing write.
        if over := beyond_max(resource.fields):
            kinds = {path.removeprefix("asset_feed_spec.") for path in over}
            options = {k: v for k, v in resource.fields[MEDIA_OPTIONS].items() if k not in kinds}
            resource.fields = {k: v for k, v in resource.fields.items() if k != MEDIA_OPTIONS}
            resource.fields[UNHELD_FEED] = {**(resource.fields.get(UNHELD_FEED) or {}), **over}
            if options:
                resource.fields[MEDIA_OPTIONS] = options
    if (
        address.platform == GOOGLE
        and address.kind == AD_KIND
        and resource.fields.get("type") in GOOGLE_DEMAND_GEN_ADS
        and not resource.fields.get("name")
    ):
        resource.fields["name"] = segment_name(address.path.rsplit("/", 1)[-1])
    return resource


#: The planner's reasons for a field to change, all of which mean "back to the snapshot" in a restore.
_RETURNING = re.compile(
    r"^(?:changed on the platform since the last apply, restoring|changed on the platform and in the specs"
    r"|spec changed|differs from the specs): (.+)$"
)
#: The planner's words for the specs, as a restore's desired state: the snapshot.
_SPEC_WORDS = (
    (
        "product_groups removed from the specs — deleting the product filter",
        "no product filter in snapshot {name} — deleting it",
    ),
    ("deleted out of band — re-creating", "in snapshot {name}, deleted since — re-creating"),
    (
        "reset to 1.0 (no adjustment) out of band — setting it again",
        "in snapshot {name}, reset to 1.0 (no adjustment) since — setting it again",
    ),
    ("new in specs", "in snapshot {name} — creating"),
    ("removed from the specs", "not in snapshot {name}"),
    ("matches the specs", "as in snapshot {name}"),
)


def snapshot_reason(reason: str, name: str) -> str:
    """A planner's ``reason`` told for a restore of snapshot ``name``: the snapshot, not the specs, is the
    desired state, so changed fields go ``back to snapshot NAME`` (in one part, however the planner split
    them) and what it lacks is ``not in snapshot NAME``. Other reasons (renames, replacements) are kept."""
    parts: list[str] = []
    returning: list[str] = []
    for part in reason.split("; "):
        match = _RETURNING.match(part)
        if match is None:
            parts.append(part)
            continue
        if not returning:
            parts.append("")  # where the merged part goes
        returning.append(match[1])
    text = "; ".join(p or f"back to snapshot {name!r}: {', '.join(returning)}" for p in parts)
    for planner_words, restore_words in _SPEC_WORDS:
        text = text.replace(planner_words, restore_words.format(name=repr(name)))
    return text


def _keep_spec_only_parts(document: dict[str, Any], existing: Any) -> None:
    """What only the spec knows (its labels, what to do on removal) survives the rewrite."""
    if existing.metadata.labels:
        document["metadata"]["labels"] = dict(existing.metadata.labels)
    lifecycle = existing.spec.lifecycle
    if lifecycle.on_remove != "pause":
        document["spec"]["lifecycle"] = {"on_remove": lifecycle.on_remove}


def _file_of(
    session: Any,
    existing: Any,
    what: str,
    default: str,
    problems: list[str],
    out: _Rewrite,
    result: WrittenSpecs,
) -> Path:
    """Where a restored document goes: the file of its spec (``_spec_file``), else ``specs/<default>``
    when free (``_free_file``)."""
    if existing is None:
        return _free_file(session, what, default, out, result)
    return _spec_file(session, existing, what, problems)


def _spec_file(session: Any, existing: Any, what: str, problems: list[str]) -> Path:
    """The file of spec ``existing``, with a problem when it holds other documents too."""
    if sum(1 for d in session.workspace.documents() if d.file == existing.file) > 1:
        problems.append(f"{existing.file} holds other documents besides {what}; split it first")
    return Path(session.root / existing.file)


def _free_file(session: Any, what: str, default: str, out: _Rewrite, result: WrittenSpecs) -> Path:
    """``specs/<default>``, or when that file is taken (it exists and stays, or another restored document
    goes there) the first free ``specs/<default stem>-N.yaml``, with a note: never another's file."""
    wanted = Path(session.root / "specs" / default)
    file, number = wanted, 1
    while file in out.texts or (file.exists() and file not in result.removed):
        number += 1
        file = wanted.with_name(f"{wanted.stem}-{number}{wanted.suffix}")
    if file != wanted:
        shown = wanted.relative_to(session.root).as_posix()
        held = [
            f"{_kind_words(d.kind)} {d.name!r}"
            for d in session.workspace.documents()
            if session.root / d.file == wanted
        ]
        taken = f"holds {', '.join(held)}" if held else "exists"
        result.notes.append(
            f"{shown} {taken}: {what} is written to {file.relative_to(session.root).as_posix()}"
        )
    return file


def _kind_words(kind: str) -> str:
    """A document kind as words: ``SharedBudget`` → ``shared budget``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", kind).lower()


@dataclass
class WrittenSpecs:
    """What ``write_specs`` did: the files it wrote, the specs it left as they are (they already compile
    to the snapshot), and what the user must know (a budget policy kept though the snapshot's differs)."""

    files: list[Path] = field(default_factory=list)
    #: The spec files removed, each with why: their campaigns were made (or renamed) after the snapshot.
    removed: dict[Path, str] = field(default_factory=dict)
    #: The written files that held a campaign the snapshot does not, each with why its document went.
    replaced: dict[Path, str] = field(default_factory=dict)
    matching: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Rewrite:
    """The documents ``write_specs`` writes, as text by file, and as verified (plain, by scratch file name)
    with the campaign trees they must compile to."""

    texts: dict[Path, str] = field(default_factory=dict)
    verified: dict[str, dict[str, Any]] = field(default_factory=dict)
    trees: list[CampaignTree] = field(default_factory=list)

    def scratch_name(self, file: Path) -> str:
        """The name ``file`` is verified under: its path under specs/, which errors then name as it is."""
        parts = file.parts
        if "specs" not in parts:
            return file.name
        return "/".join(parts[len(parts) - parts[::-1].index("specs") :])


def _without_removed(resources: Sequence[Resource], specified: set[Address]) -> list[Resource]:
    """The snapshot but what it holds paused that no spec holds any more — a campaign, ad group, asset group
    or ad removed from the specs (a removal pauses it), with everything under it: the specs left it out on
    purpose, and it runs no more than the snapshot says. One the snapshot holds running is brought back."""
    heads = {
        r.address
        for r in resources
        if r.address not in specified
        and is_stopped(r)
        and (is_level_head(r.address) or r.address.kind in AD_KINDS)
    }
    if not heads:
        return list(resources)
    # A Meta ad's creative shares its path; whatever lies under a removed campaign or group has it as head.
    paths = {(a.platform, a.account, a.path) for a in heads}

    def removed(address: Address) -> bool:
        if (address.platform, address.account, address.path) in paths:
            return True
        return any(level.head_of(address) in heads for level in LEVELS)

    return [r for r in resources if not removed(r.address)]


def _without_orphaned_creatives(resources: Sequence[Resource]) -> list[Resource]:
    """The snapshot but the Meta creatives no ad of it runs: deleting an ad (or its ad set) in a console
    leaves its creative live (and recorded, so snapshotted), which no spec can hold: a spec's creative is
    an ad's."""
    ads = {
        (r.address.platform, r.address.account, r.address.path) for r in resources if r.address.kind == "ad"
    }
    return [
        r
        for r in resources
        if r.address.kind != "adcreative" or (r.address.platform, r.address.account, r.address.path) in ads
    ]


def write_specs(session: Any, name: str) -> WrittenSpecs:
    """Make the specs say snapshot ``name``: a campaign or shared budget whose spec already compiles to it is
    left untouched; another's YAML is edited as little as it takes (``importing.rewrite``: comments, order
    and unchanged keys kept), what the spec holds for accounts outside the snapshot kept as it compiles now;
    a budget policy is kept, and a note says when the snapshot's budget differs from what it gives. Every
    edit is verified to compile back to the snapshot exactly (and, for the other accounts, to what the spec
    compiles to now). A spec file is edited when it holds that campaign or shared budget alone; one no spec
    holds any more is written to ``specs/<name>.yaml`` (a shared budget:
    ``specs/shared-budget-<name>.yaml``), or ``specs/<name>-N.yaml`` when another document's file is there."""
    record = restorable(session, name)
    result = WrittenSpecs()
    recorded = session.store.recorded(record.accounts, with_fields=False)
    resources = resources_of(record) + _kept_as_taken_over(session, record, recorded, result)
    for resource in resources:
        # What no spec can say and MIDAS never sends: the specs are written without it, as a restore does.
        if paths := sorted(resource.fields.pop(UNHELD_FEED, None) or {}):
            result.notes.append(unheld_feed_dropped(resource.address, name, paths))
        if option := resource.fields.pop(TEMPLATE_FORMAT_OPTION, None):
            result.notes.append(format_option_dropped(resource.address, name, option))
        # Booking modifiers a snapshot taken before MIDAS managed them noted alone: no spec can say them from
        # that note either, so the specs are written without them, told (not refused).
        result.notes += [f"{resource.address}: {n}" for n in resource.warnings if predates_bookings(n)]
        resource.warnings = tuple(n for n in resource.warnings if not predates_bookings(n))
    trees = campaign_trees(resources)
    importer = Importer(session)
    importer.learn_names(trees)
    importer.learn_shared_budgets(resources)
    overrides = optimizer_workspace.budget_overrides(optimizer_workspace.for_session(session))
    compiled = importer.compile_workspace(session.accounts(None), overrides)
    renamed = _renamed_specs(session, record, resources, compiled, recorded)
    # A campaign renamed in its spec since is specified still, under the snapshot's name once renamed back.
    specified = renamed_campaigns(compiled, {now: was for was, now in renamed.items()})
    resources = _without_removed(_without_orphaned_creatives(resources), {r.address for r in specified})
    resources = at_live_group_names(resources)
    trees = campaign_trees(resources)
    # The shared budgets the specs fund campaigns with in the other accounts, for their part of the specs.
    importer.learn_shared_budgets(r for r in compiled if r.address.account not in record.accounts)
    by_name: dict[str, list[CampaignTree]] = {}
    for tree in trees:
        # A snapshot holds campaigns at the addresses MIDAS records, under their unified names: one renamed
        # in a console is still that campaign (as to the plan), its new name the platform's own
        # (``google.name`` / ``meta.name``), not another campaign's.
        by_name.setdefault(segment_name(tree.address.campaign), []).append(tree)
    problems: list[str] = []
    out = _Rewrite()
    header = [f"Restored by `midas restore --write-specs` from snapshot {name!r}."]
    # First what goes: a file it frees is where a restored campaign may be written (``_free_file``).
    renamed = {was: now for was, now in renamed.items() if was in by_name}
    for campaign in sorted(set(session.workspace.campaigns) - set(by_name)):
        if campaign in renamed.values():
            continue  # its spec is edited back to the snapshot's name below
        _made_since(session, record, resources, campaign, compiled, recorded, result, problems)
    for budget in importer.shared_live(trees):
        _shared_budget(session, budget, compiled, header, out, result, problems)
    for campaign, group in sorted(by_name.items()):
        spec_name = renamed.get(campaign, campaign)
        existing = session.workspace.campaigns.get(spec_name)
        own = _campaign_resources(compiled, spec_name, lambda account: account in record.accounts)
        if existing is not None and not residuals(own, [r for t in group for r in t.all()]):
            result.matching.append(f"campaign {campaign!r}")
            continue
        # What the spec holds for accounts the snapshot does not: kept as it compiles now (a campaign renamed
        # since keeps its new name there as its platform's own, so only MIDAS's records of it move back).
        outside = _campaign_resources(compiled, spec_name, lambda account: account not in record.accounts)
        others = campaign_trees(renamed_campaigns(outside, {spec_name: campaign}) if outside else [])
        if spec_name != campaign:
            result.notes.append(
                f"campaign {spec_name!r} is snapshot {name!r}'s campaign {campaign!r} renamed since: its "
                f"spec is renamed back; the next apply renames it back, as `midas restore {name}` does"
            )
        everything = [*group, *(others if existing is not None else [])]
        views = [importer.view(t) for t in sorted(everything, key=lambda t: t.address.platform)]
        if existing is not None:
            for view in views:
                _asset_group_creatives_as_written(view, existing.spec)
        document, found = unified_document(views, campaign)
        problems += found
        what = f"campaign {campaign!r}"
        file = _file_of(session, existing, what, f"{slug(campaign)}.yaml", problems, out, result)
        if existing is None:
            out.texts[file] = render_document(document, header)
            out.verified[out.scratch_name(file)] = document
            out.trees += everything
            result.notes.append(
                f"campaign {campaign!r} has no spec: written from the snapshot's live state alone, without "
                "what only its deleted spec said (metadata.labels, which budget policies may select it by, "
                "comments) — take those back from git history"
            )
            continue
        if found or problems:
            continue
        _keep_spec_only_parts(document, existing)
        now = [importer.view(t) for t in campaign_trees(own)]
        _edit_campaign(name, importer, existing, file, document, everything, (views, now), out, result)
    if problems:
        raise _unwritable("the snapshot cannot be written as specs", problems)
    problems = importer.verify(out.verified, out.trees)
    if problems:
        raise _unwritable("the snapshot cannot be written as specs exactly", problems)
    problems = _load_problems(session, out.texts, result.removed) if out.texts or result.removed else []
    if problems:
        raise _unwritable(
            "the specs as written would not load, so nothing is written (edit what names a campaign whose "
            "spec goes, such as a budget policy's scope, then run it again)",
            problems,
        )
    for file in out.texts.keys() & result.removed.keys():
        # The file of a campaign the snapshot does not hold is where one it holds is written (its spec's
        # default file): its document goes, the file stays.
        result.replaced[file] = result.removed.pop(file)
    for file, text in out.texts.items():
        file.parent.mkdir(parents=True, exist_ok=True)
        write_spec_text(file, text)
    for file in result.removed:
        file.unlink()
    result.files = sorted(out.texts)
    return result


def _kept_as_taken_over(
    session: Any, record: SnapshotRecord, recorded: Mapping[Address, Any], result: WrittenSpecs
) -> list[Resource]:
    """What the snapshot noted left alone (``left_alone_of``) that MIDAS records now (``recorded``), live
    as it is now: the specs written keep it as the spec has it, so the next plan never deletes what a console
    made (a restore hands it back to the console instead, ``restore_plan``). At the noted address, found
    there or by the noted id: one found by id in its campaign renamed since is moved back into the
    snapshot's campaign, refs included, where the written spec (renamed back, ``_renamed_specs``) holds it."""
    noted = left_alone_of(record)
    if not noted:
        return []
    at_id = {(a.platform, a.account, i): a for a, i in noted.items() if i}
    live = session.read_live(record.accounts, for_import=True)
    kept: dict[Address, Resource] = {}
    for resource in (r for account in record.accounts for r in live[account] if r.address in recorded):
        address = at_id.get((resource.address.platform, resource.address.account, resource.platform_id))
        if address is None and resource.address in noted:
            address = resource.address
        if address is None or address in kept:
            continue
        if address.campaign != resource.address.campaign:
            aliases = {segment_name(resource.address.campaign): segment_name(address.campaign)}
            [resource] = renamed_campaigns([resource], aliases)
        kept[address] = replace(resource, address=address)
        result.notes.append(
            f"{address}: left alone in snapshot {record.name!r}; kept as the spec has it — "
            f"`midas restore {record.name}` hands it back to the console instead"
        )
    return list(kept.values())


def _made_since(
    session: Any,
    record: SnapshotRecord,
    resources: Sequence[Resource],
    campaign: str,
    compiled: Sequence[Resource],
    recorded: dict[Address, Resource],
    result: WrittenSpecs,
    problems: list[str],
) -> None:
    """A campaign the specs run in the snapshot's accounts that the snapshot does not hold, and that MIDAS
    records there (applied), was made since (or renamed since while another spec took its old name: else its
    spec is renamed back, ``_renamed_specs``): its spec goes (the file holding it alone), so the next apply
    removes it as ``restore NAME`` does (``lifecycle.on_remove``: paused by default), rather than undo the
    restore. One never applied is left alone, and one that also runs in accounts outside the snapshot is the
    user's to split."""
    if not _campaign_resources(compiled, campaign, lambda account: account in record.accounts):
        return  # it runs in other accounts only (or nowhere yet): not the snapshot's to say
    existing = session.workspace.campaigns[campaign]
    what = f"campaign {campaign!r}"
    if not any(a.campaign == campaign for a in recorded):
        # MIDAS made nothing of it: a spec not applied yet is the user's work in progress, not a change
        # since the snapshot.
        result.notes.append(
            f"{what} is not in snapshot {record.name!r} but was never applied: its spec is left as it is "
            "(the next apply creates it)"
        )
        return
    # Renamed since, yet not renamed back (``_renamed_specs``): another spec has taken the snapshot's name,
    # and that one is written as the snapshot's campaign.
    was = _renamed_from(resources, campaign, recorded)
    since = (
        "made since" if was is None else f"its campaign {was!r} renamed since, a name another spec has taken"
    )
    if _campaign_resources(compiled, campaign, lambda account: account not in record.accounts):
        problems.append(
            f"{what} is not in snapshot {record.name!r} ({since}) but runs in accounts outside it too: "
            f"remove its platforms of {', '.join(record.accounts)} from {existing.file} by hand"
        )
        return
    file = _spec_file(session, existing, what, problems)
    pausing = existing.spec.lifecycle.on_remove == "pause"
    removal = "pauses it" if pausing else "deletes it (lifecycle.on_remove)"
    as_restore = f", as `midas restore {record.name}` does" if was is None else ""
    result.removed[file] = (
        f"{what} is not in snapshot {record.name!r} ({since}); the next apply {removal}{as_restore}"
    )


def _renamed_specs(
    session: Any,
    record: SnapshotRecord,
    resources: Sequence[Resource],
    compiled: Sequence[Resource],
    recorded: dict[Address, Resource],
) -> dict[str, str]:
    """Snapshot campaign name → the name its spec gives it now, for each campaign renamed in its spec since
    the snapshot (applied: MIDAS records it by the snapshot's platform ids) whose old name no spec holds:
    that spec is the snapshot's campaign, to edit back to its name, not one made since."""
    renamed: dict[str, str] = {}
    for campaign in sorted(session.workspace.campaigns):
        if not _campaign_resources(compiled, campaign, lambda account: account in record.accounts):
            continue
        was = _renamed_from(resources, campaign, recorded)
        if was is not None and was != campaign and was not in session.workspace.campaigns | renamed:
            renamed[was] = campaign
    return renamed


def _renamed_from(
    resources: Sequence[Resource], campaign: str, recorded: dict[Address, Resource]
) -> str | None:
    """The name a snapshot (its ``resources``) holds ``campaign`` under when it was renamed since (MIDAS's
    record of it is of a campaign the snapshot holds, by platform id), else None."""
    ids = {
        (a.platform, a.account, r.platform_id)
        for a, r in recorded.items()
        if a.campaign == path_segment(campaign) and CAMPAIGN_LEVEL.is_one(a) and r.platform_id
    }
    return next(
        (
            segment_name(r.address.campaign)
            for r in resources
            if CAMPAIGN_LEVEL.is_one(r.address)
            and (r.address.platform, r.address.account, r.platform_id) in ids
        ),
        None,
    )


def _load_problems(session: Any, texts: dict[Path, str], removed: Collection[Path]) -> list[str]:
    """Why the whole workspace, with ``texts`` written and ``removed`` gone, would not load ([]: it loads):
    the other documents may name what goes (a budget policy its campaigns)."""

    def relative(file: Path) -> str:
        return file.relative_to(session.root).as_posix()

    replacing = {relative(f): text for f, text in texts.items() if f.exists()}
    replacing |= {relative(f): "" for f in removed}
    pending = {relative(f): text for f, text in texts.items() if not f.exists()}
    try:
        load_workspace(session.root, pending=pending, replacing=replacing)
    except SpecError as error:
        return [str(issue) for issue in error.issues]
    return []


def _asset_group_creatives_as_written(view: PlatformView, spec: Any) -> None:
    """A Performance Max asset group keeps no name for the creative it is made of: read back, it runs one of
    its own name (``importing.derive``). Named as the spec's group of that name runs it (its one creative on
    Google), so that it stays the creative the spec shares with Meta, not a Google-only one beside it."""
    if view.platform != GOOGLE or view.options.get("channel") != "performance_max":
        return
    written = {group.name: group_creatives(spec, group, GOOGLE) for group in ad_groups(spec, GOOGLE)}
    for group in view.groups:
        creatives = written.get(group.name, [])
        if group.creatives != [group.name] or len(creatives) != 1:
            continue
        name = creatives[0].name
        if name == group.name or name in view.creatives or group.name not in view.creatives:
            continue
        creative = view.creatives.pop(group.name)
        creative.name = name
        view.creatives[name] = creative
        group.creatives = [name]
        group.paused = {name if c == group.name else c for c in group.paused}


def _unwritable(what: str, problems: list[str]) -> MidasError:
    return MidasError(f"{what}:\n" + "\n".join(f"  - {p}" for p in problems))


def _campaign_resources(
    compiled: Sequence[Resource], campaign: str, of_account: Callable[[str], bool]
) -> list[Resource]:
    return [
        r
        for r in compiled
        if r.address.campaign == campaign
        and of_account(r.address.account)
        and not is_shared_budget(r.address)
    ]


def _shared_budget(
    session: Any,
    budget: Resource,
    compiled: Sequence[Resource],
    header: list[str],
    out: _Rewrite,
    result: WrittenSpecs,
    problems: list[str],
) -> None:
    document = live_shared_budget_document(budget, session.settings.accounts[budget.address.account].currency)
    if document is None:
        return  # the campaigns' views tell the problem
    budget_name = document["metadata"]["name"]
    existing = session.workspace.shared_budgets.get(budget_name)
    now = [r for r in compiled if r.address == budget.address]
    if existing is not None and not residuals(now, [budget]):
        result.matching.append(f"shared budget {budget_name!r}")
        return
    what = f"shared budget {budget_name!r}"
    file = _file_of(session, existing, what, f"shared-budget-{slug(budget_name)}.yaml", problems, out, result)
    out.verified[out.scratch_name(file)] = document
    if existing is None:
        out.texts[file] = render_document(document, header)
    else:
        out.texts[file] = rewrite.dump(
            rewrite.edited(rewrite.load(file.read_text(encoding="utf-8")), document)
        )


def _edit_campaign(
    name: str,
    importer: Importer,
    existing: Any,
    file: Path,
    document: dict[str, Any],
    trees: list[CampaignTree],
    views: tuple[list[PlatformView], list[PlatformView]],
    out: _Rewrite,
    result: WrittenSpecs,
) -> None:
    """``existing``'s file edited toward ``document`` (see ``write_specs``), verified against ``trees``;
    ``views``: the snapshot's and what the spec compiles to now in its accounts (a policy's budget)."""
    shared = {key: d for key, d in out.verified.items() if d["kind"] == "SharedBudget"}
    written = file.read_text(encoding="utf-8")

    def exact(candidate: dict[str, Any]) -> bool:
        return not importer.verify({**shared, file.name: candidate}, trees)

    policy = existing.spec.budget.policy if "budget" in document["spec"] else None
    before = rewrite.load(written)
    spelled_as_written(document, before)
    if policy is not None:
        # Verified with the snapshot's amounts (the scratch workspace has no policies), written with the
        # policy: it shares its total among its campaigns, and a fixed budget would change theirs too.
        before["spec"]["budget"] = rewrite.node(document["spec"]["budget"])
    edited = None
    for candidate in (_creatives_as_written(document, rewrite.plain(before)), document):
        by_share = _split_by_share(candidate, before) if candidate is not None else None
        for wanted in (by_share, candidate):
            if edited is None and wanted is not None:
                edited = rewrite.rewritten(before, wanted, exact)
    if edited is None:
        edited = rewrite.load(render_document(document, []))
    else:
        edited = rewrite.without_restated_targeting(edited, rewrite.load(written), exact)
    out.verified[out.scratch_name(file)] = rewrite.plain(edited)
    out.trees += trees
    if policy is not None:
        edited["spec"]["budget"] = rewrite.load(written)["spec"]["budget"]
        result.notes += _policy_notes(name, document["metadata"]["name"], policy, *views)
    text = rewrite.dump(edited)
    if text != written:
        out.texts[file] = text


def _creatives_as_written(document: dict[str, Any], written: dict[str, Any]) -> dict[str, Any] | None:
    """``document`` with the creatives the ``written`` spec gives no primary_text said its way where that
    may be the same (None: none is): Google sorts descriptions, so read back a creative's Meta body is its
    primary_text, which the spec says as its first description instead. Verified like any edit."""
    old = {
        c.get("name"): c for c in (written.get("spec") or {}).get("creatives") or [] if isinstance(c, dict)
    }
    creatives, changed = [], False
    for creative in document["spec"].get("creatives") or []:
        was = old.get(creative.get("name")) or {}
        descriptions = list(was.get("descriptions") or [])
        if (
            "primary_text" in creative
            and "primary_text" not in was
            and descriptions[:1] == [creative["primary_text"]]
            and sorted(descriptions) == sorted(creative.get("descriptions") or [])
        ):
            creative = {k: v for k, v in creative.items() if k != "primary_text"} | {
                "descriptions": descriptions
            }
            changed = True
        creatives.append(creative)
    return {**document, "spec": {**document["spec"], "creatives": creatives}} if changed else None


def _split_by_share(document: dict[str, Any], written: Any) -> dict[str, Any] | None:
    """``document`` with its budget split by amount said by share, as the ``written`` spec says its own
    (None when it does not, or no share of at most 4 decimal places gives the amounts): a restore keeps
    the spec's way of splitting."""
    budget = document["spec"].get("budget") or {}
    split, was = budget.get("split") or {}, ((written.get("spec") or {}).get("budget") or {}).get("split")
    total = budget.get("daily", budget.get("lifetime"))
    if split.get("by") != "amount" or not isinstance(was, dict) or was.get("by") != "share" or not total:
        return None
    shares = {p: Decimal(str(a)) / Decimal(str(total)) for p, a in split.items() if p != "by"}
    if sum(shares.values()) != 1 or any(s != s.quantize(Decimal("0.0001")) for s in shares.values()):
        return None
    share_split = {"by": "share", **{p: s.normalize() for p, s in shares.items()}}
    return {**document, "spec": {**document["spec"], "budget": {**budget, "split": share_split}}}


def _policy_notes(
    name: str, campaign: str, policy: str, snapshot: list[PlatformView], now: list[PlatformView]
) -> list[str]:
    notes = []
    for then in snapshot:
        given = next((v for v in now if (v.platform, v.account) == (then.platform, then.account)), None)
        if given is None or given.amount == then.amount:
            continue
        notes.append(
            f"campaign {campaign!r} keeps `budget: {{policy: {policy}}}`, which gives "
            f"{money.format_amount(given.amount, given.currency)} a day on {then.account}; snapshot {name!r} "
            f"has {money.format_amount(then.amount, then.currency)}: the next apply sets the policy's amount "
            "(to keep the snapshot's, give the campaign a fixed budget or change the policy)"
        )
    return notes
