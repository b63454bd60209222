"""Out-of-band edits of the simulated platforms, "as a person in the console would".

Console edits change the native objects directly: they are not API calls (not counted, never
throttled, no injected faults) and they skip the API's validation, as a console user may do things the
API would refuse. Addresses are ``<kind>/<path>@<platform>[:<account>]`` — the account may be left
out when the platform has one account — e.g. ``campaign/spring-sale@google``,
``ad_group/spring-sale/runners@google``, ``adset/spring-sale/runners@meta:eu``.

Settable fields: ``status`` (``active`` / ``paused`` or the platform's value), ``budget.amount``
(currency units: a Google campaign's budget, a Meta campaign's or ad set's daily budget — its lifetime
budget when that is the one set), ``name``, and any native field by name, dotted into nested objects
(``targeting.age_min=30``, ``network_settings.target_content_network=true``; a Meta object's ``adlabels``
only as the Graph API takes them), a step into a list by its index from 0 (``console_fields``); a Meta
carousel's card by the fields specs name, ``cards.1.title``, and a Meta creative's fields derived from its
story (``body``, ``title`` …) in that story. Values
are parsed as JSON when they can be (``30`` → 30, ``true`` → True, ``["US"]`` → a list) and taken as text
otherwise (a card's, always as text).

Google keeps no name for responsive search, display and app ads: one is addressed by its ad id
(``ad_group_ad/spring-sale/runners/123@google``), a Demand Gen ad by its (immutable) name, or, given the ads
MIDAS recorded (``AdPaths``), either at the address MIDAS gave it. Only live objects are found, so a removed
namesake never stands in the way; live Demand Gen namesakes MIDAS records none of are refused at the shared
name, with each one's address (``…/Story~<id>``).

A Shopping ad group's product groups are addressed below their tree's address, a ``<dimension>=<value>``
segment per split (``console_products``); ``subdivide_product_group`` splits one, as the UI's "+" does.

Audiences are addressed by their kind and name, as plans and drift name them: ``user_list/<name>@google``
(a Google user list), ``customaudience/<name>@meta`` (a Meta custom audience), the name escaped as in
every address (``/`` → ``%2F``); ``…/id:<id>@…`` names one by its id (Meta lets audiences share a
name). Their settable fields are ``name`` (unique among a Google account's user lists, as Google keeps
them) and their native fields (``description``, ``membership_life_span`` …); delete removes the list
and its members.

``add_audience`` builds an audience in an account's console (a Google remarketing list, a Meta website
audience): one that MIDAS did not make, for campaigns to target as an ``existing`` audience.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Collection, Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from midas_reconcile.ad_names import AD_KIND, named_by_record
from midas_reconcile.connectors import audience_wire
from midas_reconcile.connectors import google_rows as gc
from midas_reconcile.connectors.google_bid_modifiers import modifier_fields, modifier_key
from midas_reconcile.connectors.google_schema import RESOURCE_TYPES, OpError
from midas_reconcile.connectors.sandbox import google_rules
from midas_reconcile.connectors.sandbox import meta_connector as mc
from midas_reconcile.connectors.sandbox.audience_sim import (
    MEMBER,
    AudienceSimulator,
    drop_list,
    google_name_used,
    list_type,
)
from midas_reconcile.connectors.sandbox.console_fields import CARDS, card_path, set_path, story_path
from midas_reconcile.connectors.sandbox.console_products import find_node, split_node_path, subdivide
from midas_reconcile.connectors.sandbox.google_asset_group_rules import joined_rows
from midas_reconcile.connectors.sandbox.google_shopping_rules import check_filter_bid, remove_listing_group
from midas_reconcile.connectors.sandbox.google_sim import GoogleAdsSimulator, customer
from midas_reconcile.connectors.sandbox.meta_rules import PARAMS
from midas_reconcile.connectors.sandbox.meta_sim import MetaSimulator, ad_account
from midas_reconcile.connectors.sandbox.world import SandboxWorld, StoredObject, Txn
from midas_reconcile.diff import MONEY_FIELDS
from midas_reconcile.errors import ConnectorError, MidasError
from midas_reconcile.money import (
    MICROS_PER_UNIT,
    currency_exponent,
    decimal_places,
    from_google_micros,
    google_billable_unit_micros,
    to_meta_minor,
)
from midas_reconcile.resources import (
    AUDIENCE_KIND,
    GOOGLE,
    GOOGLE_CRITERION_KINDS,
    KIND_ORDER,
    MANAGED_MARKER,
    META,
    AddressBook,
    Resource,
    segment_name,
)
from midas_reconcile.targeting.model import UNNAMED_AUDIENCE_PREFIX, is_unnamed_audience

#: Account name → (platform, native id, currency), as configured in midas.yaml.
Accounts = Mapping[str, tuple[str, str, str]]
#: Account name → Google ad id → the path MIDAS recorded it at (``StateStore.recorded_paths``).
AdPaths = Mapping[str, Mapping[str, str]]

_STATUS: Final = {
    GOOGLE: {"active": "ENABLED", "paused": "PAUSED"},
    META: {"active": "ACTIVE", "paused": "PAUSED"},
}
_NATIVE_STATUS: Final = {
    GOOGLE: ("ENABLED", "PAUSED", "REMOVED"),
    META: ("ACTIVE", "PAUSED", "ARCHIVED", "DELETED"),
}
_SPECIAL: Final = ("status", "budget.amount", "name")
_APP_CHANNEL: Final = "MULTI_CHANNEL"


def parts_leaf(field: str) -> str:
    return field.rsplit(".", 1)[-1]


#: Native types ``list_objects`` shows per platform: labels, then every kind in dependency order.
_LIST_TYPES: Final = {GOOGLE: gc.READ_TYPES, META: ("adlabel", *KIND_ORDER[META])}


class _Target:
    """The native object an address names."""

    def __init__(self, platform: str, native_id: str, currency: str, resource: Resource) -> None:
        self.platform = platform
        self.native_id = native_id
        self.currency = currency
        self.resource = resource
        self.kind = resource.address.kind
        self.id = str(resource.platform_id)
        self.audience = self.kind == AUDIENCE_KIND[platform]


def _find(
    world: SandboxWorld, accounts: Accounts, address_text: str, ad_paths: AdPaths | None = None
) -> _Target:
    kind_path, at, where = address_text.strip().rpartition("@")
    kind, slash, path = kind_path.partition("/")
    platform, _, account = where.partition(":")
    if not at or not slash or not path or platform not in KIND_ORDER:
        raise MidasError(
            f"not a sandbox address: {address_text!r}; expected <kind>/<path>@<platform>[:<account>], "
            "e.g. campaign/spring-sale@google"
        )
    kinds = (AUDIENCE_KIND[platform], *KIND_ORDER[platform])
    if kind not in kinds:
        raise MidasError(
            f"{address_text}: unknown {platform} kind {kind!r}; expected one of {', '.join(kinds)}"
        )
    candidates = sorted(name for name, (p, _, _) in accounts.items() if p == platform)
    if not account:
        if len(candidates) != 1:
            raise MidasError(
                f"{address_text}: name the {platform} account (…@{platform}:<account>); "
                f"sandbox accounts: {', '.join(candidates) or 'none configured'}"
            )
        account = candidates[0]
    if account not in candidates:
        raise MidasError(
            f"{address_text}: no sandbox {platform} account {account!r}; "
            f"known: {', '.join(candidates) or 'none'}"
        )
    _, native_id, currency = accounts[account]
    if kind == AUDIENCE_KIND[platform]:
        return _find_audience(world, address_text, path, (platform, account, native_id, currency))
    steps: list[tuple[str, str | None]] = []
    if kind == "ad_group_criterion" and platform == GOOGLE:
        path, steps = split_node_path(path)
    resources = _resources(world, platform, account, native_id)
    if platform == GOOGLE and ad_paths:
        resources = named_by_record(resources, ad_paths.get(account, {}))
    # Only live objects are read: a removed namesake is never the one a console edits.
    of_kind = [r for r in resources if r.address.kind == kind]
    found = [r for r in of_kind if r.address.path == path]
    if found and kind == AD_KIND and platform == GOOGLE and not (ad_paths or {}).get(account):
        _refuse_ad_namesakes(
            address_text, found[0], [r for r in of_kind if r.address.path.startswith(f"{path}~")]
        )
    if found:
        resource = found[0]
        if steps:  # a product group below its tree's root (``console_products``)
            root = str(resource.platform_id)
            with world.transaction() as txn:
                node = find_node(txn, native_id, root.split("~", 1)[0], root, steps)
            resource = replace(resource, platform_id=node)
        return _Target(platform, _native(platform, native_id), currency, resource)
    known = [r.address.path for r in of_kind]
    raise MidasError(
        f"{address_text}: no live {kind} at {path!r} in {platform} account {account!r}; "
        f"existing: {_listing(known)}"
    )


def _refuse_ad_namesakes(address_text: str, found: Resource, namesakes: list[Resource]) -> None:
    """Without MIDAS's records, a Google ad's name that live namesakes share (Demand Gen ads keep theirs,
    and the console lets two have one) does not say which is meant: each has an address of its own."""
    if not namesakes:
        return
    ads = [found, *namesakes]
    where, _, name = found.address.path.rpartition("/")
    addresses = ", ".join(str(r.address) for r in ads)
    raise MidasError(
        f"{address_text}: {len(ads)} live ads are named {segment_name(name)!r} "
        f"in ad group {where} and MIDAS records none of them; name one: {addresses}"
    )


def _listing(known: list[str]) -> str:
    return ", ".join(known[:20]) + (f" … ({len(known)} in all)" if len(known) > 20 else "") or "none"


def _find_audience(
    world: SandboxWorld, address_text: str, path: str, where: tuple[str, str, str, str]
) -> _Target:
    """The audience at ``path`` (its name as an address segment, or ``id:<id>``) in ``where``: platform,
    account name, native id, currency."""
    platform, account, native_id, currency = where
    kind, native = AUDIENCE_KIND[platform], _native(platform, native_id)
    book = AddressBook(platform, account)
    with world.transaction() as txn:
        audiences = [
            audience_wire.list_resource(book, dict(o.data, id=o.id))
            for o in txn.find(platform, native, list_type(platform))
        ]
    if is_unnamed_audience(path):
        found = [a for a in audiences if a.platform_id == path.removeprefix(UNNAMED_AUDIENCE_PREFIX)]
    else:
        found = [a for a in audiences if a.address.path == path]
    if len(found) == 1:
        return _Target(platform, native, currency, found[0])
    account_text = f"{platform} account {account!r}"
    if not found:
        known = [f"{a.address.path} (id {a.platform_id})" for a in audiences]
        raise MidasError(
            f"{address_text}: no {kind} {segment_name(path)!r} in {account_text}; existing: {_listing(known)}"
        )
    ids = ", ".join(sorted(str(a.platform_id) for a in found))
    raise MidasError(
        f"{address_text}: {len(found)} audiences share the name {segment_name(path)!r} in {account_text} "
        f"(ids {ids}); name one by its id: {kind}/{UNNAMED_AUDIENCE_PREFIX}<id>@{platform}:{account}"
    )


def _native(platform: str, native_id: str) -> str:
    return customer(native_id) if platform == GOOGLE else ad_account(native_id)


def _resources(world: SandboxWorld, platform: str, account: str, native_id: str) -> list[Resource]:
    if platform == GOOGLE:
        sim = GoogleAdsSimulator(world)
        return gc.to_resources(account, {t: sim.peek(native_id, t) for t in gc.READ_TYPES})
    meta = MetaSimulator(world)
    rows = {edge: meta.peek(native_id, kind) for kind, edge in mc.EDGE_OF.items()}
    return mc.to_resources(account, rows)


def _value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def set_field(
    world: SandboxWorld,
    accounts: Accounts,
    address_text: str,
    assignments: Mapping[str, str],
    ad_paths: AdPaths | None = None,
) -> None:
    """Apply ``FIELD=VALUE`` assignments to the object at ``address_text`` (see the module docstring;
    ``ad_paths``: the Google ads MIDAS recorded, found at their MIDAS addresses)."""
    target = _find(world, accounts, address_text, ad_paths)
    with world.transaction() as txn:
        stored = _stored(txn, target)
        data = copy.deepcopy(stored.data)
        for field, raw in assignments.items():
            if field.startswith(LINK_FIELD) and target.kind in _LINK_TYPES:
                _set_link_status(txn, target, field, raw)
            elif target.audience:
                _set_audience(txn, target, data, field, raw)
            elif field == "status":
                data["status"] = _status(target.platform, raw)
            elif field == "budget.amount":
                _set_budget(txn, target, data, raw)
            elif field == "name" and target.kind == "ad_group_ad":
                raise MidasError(
                    f"{address_text}: Google keeps no name for responsive search, display and app ads, and "
                    "a Demand Gen ad's is immutable (v26 Ad.name)"
                )
            elif field == "name":
                data["name"] = raw
            elif field == _META_LABELS and target.platform == META:
                data[field] = _meta_labels(world, txn, target, _value(raw))
            elif field.split(".", 1)[0] == CARDS and target.kind == "adcreative":
                # A card's fields are texts and ids: taken as written, never as JSON.
                _set_native(target, data, card_path(str(target.resource.address), data, field), raw)
            elif target.kind == "adcreative" and (
                at := story_path(str(target.resource.address), data, field, clearing=_value(raw) is None)
            ):
                # So are a story's (Meta derives the creative's from them: set beside it, they never read),
                # but for null, which clears one.
                _set_native(target, data, at, None if _value(raw) is None else raw)
            else:
                _set_native(target, data, field, _value(raw))
        _check_console_edit(address_text, data, assignments)
        if (
            target.platform == GOOGLE
            and data.get("type") == "LISTING_GROUP"
            and "cpc_bid_micros" in assignments
        ):
            try:
                check_filter_bid(txn, target.native_id, data)
            except OpError as exc:  # the UI offers no bid there either
                raise MidasError(f"{address_text}: {exc.message} ({exc.code})") from None
        _save(txn, target, stored, data)


#: A Meta object's labels, the marker among them: stored as the Graph API keeps them, ``[{id, name}]``.
_META_LABELS: Final = "adlabels"


def _meta_labels(world: SandboxWorld, txn: Txn, target: _Target, value: Any) -> list[dict[str, str]]:
    """``value`` as the labels of a Meta object, taken as the Graph API takes them (a console offers no
    other shape: one it would refuse, stored, would break every read of the account)."""
    try:
        return MetaSimulator(world).console_labels(txn, target.native_id, value)
    except ConnectorError as exc:
        raise MidasError(
            f"{target.resource.address}: {_META_LABELS}: {exc.message} — e.g. "
            f'{_META_LABELS}=\'[{{"name": "{MANAGED_MARKER}"}}]\''
        ) from None


def _check_console_edit(address_text: str, data: Mapping[str, Any], assignments: Mapping[str, str]) -> None:
    """What the Google Ads UI would not let a person enter either (the API's rules of these fields). Other
    edits may leave a tree broken on purpose: a test's stand-in for what a console can do to it."""
    listing_group = data.get("listing_group") or {}
    if "cpc_bid_micros" in assignments and listing_group.get("type") == "SUBDIVISION":
        raise MidasError(
            f"{address_text}: a product group split into others takes no bid (v26 "
            "criterion_error.CANNOT_SET_BIDS_ON_LISTING_GROUP_SUBDIVISION); bid on the groups it splits into"
        )
    controls = (data.get("demand_gen_ad_group_settings") or {}).get("channel_controls") or {}
    selected = controls.get("selected_channels")
    if isinstance(selected, Mapping) and selected and not any(selected.values()):
        raise MidasError(
            f"{address_text}: picked channels need at least one channel on (v26 DemandGenSelectedChannels); "
            "set channel_strategy for all channels"
        )


#: ``link:<FIELD_TYPE>:<text, image asset id or YouTube video id>=paused|active|removed`` pauses (or
#: re-enables, or removes) one of an asset group's links (v26 AssetGroupAsset.status), or a brand campaign's
#: (CampaignAsset.status), as the console's editors do.
LINK_FIELD: Final = "link:"
#: The link type of each kind whose links ``LINK_FIELD`` edits.
_LINK_TYPES: Final = {"asset_group": "asset_group_asset", "campaign": "campaign_asset"}


def _set_link_status(txn: Txn, target: _Target, field: str, raw: str) -> None:
    """The status of the asset group or campaign link ``field`` names (``LINK_FIELD``)."""
    field_type, _, value = field[len(LINK_FIELD) :].partition(":")
    link_type = _LINK_TYPES[target.kind]
    links = [link.data for link in txn.find(GOOGLE, target.native_id, link_type, parent=target.id)]
    rows = [r for r in joined_rows(txn, target.native_id, links) if r.get("status") != "REMOVED"]
    found = [r for r in rows if r.get("field_type") == field_type and gc.linked_value(r) == value]
    if not found:
        held = sorted(f"{r.get('field_type')}:{gc.linked_value(r)}" for r in rows)
        raise MidasError(
            f"{target.resource.address}: no link {field_type}:{value!r}; expected link:<FIELD_TYPE>:<text, "
            f"image asset id or YouTube video id> of one of its links: {', '.join(held) or 'none'}"
        )
    link = copy.deepcopy(found[0])
    link.pop("linked_asset", None)
    link["status"] = status = _status(GOOGLE, raw)
    if status not in ("ENABLED", "PAUSED", "REMOVED"):
        raise MidasError(f"{target.resource.address}: a link is active, paused or removed; found {raw!r}")
    google_rules.put(txn, target.native_id, link_type, link)


def subdivide_product_group(
    world: SandboxWorld,
    accounts: Accounts,
    address_text: str,
    dimension: str,
    units: Mapping[str | None, str],
) -> None:
    """Split the product group unit at ``address_text`` (its tree's address, or a node's below it:
    ``console_products``) by ``dimension`` into ``units`` (value, None for everything else → a max CPC in
    currency units or ``exclude``), as the Google Ads UI's "+" does."""
    target = _find(world, accounts, address_text)
    if target.kind != "ad_group_criterion" or target.resource.fields.get("type") != "LISTING_GROUP":
        raise MidasError(f"{address_text}: not a product group; expected a listing group tree's address")
    with world.transaction() as txn:
        subdivide(txn, target.native_id, target.id, dimension, units)


def delete_object(
    world: SandboxWorld, accounts: Accounts, address_text: str, ad_paths: AdPaths | None = None
) -> None:
    """Remove (Google: REMOVED, final) or delete (Meta: DELETED) the object at ``address_text``; an
    audience is removed with its members (it is no longer listed)."""
    target = _find(world, accounts, address_text, ad_paths)
    with world.transaction() as txn:
        stored = _stored(txn, target)
        if target.audience:
            drop_list(txn, target.platform, target.native_id, target.id)
            return
        data = copy.deepcopy(stored.data)
        data["status"] = "REMOVED" if target.platform == GOOGLE else "DELETED"
        _save(txn, target, stored, data)
        if target.platform == GOOGLE and data.get("type") == "LISTING_GROUP":
            remove_listing_group(txn, target.native_id, data)  # with all below it, as the UI does


def add_audience(world: SandboxWorld, accounts: Accounts, account: str, name: str) -> str:
    """Build an audience in the console of sandbox ``account``, as advertisers build remarketing lists
    and website audiences outside MIDAS (``AudienceSimulator.add_console_audience``); returns its id."""
    if account not in accounts:
        raise MidasError(f"no sandbox account {account!r}; known: {', '.join(sorted(accounts)) or 'none'}")
    platform, native_id, _ = accounts[account]
    return AudienceSimulator(world).add_console_audience(platform, _native(platform, native_id), name)


def add_google_campaign(
    world: SandboxWorld, accounts: Accounts, account: str, name: str, channel: str, daily: str
) -> str:
    """Build a ``channel`` campaign named ``name`` on a daily budget of its own (``daily``, currency units)
    in the Google Ads UI of sandbox ``account``: what a person builds there and the API cannot make (a
    Video campaign), or not as the sandbox's API takes it (Shopping, Hotel … without their settings, Travel).
    It has no ad groups, bids to maximize conversions and is not MIDAS's; returns its id."""
    if account not in accounts:
        raise MidasError(f"no sandbox account {account!r}; known: {', '.join(sorted(accounts)) or 'none'}")
    platform, native_id, currency = accounts[account]
    if platform != GOOGLE:
        raise MidasError(f"{account} is a {platform} account; add-campaign builds Google campaigns")
    channels = RESOURCE_TYPES["campaign"].leaves["advertising_channel_type"].values
    if channel not in channels - {_APP_CHANNEL}:
        raise MidasError(
            f"channel {channel!r}: expected one of {', '.join(sorted(channels - {_APP_CHANNEL}))} (an app "
            f"campaign, {_APP_CHANNEL}, needs its app: build it through the API)"
        )
    if not name.strip():
        raise MidasError("a campaign needs a name")
    try:
        micros = _google_budget_micros(daily, currency)
    except MidasError:
        unit = google_billable_unit_micros(currency)
        raise MidasError(
            f"daily budget {daily!r}: expected a positive amount in currency units in whole steps of "
            f"{from_google_micros(unit).normalize():f} {currency} (Google's budgets are multiples of "
            f"{unit:,} micros in {currency}), e.g. 20"
        ) from None
    try:
        return GoogleAdsSimulator(world).add_console_campaign(native_id, name, channel, micros)
    except OpError as exc:
        raise MidasError(f"{account}: {exc.message}") from None


def list_objects(
    world: SandboxWorld, owned_audiences: Collection[tuple[str, str]] | None = ()
) -> list[dict[str, Any]]:
    """Every object of every simulated account (removed and deleted ones too), in a stable order:
    ``{platform, account (native id), kind, id, name, status, members, managed}``. ``members`` is the
    number of members an audience holds (None for other kinds). An object is ``managed`` when it carries
    the ``midas-managed`` marker (itself or through its campaign); an audience, which carries none on
    either platform, when ``owned_audiences`` ((platform, id) pairs: what the state records) has it — None
    (the state could not be read) leaves an audience's ``managed`` unknown, None."""
    out: list[dict[str, Any]] = []
    with world.transaction() as txn:
        for info in world.accounts():
            for audience in txn.find(info.platform, info.account, list_type(info.platform)):
                out.append(
                    {
                        "platform": info.platform,
                        "account": info.account,
                        "kind": list_type(info.platform),
                        "id": audience.id,
                        "name": str(audience.data.get("name", "")),
                        "status": "",
                        "members": txn.count(info.platform, info.account, f"{MEMBER}:{audience.id}"),
                        "managed": (
                            None
                            if owned_audiences is None
                            else (info.platform, audience.id) in owned_audiences
                        ),
                    }
                )
            objects = {t: txn.find(info.platform, info.account, t) for t in _LIST_TYPES[info.platform]}
            managed = (
                _google_managed(txn, info.account, objects)
                if info.platform == GOOGLE
                else _meta_managed(objects)
            )
            for type_name, found in objects.items():
                for obj in found:
                    out.append(
                        {
                            "platform": info.platform,
                            "account": info.account,
                            "kind": type_name,
                            "id": obj.id,
                            "name": _display_name(type_name, obj),
                            "status": obj.status or "",
                            "members": None,
                            "managed": managed.get(obj.id, False),
                        }
                    )
    return out


def reset(world: SandboxWorld) -> None:
    """Empty every simulated account (objects, quotas and call statistics)."""
    world.reset()


# --- helpers ----------------------------------------------------------------------------------------


def _stored(txn: Txn, target: _Target) -> StoredObject:
    found = txn.get(target.platform, target.native_id, target.kind, target.id)
    if found is None:  # the address was just resolved from the same file: only a concurrent reset does this
        raise MidasError(f"{target.resource.address} disappeared while editing it")
    return found


def _save(txn: Txn, target: _Target, stored: StoredObject, data: dict[str, Any]) -> None:
    if target.audience:  # stored as the audience endpoints store them (``audience_sim``)
        txn.put(target.platform, target.native_id, target.kind, target.id, data, name=data["name"])
    elif target.platform == GOOGLE and target.kind in GOOGLE_CRITERION_KINDS:
        try:
            google_rules.put_console_criterion(txn, target.native_id, target.kind, stored.data, data)
        except OpError as exc:
            raise MidasError(f"{target.resource.address}: {exc.message}") from None
    elif target.platform == GOOGLE:
        google_rules.put(txn, target.native_id, target.kind, data)
    else:
        txn.put(META, target.native_id, target.kind, target.id, data, parent=stored.parent,
                name=data.get("name"), status=data.get("status"))  # fmt: skip


def _status(platform: str, raw: str) -> str:
    value = _STATUS[platform].get(raw.strip().lower(), raw.strip().upper())
    if value not in _NATIVE_STATUS[platform]:
        raise MidasError(
            f"status {raw!r} is not valid on {platform}; "
            f"use active, paused or one of {', '.join(_NATIVE_STATUS[platform])}"
        )
    return value


def _amount(raw: str) -> Decimal:
    try:
        amount = Decimal(raw.strip())
    except InvalidOperation:
        raise MidasError(
            f"budget.amount {raw!r} is not a number (currency units, e.g. 80 or 12.50)"
        ) from None
    if not amount.is_finite() or amount <= 0:
        raise MidasError(f"budget.amount must be a positive number; got {raw!r}")
    return amount


def _google_budget_micros(raw: str, currency: str) -> int:
    """``raw`` currency units as a Google budget amount: a positive whole number of the currency's billable
    unit (``google_billable_unit_micros``: Google's budgets take no other amount, and the sandbox's API
    refuses one with ``NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT``), not rounded to one."""
    micros = _amount(raw) * MICROS_PER_UNIT
    unit = google_billable_unit_micros(currency)
    if micros % unit:
        raise MidasError(
            f"budget.amount {raw!r} is not a whole number of Google's budget steps "
            f"({from_google_micros(unit).normalize():f} {currency}, {unit:,} micros)"
        )
    return int(micros)


def _set_budget(txn: Txn, target: _Target, data: dict[str, Any], raw: str) -> None:
    if target.platform == GOOGLE:
        micros = _google_budget_micros(raw, target.currency)
        if target.kind == "campaign_budget":
            data["amount_micros"] = micros
            return
        if target.kind != "campaign":
            raise MidasError(f"budget.amount applies to Google campaigns and budgets, not a {target.kind}")
        budget = txn.get(
            GOOGLE, target.native_id, "campaign_budget", data["campaign_budget"].rsplit("/", 1)[1]
        )
        if budget is None:
            raise MidasError(f"{target.resource.address} has no budget to edit")
        budget_data = copy.deepcopy(budget.data)
        key = (
            "total_amount_micros"
            if budget_data.get("total_amount_micros") and not budget_data.get("amount_micros")
            else "amount_micros"
        )
        budget_data[key] = micros
        google_rules.put(txn, target.native_id, "campaign_budget", budget_data)
        return
    amount = _amount(raw)
    if target.kind not in ("campaign", "adset"):
        raise MidasError(f"budget.amount applies to Meta campaigns and ad sets, not a {target.kind}")
    if decimal_places(amount) > currency_exponent(target.currency):
        # Meta takes whole minor units: as on Google, never rounded to one.
        raise MidasError(
            f"budget.amount {raw!r} has more decimal places than {target.currency} allows "
            f"({currency_exponent(target.currency)})"
        )
    key = (
        "lifetime_budget" if data.get("lifetime_budget") and not data.get("daily_budget") else "daily_budget"
    )
    data[key] = to_meta_minor(amount, target.currency)


def _set_audience(txn: Txn, target: _Target, data: dict[str, Any], field: str, raw: str) -> None:
    if field in ("status", "budget.amount"):
        raise MidasError(
            f"{target.resource.address}: an audience has no {field}; "
            f"settable: {', '.join(_settable(target, data))} (remove one with `midas sandbox delete`)"
        )
    if field != "name":
        _set_native(target, data, field, _value(raw))
        return
    if not raw.strip():
        raise MidasError(f"{target.resource.address}: name must not be empty")
    if target.platform == GOOGLE and google_name_used(txn, target.native_id, raw, target.id):
        raise MidasError(
            f"{target.resource.address}: another user list of the account is named {raw!r}; "
            "Google keeps user list names unique per account"
        )
    data["name"] = raw


def _settable(target: _Target, data: dict[str, Any]) -> list[str]:
    if target.audience:
        return sorted(
            set(audience_wire.LIST_FIELDS[target.platform])
            | {k for k, v in data.items() if not isinstance(v, (dict, list))}
        )
    if target.platform == GOOGLE:
        native = set(RESOURCE_TYPES[target.kind].leaves)
    else:
        native = set(PARAMS[target.kind])
    return sorted(
        native | {k for k, v in data.items() if not isinstance(v, (dict, list))} - {"id", "resource_name"}
    )


def _set_native(target: _Target, data: dict[str, Any], field: str, value: Any) -> None:
    settable = _settable(target, data)
    top = field.split(".", 1)[0]
    known = (
        field in settable
        or any(s.startswith(f"{field}.") for s in settable)
        or ("." in field and (top in settable or isinstance(data.get(top), dict)))
    )
    if not known:
        special = () if target.audience else _SPECIAL
        raise MidasError(
            f"{target.resource.address}: unknown field {field!r}; "
            f"settable: {', '.join([*special, *settable])}"
        )
    if parts_leaf(field) in MONEY_FIELDS and (isinstance(value, bool) or not isinstance(value, int)):
        # The platforms hold money as integers in their own units; a console cannot store 25.0 there.
        raise MidasError(
            f"{target.resource.address}: {field} is money in platform units (an integer: micros on Google, "
            f"minor units on Meta); found {value!r} — use budget.amount=<currency units> for a budget"
        )
    set_path(str(target.resource.address), data, field, value)


def _display_name(type_name: str, obj: StoredObject) -> str:
    if type_name == "ad_group_ad":
        return str(obj.data.get("ad", {}).get("name") or obj.data.get("ad", {}).get("id", ""))
    if type_name.endswith("_criterion"):
        return gc.criterion_key(obj.data) or str(obj.data.get("type", ""))
    if (
        type_name == "ad_group_bid_modifier"
    ):  # a device's or a booking's by its address key, else its criterion id
        fields = modifier_fields({**obj.data, "bid_modifier": 2.0})  # its criterion alone
        return modifier_key(fields) if fields is not None else str(obj.data.get("criterion_id", ""))
    return str(obj.data.get("name", ""))


def _google_managed(txn: Txn, cid: str, objects: Mapping[str, list[StoredObject]]) -> dict[str, bool]:
    marker = {
        o.id for o in objects["label"] if o.data.get("name") == MANAGED_MARKER and o.status == "ENABLED"
    }
    links = {
        (link.parent, link.name)
        for t in ("campaign_label", "ad_group_label")
        for link in txn.find(GOOGLE, cid, t)
    }
    managed: dict[str, bool] = {}
    for c in objects["campaign"]:
        managed[c.id] = any((c.id, label) in links for label in marker)
        managed.setdefault(str(c.parent), False)
        managed[str(c.parent)] = managed[str(c.parent)] or managed[c.id]  # the budget follows its campaign
    for g in objects["ad_group"]:
        managed[g.id] = managed.get(str(g.parent), False) or any((g.id, label) in links for label in marker)
    for t in ("campaign_criterion", "ad_group_criterion", "ad_group_ad", "ad_group_bid_modifier"):
        for o in objects[t]:
            managed[o.id] = managed.get(str(o.parent), False)
    return managed


def _meta_managed(objects: Mapping[str, list[StoredObject]]) -> dict[str, bool]:
    def marked(obj: StoredObject) -> bool:
        return any(label.get("name") == MANAGED_MARKER for label in obj.data.get("adlabels") or [])

    managed: dict[str, bool] = {}
    for t in ("campaign", "adset", "ad"):
        for o in objects[t]:
            managed[o.id] = marked(o) or managed.get(str(o.parent), False)
    for o in objects["ad"]:
        creative = str((o.data.get("creative") or {}).get("id", ""))
        managed[creative] = managed.get(creative, False) or managed[o.id]
    for o in objects["adcreative"]:
        managed[o.id] = managed.get(o.id, False) or marked(o)
    return managed
