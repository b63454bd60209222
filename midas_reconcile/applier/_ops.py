"""Turning one account's plan changes into write operations, in the order they must be sent.

See step 1 of the ``applier`` package docstring for what each action sends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from midas_reconcile.connectors.base import WriteAction
from midas_reconcile.connectors.google_ad_schedule import AD_SCHEDULE, MAX_SLOTS_PER_DAY, minutes_of
from midas_reconcile.errors import PlanError
from midas_reconcile.plan import Action, Change
from midas_reconcile.resources import (
    FIELDS,
    GOOGLE,
    GOOGLE_CRITERION_KINDS,
    GOOGLE_DYNAMIC_AD_GROUP,
    META,
    META_BUDGET_FIELDS,
    Address,
    Resource,
    is_audience_ref,
)
from midas_reconcile.spec._google_ad_group_devices import KIND as DEVICE_MODIFIER
from midas_reconcile.spec._google_ad_group_devices import is_group_device_address
from midas_reconcile.spec._google_devices import is_device_address
from midas_reconcile.spec._google_hotel_bookings import booking_range, ranges_overlap
from midas_reconcile.spec._meta_dynamic_creative import ADSET_FIELD as DYNAMIC_ADSET_FIELD

PAUSED: Final = "PAUSED"


@dataclass(eq=False, slots=True)
class Op:
    """One write to make (or to settle locally), bound to its plan change.

    Slotted, and a create shares its desired resource's ``fields`` and ``refs`` (never changed after
    compilation) rather than copying them: an apply holds one op per change, 100,000s of them.
    """

    index: int  # the change's position in the plan: outcomes are keyed by it
    change: Change
    action: WriteAction
    fields: Mapping[str, Any]
    refs: Mapping[str, Address]  # references to send, resolved per batch
    platform_id: str | None = None
    #: Removes the old object of a REPLACE (the new one is created by the change's main op).
    old_half: bool = False
    #: Addresses that must not have failed before this op is sent (besides refs and containers).
    waits_for: tuple[Address, ...] = ()
    #: Settled without a call: failure message or applied message.
    error: str = ""
    local: str = ""
    attempts: int = 0
    #: Platform operations this op takes (``Connector.operation_cost``), once known.
    cost: int = 0
    #: Updates whose new values this op's write carries too (``WriteOp.companions``).
    companions: tuple[Op, ...] = ()
    #: Of a REPLACE's create: the old half that follows it at once and goes in the same batch.
    pair: Op | None = None
    #: What it waits for goes in an earlier batch (settled), not only before it in the same one.
    waits_settled: bool = False
    #: Of an update sent in two: the part sent ahead of the rest, which records what it changed but leaves
    #: the change's outcome to the rest (``_schedule_cleared_before_handover``); the op it goes ahead of.
    lead_for: Op | None = None

    @property
    def lead(self) -> bool:
        return self.lead_for is not None

    @property
    def address(self) -> Address:
        return self.change.address


def operations(changes: Sequence[tuple[int, Change]]) -> list[Op]:
    """Write operations for one account's changes, in the order they must be sent."""
    first: list[Op] = []
    last: list[Op] = []
    for index, change in changes:
        before, after = change.before, change.after
        old_id = before.platform_id if before else None
        if change.action is Action.CREATE and after is not None:
            first.append(Op(index, change, "create", after.fields, after.refs))
        elif change.action is Action.REPLACE and after is not None:
            # An id on the new object: an interrupted apply made it (``planner.replacements_made``), or an
            # apply whose old object's delete did not go through (``planner.replacements_left_behind``), so
            # its create is settled as made, and the rest of the replacement goes as usual.
            made = "made by an earlier apply; adopted" if after.platform_id else ""
            first.append(Op(index, change, "create", after.fields, after.refs, after.platform_id, local=made))
            if old_id is not None and not change.keeps_old:
                last.append(Op(index, change, "delete", {}, {}, old_id, old_half=True))
            last.extend(Op(index, change, "delete", {}, {}, i, old_half=True) for i in change.removes_too)
        elif change.action is Action.UPDATE and after is not None:
            fields, refs = changed(change, after)
            local = "" if fields or refs else "no field to send"
            first.append(Op(index, change, "update", fields, refs, old_id, local=local))
        elif change.action is Action.PAUSE:
            # And the marker, on an object MIDAS owns without it (``planner``: a label link refused); not
            # the status of one stopped already (only its marker is planned).
            marker = {f.path: f.after for f in change.fields if f.path != "status"}
            stopped = change.fields and not any(f.path == "status" for f in change.fields)
            local = ""
            if not marker and before is not None and before.fields.get("status") == PAUSED:
                local = "already paused"
            elif not marker and "status" not in FIELDS[(change.address.platform, change.address.kind)]:
                local = f"a {change.address.kind} has no status: it stops serving with its parent"
            fields = {**({} if stopped else {"status": PAUSED}), **marker}
            first.append(Op(index, change, "update", fields, {}, old_id, local=local))
        elif change.action is Action.DELETE and old_id is not None:
            last.append(Op(index, change, "delete", {}, {}, old_id))
        elif change.action is Action.DELETE:
            first.append(Op(index, change, "delete", {}, {}, None, local="already gone"))
        elif change.action is not Action.NOOP:
            first.append(
                Op(index, change, "create", {}, {}, error=f"{change.action.value} without a resource")
            )
    for op in first:
        if op.action == "update" and not op.platform_id and not op.local:
            op.error = "no platform id is known for this resource"
    # The old half of a replacement waits until everything that referred to the object was repointed.
    replaced: dict[Address, list[Op]] = {}
    for op in last:
        if op.old_half:
            replaced.setdefault(op.address, []).append(op)
    for op in first if replaced else ():
        for target in op.refs.values():
            for old in replaced.get(target, ()):
                old.waits_for += (op.address,)
    for olds in replaced.values():
        for old in olds:
            # What repoints away from the old object must have settled first: a platform runs each request
            # of a batch whatever became of the others (Meta's batch, Google's partial failure), so sharing
            # the batch of an ad's failed update would delete the creative the ad still runs.
            old.waits_settled = bool(old.waits_for)
            old.waits_for = (old.address, *old.waits_for)
    if replaced:
        first = _pairs_together(first, last, [olds[0] for olds in replaced.values() if len(olds) == 1])
    _locations_kept_until_replaced(first, last)
    _ad_schedules_cleared_first(first, last, changes)
    _booking_ranges_cleared_first(first, last)
    _flips_first(first, last)
    _device_opt_outs_ordered(first, last)
    _budget_handovers(first)
    _dynamic_ad_groups_stopped_first(first, last)
    _one_ad_deleted_first(first, last, changes)
    # Deletes keep the plan's order: the planner already puts them in reverse dependency order, with a
    # Meta creative after the ad or campaign that used it (re-sorting by depth alone would break that).
    return first + last


