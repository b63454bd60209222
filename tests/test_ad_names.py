"""Google's responsive search and app ads keep no name: how MIDAS gives them back their creative names."""

from __future__ import annotations

import dataclasses
from typing import Any

from midas_reconcile.ad_names import (
    AdNamer,
    is_unnamed_ad,
    meta_ads_by_record,
    named_by_content,
    named_by_record,
    renamed_ads,
)
from midas_reconcile.resources import GOOGLE, META, Address, Resource

ACCOUNT = "google-main"
RSA: dict[str, Any] = {
    "status": "ENABLED",
    "type": "RESPONSIVE_SEARCH_AD",
    "headlines": ["Run faster", "Spring Sale"],
    "descriptions": ["Light shoes."],
    "final_urls": ["https://shop.example/run"],
}


def _group(path: str) -> Address:
    return Address(GOOGLE, ACCOUNT, "ad_group", path)


def _live_ad(group: str, ad_id: str, **fields: Any) -> Resource:
    """An ad as the connectors read it: at its ad id, its platform id ``<ad group id>~<ad id>``."""
    return Resource(
        Address(GOOGLE, ACCOUNT, "ad_group_ad", f"{group}/{ad_id}"),
        {**RSA, **fields},
        {"ad_group": _group(group)},
        f"77~{ad_id}",
        managed=True,
    )


def _wanted_ad(group: str, name: str, **fields: Any) -> Resource:
    return Resource(
        Address(GOOGLE, ACCOUNT, "ad_group_ad", f"{group}/{name}"),
        {**RSA, **fields},
        {"ad_group": _group(group)},
    )


def test_an_ad_read_at_its_id_is_unnamed_and_one_with_a_name_or_another_kind_is_not() -> None:
    assert is_unnamed_ad(_live_ad("spring/runners", "501"))
    named = _live_ad("spring/runners", "501")  # an ad of a type Google keeps a name for: at that name
    assert not is_unnamed_ad(Resource(named.address, named.fields, named.refs, "77~999"))
    meta_ad = Resource(Address(META, "meta-main", "ad", "spring/runners/501"), {}, {}, "501")
    assert not is_unnamed_ad(meta_ad)


def test_a_recorded_ad_takes_its_recorded_name_under_its_ad_group_as_read() -> None:
    """The ad group was renamed in place since the record: the ad goes along with it."""
    ad = _live_ad("spring/walkers", "501")
    other = _live_ad("spring/walkers", "502")
    named = named_by_record([ad, other], {"77~501": "spring/runners/hero%2F1"})
    assert [r.address.path for r in named] == ["spring/walkers/hero%2F1", "spring/walkers/502"]
    assert named[0].platform_id == "77~501" and named[0].fields == ad.fields


def test_a_named_ad_recorded_under_another_name_of_its_ad_group_is_read_at_the_recorded_one() -> None:
    """A Demand Gen ad keeps the immutable name it was created with: MIDAS's record of a creative renamed
    in the specs wins over it, unless another ad holds the recorded name or it is in another ad group."""
    story, other, elsewhere = (
        dataclasses.replace(
            _live_ad("s/g", "9"), address=Address(GOOGLE, ACCOUNT, "ad_group_ad", "s/g/Story")
        ),
        dataclasses.replace(
            _live_ad("s/g", "8"), address=Address(GOOGLE, ACCOUNT, "ad_group_ad", "s/g/Held")
        ),
        dataclasses.replace(
            _live_ad("s/g", "7"), address=Address(GOOGLE, ACCOUNT, "ad_group_ad", "s/g/Away")
        ),
    )
    recorded = {"77~9": "s/g/Story v2", "77~8": "s/g/Away", "77~7": "s/h/Away"}
    named = named_by_record([story, other, elsewhere], recorded)
    assert [r.address.path for r in named] == ["s/g/Story v2", "s/g/Held", "s/g/Away"]
    assert named[0].fields == story.fields and named[0].platform_id == "77~9"


