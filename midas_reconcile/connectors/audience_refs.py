"""Audiences that campaigns target, between names (the normalised resources) and ids (the wire).

A resource targeting an audience names it in its fields and refers to it by a ref named
``audience:<name>`` (``resources.audience_ref``):

* Google: an ``ad_group_criterion`` of type ``USER_LIST`` (key ``user_list:<name>``, excluded
  ``negative_user_list:<name>``) whose ``user_list`` field is the audience's name; on the wire its
  ``user_list.user_list`` is ``customers/{cid}/userLists/{id}``.
* Meta: an ad set whose ``targeting.custom_audiences`` / ``excluded_custom_audiences`` are sorted names;
  on the wire ``[{"id": …}]``.

Readers return what the platforms return — list ids (``user_list:<id>``, ``[{"id": …}]``) — and
``link_audiences`` names them from the account's audiences — every one, MIDAS's customer lists and those
built outside it (``existing: true`` specs target them) — read only when something targets one. An id
that no audience of the account names (one the read does not list, or a name two Meta audiences share)
reads as ``id:<id>`` without a ref: it never matches a spec, so the plan shows it. Of audiences sharing a
name, the session names ids by the one MIDAS recorded (``recorded_first``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from midas_reconcile.errors import PermanentError
from midas_reconcile.resources import (
    AUDIENCE_REF,
    GOOGLE,
    META,
    Address,
    Resource,
    audience_ref,
    is_audience_ref,
    join_path,
)
from midas_reconcile.targeting.meta import AUDIENCE_FIELDS as META_AUDIENCE_FIELDS
from midas_reconcile.targeting.model import UNNAMED_AUDIENCE_PREFIX

#: The platforms' codes for a required value that is missing.
_MISSING: Final = {GOOGLE: "field_error.REQUIRED", META: "100"}


def audience_ids(refs: Mapping[str, Any], platform: str) -> dict[str, str]:
    """``{audience name: platform id}`` of an operation's audience refs (resolved to ids by then)."""
    ids: dict[str, str] = {}
    for ref_name, target in refs.items():
        if not is_audience_ref(ref_name):
            continue
        name = ref_name.removeprefix(AUDIENCE_REF)
        if not isinstance(target, str) or not target:
            raise PermanentError(
                f"the id of audience {name!r} is not known", platform=platform, code=_MISSING[platform]
            )
        ids[name] = target
    return ids


def meta_targeting_ids(targeting: Mapping[str, Any], refs: Mapping[str, Any]) -> dict[str, Any]:
    """A normalised Meta targeting with its audience names as the ``[{"id": …}]`` the Graph API takes."""
    if not any(targeting.get(key) for key in META_AUDIENCE_FIELDS):
        return dict(targeting)
    ids = audience_ids(refs, META)
    out = dict(targeting)
    for key in META_AUDIENCE_FIELDS:
        if targeting.get(key):
            missing = [name for name in targeting[key] if name not in ids]
            if missing:
                raise PermanentError(
                    f"targeting.{key} names {missing[0]!r} without its audience ref",
                    platform=META,
                    code=_MISSING[META],
                )
            out[key] = [{"id": ids[name]} for name in targeting[key]]
    return out


def shares_a_name(audiences: Sequence[Resource]) -> bool:
    """Whether two of an account's audiences go by one name (Meta allows it)."""
    names = [str(a.fields.get("name")) for a in audiences]
    return len(set(names)) < len(names)


def recorded_first(audiences: Sequence[Resource], recorded: Mapping[Address, Resource]) -> list[Resource]:
    """The audiences that name the ids campaigns target: of several sharing a name, only the one MIDAS
    recorded at that name's address, when it did (another of the name, made in a console, then reads as
    ``id:<id>`` while MIDAS's own keeps its name); a name none of them was recorded under stays ambiguous."""

    def ours(audience: Resource) -> bool:
        found = recorded.get(audience.address)
        return found is not None and found.platform_id == audience.platform_id

    owned = {str(a.fields.get("name")) for a in audiences if ours(a)}
    return [a for a in audiences if str(a.fields.get("name")) not in owned or ours(a)]


def targets_audiences(resource: Resource) -> bool:
    """Whether a resource as read holds audience ids to name."""
    if resource.address.kind == "ad_group_criterion":
        return resource.fields.get("type") == "USER_LIST"
    if resource.address.kind == "adset":
        targeting = resource.fields.get("targeting") or {}
        return any(targeting.get(key) for key in META_AUDIENCE_FIELDS)
    return False


def link_audiences(
    resources: list[Resource],
    read_audiences: Callable[[], Sequence[Resource]],
    audiences: Sequence[Resource] | None = None,
) -> None:
    """Name, in place, the audiences that ``resources`` (one account's read) target, from the account's
    ``audiences`` when the caller has read them already, else by ``read_audiences`` (called once, and only
    when something targets an audience)."""
    targeting = [r for r in resources if targets_audiences(r)]
    if not targeting:
        return
    if audiences is None:
        audiences = read_audiences()
    names = Counter(str(a.fields.get("name")) for a in audiences)
    by_id = {
        str(a.platform_id): a for a in audiences if a.platform_id and names[str(a.fields.get("name"))] == 1
    }
    renamed = False
    for resource in targeting:
        if resource.address.platform == GOOGLE:
            renamed = True
            _link_criterion(resource, by_id)
        else:
            _link_adset(resource, by_id)
    if renamed:
        resources.sort(key=lambda r: r.address.sort_key())


def _named(platform_id: Any, by_id: Mapping[str, Resource], refs: dict[str, Address]) -> str:
    found = by_id.get(str(platform_id))
    if found is None:
        return f"{UNNAMED_AUDIENCE_PREFIX}{platform_id}"
    name = str(found.fields["name"])
    refs[audience_ref(name)] = found.address
    return name


def _link_criterion(resource: Resource, by_id: Mapping[str, Resource]) -> None:
    refs = dict(resource.refs)
    name = _named(resource.fields.get("user_list"), by_id, refs)
    prefix = "negative_user_list" if resource.fields.get("negative") else "user_list"
    parent = resource.address.path.rsplit("/", 1)[0]
    resource.address = Address(
        resource.address.platform,
        resource.address.account,
        resource.address.kind,
        join_path(parent, f"{prefix}:{name}"),
    )
    resource.fields = {**resource.fields, "user_list": name}
    resource.refs = refs


def _link_adset(resource: Resource, by_id: Mapping[str, Resource]) -> None:
    refs = dict(resource.refs)
    targeting = dict(resource.fields["targeting"])
    for key in META_AUDIENCE_FIELDS:
        if targeting.get(key):
            ids = [entry["id"] if isinstance(entry, Mapping) else entry for entry in targeting[key]]
            targeting[key] = sorted({_named(i, by_id, refs) for i in ids})
    resource.fields = {**resource.fields, "targeting": targeting}
    resource.refs = refs