def _pairs_together(first: list[Op], last: list[Op], old_halves: Iterable[Op]) -> list[Op]:
    """``first`` with the old half of each replacement nothing else waits for right after its create (and
    taken out of ``last``), paired with it to go in the same batch: a connector sends the two as one atomic
    request (Google: the removal first, so the new object may take the old one's unique keys), so an apply
    killed between batches cannot leave both objects live, the new one unrecorded."""
    alone = {op.index: op for op in old_halves if op.waits_for == (op.address,)}
    if not alone:
        return first
    placed: list[Op] = []
    for op in first:
        placed.append(op)
        old = alone.get(op.index) if op.action == "create" else None
        if old is not None:
            op.pair = old
            placed.append(old)
            last.remove(old)
    return placed


def _flipped(address: Address) -> Address | None:
    """A Google criterion's address with its exclusion flipped: both are one platform object (a
    location, a user list … is targeted or excluded, never both), so they can never exist together."""
    if address.platform != GOOGLE or not address.kind.endswith("_criterion"):
        return None
    parent, _, key = address.path.rpartition("/")
    flipped = key.removeprefix("negative_") if key.startswith("negative_") else f"negative_{key}"
    return Address(address.platform, address.account, address.kind, f"{parent}/{flipped}")


def _flips_first(first: list[Op], last: list[Op]) -> None:
    """Move the delete of a criterion being flipped (targeted ↔ excluded) right before the create of its
    flipped twin, which waits for it: the platform refuses the twin while the old criterion exists. A delete
    that itself waits for creates (a targeted place's, for its replacements) goes after them all, with its
    twin: at the end of ``first``."""
    deletes = {op.address: op for op in last if op.action == "delete" and not op.old_half}
    if not deletes:
        return
    after_creates: list[Op] = []
    for index in range(len(first) - 1, -1, -1):
        op = first[index]
        flipped = _flipped(op.address) if op.action == "create" else None
        delete = deletes.pop(flipped, None) if flipped is not None else None
        if delete is None:
            continue
        last.remove(delete)
        op.waits_for += (delete.address,)
        if delete.waits_for:
            del first[index]
            after_creates[:0] = (delete, op)
        else:
            first.insert(index, delete)
    first.extend(after_creates)