def test_an_unrecorded_ad_takes_the_name_of_the_wanted_ad_it_is_exact_matches_first_oldest_first() -> None:
    """Of identical ads the oldest is taken, one per wanted ad, one whose status matches before one whose
    status differs (an update then follows); texts may not differ (Google ads are immutable): the ad with
    other headlines, and the ad of another group, stay at their ids."""
    paused, enabled, late = (
        _live_ad("s/g", "8", status="PAUSED"),
        _live_ad("s/g", "9"),
        _live_ad("s/g", "11", status="PAUSED"),
    )
    other_texts = _live_ad("s/g", "7", headlines=["Something else", "Spring Sale"])
    in_other_group = _live_ad("s/h", "6")
    wanted = [_wanted_ad("s/g", "hero"), _wanted_ad("s/g", "hero-2")]
    named = named_by_content([late, other_texts, enabled, paused, in_other_group], wanted)
    assert [r.address.path for r in named] == ["s/g/11", "s/g/7", "s/g/hero", "s/g/hero-2", "s/h/6"]
    assert named[3].platform_id == "77~8"  # hero-2 is enabled, none was left: the oldest paused twin


def test_twins_wanted_with_other_statuses_each_take_their_own() -> None:
    enabled, paused = _live_ad("s/g", "8"), _live_ad("s/g", "9", status="PAUSED")
    wanted = [_wanted_ad("s/g", "a", status="PAUSED"), _wanted_ad("s/g", "b")]
    named = {r.platform_id: r.address.path for r in named_by_content([enabled, paused], wanted)}
    assert named == {"77~8": "s/g/b", "77~9": "s/g/a"}


def test_an_ad_already_at_a_wanted_address_is_left_alone() -> None:
    recorded = named_by_record([_live_ad("s/g", "9")], {"77~9": "s/g/hero"})
    twin = _live_ad("s/g", "10")
    assert named_by_content([*recorded, twin], [_wanted_ad("s/g", "hero")]) == [*recorded, twin]


def test_import_names_an_ad_after_its_first_headline_and_the_same_ad_in_two_groups_once() -> None:
    """One name per content, whatever its status: the same ad run by two ad groups is one creative (paused in
    a third, too: that ad group's ``paused_creatives``), its twin in one ad group another; an unrecorded copy
    of a recorded ad takes its name; an ad whose first headline makes a name taken gets the next number."""
    recorded = named_by_record([_live_ad("s/g", "1")], {"77~1": "s/g/run-faster"})[0]
    fast = {"headlines": ["Run Faster!"]}
    first, again, twin = (
        _live_ad("s/g", "2", **fast),
        _live_ad("s/h", "3", **fast),
        _live_ad("s/g", "4", **fast),
    )
    paused = _live_ad("s/i", "5", status="PAUSED", **fast)
    copy = _live_ad("s/h", "6")
    other = named_by_record([_live_ad("s/g", "7", headlines=["Walk"])], {"77~7": "s/g/Spring%2FSale"})[0]
    ads = [recorded, first, again, twin, paused, copy, other]
    name = AdNamer(ads)
    assert [name(ad) for ad in ads] == [
        "run-faster",
        "run-faster-2",
        "run-faster-2",
        "run-faster-3",
        "run-faster-2",
        "run-faster",
        "Spring/Sale",
    ]


def _recorded_ad(group: str, ad_id: str, name: str, **fields: Any) -> Resource:
    """A live ad MIDAS recorded under ``name`` (``named_by_record``)."""
    return named_by_record([_live_ad(group, ad_id, **fields)], {f"77~{ad_id}": f"{group}/{name}"})[0]