#: The keys of a Google campaign's or ad group's targeted places: its location and proximity (radius)
#: criteria. A Demand Gen campaign's places are its ad groups' (``compile.google._demand_gen_campaign``).
_TARGETED_PLACE_KEYS: Final = ("location:", "proximity:")


def _targeted_place(address: Address) -> bool:
    return (
        address.platform == GOOGLE
        and address.kind in GOOGLE_CRITERION_KINDS
        and address.path.rpartition("/")[2].startswith(_TARGETED_PLACE_KEYS)
    )


def _locations_kept_until_replaced(first: list[Op], last: list[Op]) -> None:
    """The removal of a campaign's (or ad group's) targeted place waits for the creates of its new targeted
    places: a campaign with no positive location criterion serves everywhere, so should Google refuse the
    new place (INVALID_PROXIMITY_ADDRESS, say), the old one stays rather than leave the campaign unbounded.
    (The account run sends such a removal in a batch after the creates: within one partial-failure request
    it would go whatever became of them.) Runs before ``_flips_first``, which then sends a place flipped to
    excluded after the new targeted ones too, its exclusion after its removal."""
    created: dict[str, list[Address]] = {}
    for op in first:
        if op.action == "create" and not op.error and _targeted_place(op.address):
            created.setdefault(op.address.path.rpartition("/")[0], []).append(op.address)
    for op in last if created else ():
        if op.action == "delete" and not op.old_half and _targeted_place(op.address):
            op.waits_for += tuple(created.get(op.address.path.rpartition("/")[0], ()))


def _ad_schedule_campaign(op: Op, resource: Resource | None) -> str | None:
    """The campaign path of a Google ad schedule slot's op (None for any other op)."""
    address = op.address
    if address.platform != GOOGLE or address.kind != "campaign_criterion" or resource is None:
        return None
    return address.campaign if resource.fields.get("type") == AD_SCHEDULE else None


def _slots_overlap(a: Resource | None, b: Resource | None) -> bool:
    """Whether two ad schedule slots share a day and some of their time (an end is exclusive)."""
    if a is None or b is None:
        return False
    x, y = a.fields, b.fields
    if x.get("ad_schedule_day") != y.get("ad_schedule_day"):
        return False
    x_start, x_end = minutes_of(str(x["ad_schedule_start"])), minutes_of(str(x["ad_schedule_end"]))
    y_start, y_end = minutes_of(str(y["ad_schedule_start"])), minutes_of(str(y["ad_schedule_end"]))
    return x_start < y_end and y_start < x_end