def test_a_recorded_ad_whose_creative_was_renamed_moves_to_the_new_name() -> None:
    """Same ad group and content: the record moves. Not when the old name is still wanted, the new one
    is held, the content differs, the ad group differs or MIDAS did not record the ad."""
    hero = _recorded_ad("s/g", "9", "hero")
    live = [hero, _recorded_ad("s/h", "10", "kept"), _live_ad("s/g", "11")]
    champion = _wanted_ad("s/g", "champion")
    assert renamed_ads(live, [champion], {hero.address: hero}) == {champion.address: hero.address}
    assert renamed_ads(live, [champion], {}) == {}  # not recorded: named_by_content's business
    assert renamed_ads(live, [champion, _wanted_ad("s/g", "hero")], {hero.address: hero}) == {}
    other_texts = _wanted_ad("s/g", "champion", headlines=["Walk", "Spring Sale"])
    assert renamed_ads(live, [other_texts], {hero.address: hero}) == {}
    assert renamed_ads(live, [_wanted_ad("s/h", "champion")], {hero.address: hero}) == {}
    held = [*live, _recorded_ad("s/g", "12", "champion")]
    assert renamed_ads(held, [champion], {hero.address: hero}) == {}


def test_renamed_twins_pair_exact_matches_first_oldest_first() -> None:
    """Three recorded copies of one ad renamed at once, one of them paused: each new name takes the
    oldest copy with its status, then the oldest left whose status differs (an update follows)."""
    paused, old, young = (
        _recorded_ad("s/g", "8", "a", status="PAUSED"),
        _recorded_ad("s/g", "9", "b"),
        _recorded_ad("s/g", "10", "c"),
    )
    live = [young, paused, old]
    wanted = [_wanted_ad("s/g", "x"), _wanted_ad("s/g", "y"), _wanted_ad("s/g", "z")]
    for order in (wanted, wanted[::-1]):  # whatever order the desired ads come in
        moves = renamed_ads(live, order, {ad.address: ad for ad in live})
        assert {new.path: old.path for new, old in moves.items()} == {
            "s/g/x": "s/g/b",
            "s/g/y": "s/g/c",
            "s/g/z": "s/g/a",
        }


def test_a_renamed_creative_is_the_recorded_ads_before_an_unrecorded_twins() -> None:
    """A console copy of the ad (unrecorded, even an older one) does not take the renamed creative: the ad
    MIDAS managed keeps it, with its history; a removed recorded ad is no candidate."""
    hero, copy = _recorded_ad("s/g", "9", "hero"), _live_ad("s/g", "4")
    wanted = [_wanted_ad("s/g", "champion")]
    assert named_by_content([hero, copy], wanted, {hero.address: hero}) == [hero, copy]
    assert [r.address.path for r in named_by_content([hero, copy], wanted)] == ["s/g/hero", "s/g/champion"]
    assert renamed_ads([hero, copy], wanted, {hero.address: hero}) == {wanted[0].address: hero.address}
    removed = _recorded_ad("s/g", "9", "hero", status="REMOVED")
    assert renamed_ads([removed], wanted, {removed.address: removed}) == {}


META_ACCOUNT = "meta-main"
LINK: dict[str, Any] = {"title": "Run faster", "body": "Light shoes.", "link_url": "https://shop.example/run"}


def _meta(
    kind: str, path: str, fields: dict[str, Any], refs: dict[str, Address], platform_id: str | None
) -> Resource:
    return Resource(
        Address(META, META_ACCOUNT, kind, path), fields, refs, platform_id, managed=platform_id is not None
    )


def _meta_ad(
    adset: str, name: str, ad_id: str | None = None, status: str = "ACTIVE", **content: Any
) -> list[Resource]:
    """A Meta ad named ``name`` and its creative (live with ``ad_id``, its creative's id ``c<ad_id>``;
    wanted without): the creative addressed at the ad, its own name its path."""
    path = f"{adset}/{name}"
    creative = _meta("adcreative", path, {"name": path, **LINK, **content}, {}, ad_id and f"c{ad_id}")
    refs = {"adset": Address(META, META_ACCOUNT, "adset", adset), "creative": creative.address}
    return [creative, _meta("ad", path, {"name": name, "status": status}, refs, ad_id)]