def _ad_schedules_cleared_first(
    first: list[Op], last: list[Op], changes: Sequence[tuple[int, Change]]
) -> None:
    """New ad schedule slots that overlap no slot leaving are made first (they stay where they are, before
    every delete), so that a campaign keeps slots live through the change; a slot that overlaps one leaving
    goes after it, in a later batch, and waits for exactly the slots it overlaps: Google refuses a slot
    overlapping one the campaign still has (CriterionError AD_SCHEDULE_TIME_INTERVALS_OVERLAP), and a slot's
    times cannot change in place (every AdScheduleInfo leaf is "prohibited on UPDATE operations"). Should a
    removal fail, what overlaps it is held back. Slots leaving that nothing new overlaps go last, with the
    other deletes.

    Google also refuses a seventh slot on one day (AD_SCHEDULE_EXCEEDED_INTERVALS_PER_DAY_LIMIT), counted
    with the slots still there: per day, the slots live (kept and leaving) and those made first stay within
    six, and a new slot past that goes after enough of that day's removals (moved to go first, in plan
    order), in a later batch, waiting for them as an overlapping one does.

    The window an apply killed mid-way leaves: after the removals of slots that new ones overlap (or make
    room for) and before those new ones are made, the campaign runs on the slots it keeps and the new ones
    made already; when every slot changes and every new one overlaps an old one (e.g. 09:00–17:00 becoming
    10:00–18:00 on every day it runs), that is no slot at all — ads run all the time — until the next apply
    makes them."""
    leaving: dict[str, list[Op]] = {}
    for op in last:
        campaign = _ad_schedule_campaign(op, op.change.before)
        if op.action == "delete" and campaign is not None and not op.old_half:
            leaving.setdefault(campaign, []).append(op)
    if not leaving:
        return
    # Slots live per campaign and day, kept and leaving alike (a kept slot's change is a NOOP or an update).
    live: dict[tuple[str, object], int] = {}
    for _, change in changes:
        before = change.before
        if (
            before is not None
            and change.address.platform == GOOGLE
            and before.fields.get("type") == AD_SCHEDULE
        ):
            key = (change.address.campaign, before.fields.get("ad_schedule_day"))
            live[key] = live.get(key, 0) + 1
    for campaign, deletes in leaving.items():
        blocked: list[tuple[Op, list[Op]]] = []  # creates after removals, with the removals they wait for
        early: dict[object, int] = {}  # per day: the creates made before any removal
        for op in first:
            if op.action != "create" or op.error or op.local:
                continue
            if _ad_schedule_campaign(op, op.change.after) != campaign:
                continue
            day = _slot_day(op)
            overlapped = [d for d in deletes if _slots_overlap(op.change.after, d.change.before)]
            if overlapped:
                blocked.append((op, overlapped))
            elif live.get((campaign, day), 0) + early.get(day, 0) < MAX_SLOTS_PER_DAY:
                early[day] = early.get(day, 0) + 1
            else:
                blocked.append((op, []))  # waits for room: the day's removals, chosen below
        if not blocked:
            continue  # every new slot is made before any old one goes
        needed = [d for d in deletes if any(d in overlapped for _, overlapped in blocked)]
        for day in {_slot_day(create) for create, _ in blocked}:
            creates = [(create, overlapped) for create, overlapped in blocked if _slot_day(create) == day]
            made = early.get(day, 0) + len(creates)
            gone = [d for d in deletes if _slot_day(d) == day and d in needed]
            room = [d for d in deletes if _slot_day(d) == day and d not in needed]
            extra = room[: max(0, live.get((campaign, day), 0) - len(gone) + made - MAX_SLOTS_PER_DAY)]
            needed.extend(extra)
            for _, overlapped in creates:
                # One waiting for room waits for every removal of its day going first; one overlapping
                # slots leaving, for those and the removals making room beside them.
                overlapped.extend(extra if overlapped else gone + extra)
        needed.sort(key=deletes.index)
        for delete in needed:
            last.remove(delete)
        for create, _ in blocked:
            first.remove(create)
        first.extend(needed)
        for create, overlapped in blocked:
            create.waits_for += tuple(d.address for d in overlapped)
            create.waits_settled = True
            first.append(create)


def _booking_ranges_cleared_first(first: list[Op], last: list[Op]) -> None:
    """A Hotel ad group's new booking range (stay length, booking window, check-in dates:
    ``spec._google_hotel_bookings``) that overlaps one of its kind leaving goes after that removal, in a later
    batch, waiting for it: Google refuses a range overlapping one the ad group still has
    (CriterionError ..._OVERLAPS_WITH_EXISTING_CRITERION), and a range cannot change in place (its criterion
    is Immutable). The removals it waits for move ahead of it; should one fail, it is held back."""
    deletes = [
        op for op in last if op.action == "delete" and not op.old_half and booking_range(op.change.before)
    ]
    if not deletes:
        return
    for op in list(first):
        if op.action != "create" or op.error or op.local or not booking_range(op.change.after):
            continue
        overlapped = [d for d in deletes if ranges_overlap(op.change.after, d.change.before)]
        if not overlapped:
            continue
        first.remove(op)
        for delete in overlapped:
            if delete in last:
                last.remove(delete)
                first.append(delete)
        op.waits_for += tuple(d.address for d in overlapped)
        op.waits_settled = True
        first.append(op)


def _slot_day(op: Op) -> object:
    """The day of an ad schedule slot's create or delete."""
    resource = op.change.after if op.action == "create" else op.change.before
    return resource.fields.get("ad_schedule_day") if resource is not None else None


def _budget_handovers(first: list[Op]) -> None:
    """A Meta campaign update that takes its budget away hands it to its ad sets in that one request
    (Meta keeps one level budgeted at all times), so it carries their budget updates along as companions,
    whichever batch those land in. Their own updates wait for it: should it fail (or be held back), Meta
    would refuse a budget on both levels. The other way round, ad set updates dropping their budgets wait
    for the campaign update that takes the budget back: sent without it, Meta refuses them (an ad set needs
    a budget while its campaign has none)."""
    budget_updates = {
        op.address.path: op
        for op in first
        if op.address.platform == META
        and op.address.kind == "campaign"
        and op.action == "update"
        and not op.local
        and META_BUDGET_FIELDS & op.fields.keys()
    }
    for op in list(first) if budget_updates else ():
        campaign = budget_updates.get(op.address.campaign) if op.address.kind == "adset" else None
        sent = op.action == "update" and op.platform_id and not (op.local or op.error)
        if campaign is None or not sent or not META_BUDGET_FIELDS & op.fields.keys():
            continue
        hands_over = all(campaign.fields.get(k) is None for k in META_BUDGET_FIELDS)
        if hands_over and any(op.fields.get(k) for k in META_BUDGET_FIELDS):
            campaign.companions += (op,)
            op.waits_for += (campaign.address,)
            _schedule_cleared_before_handover(first, campaign, op)
        elif not hands_over and all(op.fields.get(k) is None for k in META_BUDGET_FIELDS):
            op.waits_for += (campaign.address,)


#: A Meta ad set's schedule fields, cleared together (``connectors.meta_graph``: ``[]`` and standard pacing).
_SCHEDULE_FIELDS: Final = ("adset_schedule", "pacing_type")


def _schedule_cleared_before_handover(first: list[Op], campaign: Op, adset: Op) -> None:
    """An ad set the hand-over puts on a daily budget while its schedule goes has the schedule cleared
    first, in an earlier batch: Meta runs an ad set schedule only on a lifetime budget, so the campaign's
    request giving it the daily budget (``adset_budgets``) is refused while it still has one ("Ad scheduling
    is available only for ad sets with a lifetime budget"), every apply. The clear is a part of the ad set's
    update sent ahead (``Op.lead``), and the campaign's update waits for it: should it fail, nothing moves.
    Killed between the two, the ad set runs all the time on the campaign's budget, from which the next plan
    moves the budget as usual (killed before the clear was recorded, drift reports it out of band, the
    specs agreeing with live). A campaign update failed before any write (held back) sends no clear
    (``without_leads_of_failed``)."""
    clears = {k: None for k in _SCHEDULE_FIELDS if k in adset.fields and not adset.fields[k]}
    if not adset.fields.get("daily_budget") or "adset_schedule" not in clears:
        return
    lead = Op(adset.index, adset.change, "update", clears, {}, adset.platform_id, lead_for=campaign)
    first.insert(first.index(campaign), lead)
    campaign.waits_for += (adset.address,)
    campaign.waits_settled = True


def without_leads_of_failed(ops: list[Op]) -> list[Op]:
    """``ops`` without the leads of the ops failed before any write (``Op.error``: a campaign's budget
    change held back): a lead goes only for what it goes ahead of, and an ad set's schedule cleared for a
    hand-over never sent would run it all the time for nothing."""
    return [op for op in ops if op.lead_for is None or not op.lead_for.error]