def test_a_recorded_meta_ad_whose_creative_was_renamed_moves_with_its_creative() -> None:
    """Same ad set and creative content (the creative's own name aside): the ad and its creative move. Not
    when the content differs, the ad set differs, the wanted creative's address is live already, or MIDAS
    did not record the ad."""
    live = _meta_ad("s/g", "hero", "9")
    recorded = {r.address: r for r in live}
    wanted = _meta_ad("s/g", "champion")
    moves = renamed_ads(live, wanted, recorded)
    assert {(new.kind, new.path): old.path for new, old in moves.items()} == {
        ("adcreative", "s/g/champion"): "s/g/hero",
        ("ad", "s/g/champion"): "s/g/hero",
    }
    assert renamed_ads(live, wanted, {}) == {}
    assert renamed_ads(live, _meta_ad("s/g", "champion", title="Walk"), recorded) == {}
    assert renamed_ads(live, _meta_ad("s/h", "champion"), recorded) == {}
    orphan = _meta_ad("s/g", "champion", "3")[0]  # a creative left by an interrupted apply, at that name
    assert renamed_ads([*live, orphan], wanted, recorded) == {}
    paused = renamed_ads(live, _meta_ad("s/g", "champion", status="PAUSED"), recorded)
    assert paused == moves  # a status the spec changed is an update of the moved ad


def test_a_meta_ad_using_another_ads_creative_is_not_renamed() -> None:
    """Its creative is addressed at the older ad using it: moving it would take it from that ad."""
    hero, copy = _meta_ad("s/g", "hero", "9"), _meta_ad("s/g", "copy", "10")
    shared = Resource(copy[1].address, copy[1].fields, {**copy[1].refs, "creative": hero[0].address}, "10")
    live = [*hero, shared]
    assert renamed_ads(live, [*hero, *_meta_ad("s/g", "champion")], {r.address: r for r in live}) == {}


def test_renamed_meta_twins_pair_exact_matches_first_oldest_first() -> None:
    """Three recorded copies of one ad renamed at once, one paused: whatever the input order, each new
    name takes the oldest copy with its status, then the oldest left (an update of its status follows)."""
    live = [*_meta_ad("s/g", "c", "10"), *_meta_ad("s/g", "a", "8", "PAUSED"), *_meta_ad("s/g", "b", "9")]
    wanted = [*_meta_ad("s/g", "x"), *_meta_ad("s/g", "y"), *_meta_ad("s/g", "z")]
    for order in (wanted, wanted[::-1]):
        moves = renamed_ads(live[::-1], order, {r.address: r for r in live})
        assert {new.path: old.path for new, old in moves.items() if new.kind == "ad"} == {
            "s/g/x": "s/g/b",
            "s/g/y": "s/g/c",
            "s/g/z": "s/g/a",
        }
        assert all(
            moves[Address(META, META_ACCOUNT, "adcreative", new.path)].path == old.path
            for new, old in moves.items()
        )


def test_a_meta_ad_recorded_under_another_name_is_read_there_with_its_creative() -> None:
    """Renamed in a console, or by an apply that moved its records and stopped before sending the name:
    the same ad, read at its recorded address (its name then a difference), its creative and the ad's ref
    to it along. Not across ad sets, nor onto an address another live ad keeps; two ads swapping names
    swap addresses."""
    hero = _meta_ad("s/g", "hero", "9")
    other = _meta_ad("s/g", "other", "10")
    read = meta_ads_by_record([*hero, *other], {"9": "s/g/champion", "10": "s/g/other"})
    ad, creative = read[1], read[0]
    assert (ad.address.path, creative.address.path) == ("s/g/champion", "s/g/champion")
    assert ad.refs["creative"] == creative.address and ad.fields["name"] == "hero"
    assert read[2:] == other
    assert meta_ads_by_record(hero, {"9": "s/h/champion"}) == hero  # another ad set: not this ad
    assert meta_ads_by_record([*hero, *other], {"9": "s/g/other", "10": "s/g/other"}) == [*hero, *other]
    swapped = meta_ads_by_record([*hero, *other], {"9": "s/g/other", "10": "s/g/hero"})
    assert [(r.address.kind, r.address.path) for r in swapped] == [
        ("adcreative", "s/g/other"),
        ("ad", "s/g/other"),
        ("adcreative", "s/g/hero"),
        ("ad", "s/g/hero"),
    ]
    assert meta_ads_by_record(hero, {}) is hero