def _device_of(op: Op) -> tuple[str, str, str] | None:
    """(account, campaign path, device key) of a Google campaign's device criterion or an ad group's device
    bid modifier (``spec._google_devices.device_key``); None for any other op."""
    address = op.address
    if address.platform != GOOGLE or not (is_device_address(address) or is_group_device_address(address)):
        return None
    return address.account, address.campaign, address.path.rpartition("/")[2]


def _opts_out(resource: Resource | None) -> bool:
    """Whether a campaign device criterion's side opts out of its device (its modifier 0)."""
    modifier = resource.fields.get("bid_modifier") if resource is not None else None
    return modifier is not None and Decimal(str(modifier)) == 0


def _device_opt_outs_ordered(first: list[Op], last: list[Op]) -> None:
    """A campaign's device opt-out (its DEVICE criterion at 0) and its ad groups' modifiers of that device,
    ordered as Google takes them: it refuses an ad group's modifier of a device its campaign opts out of
    (v26 AdGroupBidModifierError CANNOT_OVERRIDE_OPTED_OUT_CAMPAIGN_CRITERION_BID_MODIFIER).

    * An opt-out lifted (reset, planned as a delete, or updated to another modifier) goes right before the
      first create or update of an ad group's modifier of that device in the campaign, which waits for it
      in a later batch (settled): should the reset fail, the modifier is held back, not refused.
    * An opt-out set (the criterion created or updated to 0) goes after the deletes of the ad groups'
      modifiers of that device, moved right before it. v26 names no error for an opt-out under an ad group's
      modifier (unconfirmed whether Google refuses one): the removals go first as that is harmless, and the
      opt-out does not wait for them (should one fail, the campaign still opts out, as its spec says)."""
    lifted: dict[tuple[str, str, str], Op] = {}
    opting_out: dict[tuple[str, str, str], Op] = {}
    for op in (*first, *last):
        key = _device_of(op) if op.address.kind == "campaign_criterion" and not op.old_half else None
        if key is None or op.local or op.error:
            continue
        if _opts_out(op.change.before) and not (op.action != "delete" and _opts_out(op.change.after)):
            lifted[key] = op
        elif op.action != "delete" and _opts_out(op.change.after):
            opting_out[key] = op
    placed: list[Op] = []
    for op in list(first) if lifted else ():
        key = _device_of(op) if op.address.kind == DEVICE_MODIFIER else None
        reset = lifted.get(key) if key is not None and op.action in ("create", "update") else None
        if reset is None or op.local or op.error:
            continue
        if reset not in placed:  # right before the first of them; the others come after it already
            (last if reset in last else first).remove(reset)
            first.insert(first.index(op), reset)
            placed.append(reset)
        op.waits_for += (reset.address,)
        op.waits_settled = True
    for op in list(last) if opting_out else ():
        key = _device_of(op) if op.address.kind == DEVICE_MODIFIER and op.action == "delete" else None
        opt_out = opting_out.get(key) if key is not None and not op.old_half else None
        if opt_out is not None:
            last.remove(op)
            first.insert(first.index(opt_out), op)


#: A Google campaign's Dynamic Search Ads setting (its dynamic ad groups need it).
_DSA_SETTING: Final = "dynamic_search_ads_setting"


def _clears_dynamic_search_ads(op: Op) -> bool:
    return (
        op.address.platform == GOOGLE
        and op.address.kind == "campaign"
        and op.action == "update"
        and not (op.local or op.error)
        and _DSA_SETTING in op.fields
        and not (op.fields[_DSA_SETTING] or {}).get("domain_name")
    )


def _dynamic_ad_groups_stopped_first(first: list[Op], last: list[Op]) -> None:
    """A Google campaign update clearing its Dynamic Search Ads setting goes after the pauses (or deletes)
    of its dynamic ad groups (``SEARCH_DYNAMIC_ADS``), in a later batch, and waits for them. v26 names the
    setting a rule of adding such an ad group (CANNOT_ADD_ADGROUP_OF_TYPE_DSA_TO_CAMPAIGN_WITHOUT_DSA_SETTING,
    "can only be added"); whether Google also refuses to update one in a campaign without the setting is
    unconfirmed, so each is stopped while its campaign still has it, and should that fail the setting stays.
    (Whether Google lets the setting go while a paused dynamic ad group remains is unconfirmed too.)"""
    for clear in [op for op in first if _clears_dynamic_search_ads(op)]:
        stops = [
            op
            for op in (*first, *last)
            if op.address.platform == GOOGLE
            and op.address.kind == "ad_group"
            and op.address.campaign == clear.address.path
            and op.change.action in (Action.PAUSE, Action.DELETE)
            and op.change.before is not None
            and op.change.before.fields.get("type") == GOOGLE_DYNAMIC_AD_GROUP
            and not (op.local or op.old_half)  # one failing before it is sent (op.error) holds it back too
        ]
        if not stops:
            continue
        first.remove(clear)
        clear.waits_for += tuple(op.address for op in stops)
        clear.waits_settled = True
        queue = last if stops[-1] in last else first
        queue.insert(queue.index(stops[-1]) + 1, clear)


def _one_ad_deleted_first(first: list[Op], last: list[Op], changes: Sequence[tuple[int, Change]]) -> None:
    """Within a Meta Dynamic Creative ad set, which runs one ad (believed, unconfirmed; the sandbox refuses
    a second: ``spec._meta_dynamic_creative``), the deletes of its old ads go right before its new ad's
    create, which waits for them, settled in an earlier batch: a new ad beside the old one would be refused.
    Killed between the two, the next apply creates the new ad (its plan no longer holds the old one). The
    deletes themselves wait, settled, for the creates of what the new ad refers to (its creative): should Meta
    refuse the new creative, the old ad is kept rather than the ad set left running none. Only when the plan
    deletes the old ad (``--allow-destroy`` or ``lifecycle: {on_remove: delete}``); a paused one stays, and
    the plan warns of it (``planner``)."""
    dynamic = {
        change.address
        for _, change in changes
        if change.address.platform == META
        and change.address.kind == "adset"
        and change.after is not None
        and change.after.fields.get(DYNAMIC_ADSET_FIELD)
    }
    deletes: dict[Address, list[Op]] = {}
    for op in last if dynamic else ():
        before = op.change.before
        adset = before.refs.get("adset") if before is not None else None
        if op.action == "delete" and not op.old_half and op.address.kind == "ad" and adset in dynamic:
            deletes.setdefault(adset, []).append(op)
    for index in range(len(first) - 1, -1, -1):
        op = first[index]
        if op.action != "create" or op.error or op.address.platform != META or op.address.kind != "ad":
            continue
        olds = deletes.pop(op.refs.get("adset"), [])  # type: ignore[arg-type]
        if not olds:
            continue
        made = {o.address for o in first[:index] if o.action == "create"}
        needed = tuple(target for target in op.refs.values() if target in made)
        for old in olds:
            last.remove(old)
            old.waits_for += needed
            old.waits_settled = old.waits_settled or bool(needed)
        first[index:index] = olds
        op.waits_for += tuple(old.address for old in olds)
        op.waits_settled = True


def changed(change: Change, after: Resource) -> tuple[dict[str, Any], dict[str, Address]]:
    """The top-level fields and refs an UPDATE must send, with their new values."""
    fields: dict[str, Any] = {}
    refs: dict[str, Address] = {}
    for field_change in change.fields:
        head, _, rest = field_change.path.partition(".")
        if head == "refs" and rest:
            name = rest.split(".", 1)[0]
            if name in after.refs:  # a reference cannot be unset on the platforms; nothing to send
                refs[name] = after.refs[name]
        else:
            # A field gone from the desired side is sent as None: the connector clears it.
            fields[head] = after.fields.get(head)
    if fields:
        # A field naming audiences (a Meta ad set's targeting) goes out with their ids, changed or not.
        refs.update((name, target) for name, target in after.refs.items() if is_audience_ref(name))
    return dict(sorted(fields.items())), dict(sorted(refs.items()))


def check_order(ops: Sequence[Op]) -> None:
    """Refuse a plan in which an operation refers to an object created after it."""
    created = {op.address: i for i, op in enumerate(ops) if op.action == "create" and not op.error}
    for i, op in enumerate(ops):
        for target in op.refs.values():
            if created.get(target, -1) > i:
                raise PlanError(
                    f"the plan is not in dependency order: {op.address} refers to {target}, "
                    "which the plan creates after it"
                )
