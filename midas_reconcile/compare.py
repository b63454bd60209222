"""``midas compare``: the two platforms' live versions of one unified campaign, side by side.

Both live campaigns are read back into the spec's own terms (the importer's platform views), so the
comparison is of meaning, not of native shapes: objective, status, budget, schedule, targeting per
dimension (what all of a platform's ad groups share, or that it varies by ad group), ad groups (each one's
own targeting where it is not that, one platform's alone included) and their ads. The targeting
similarity is the TargetingMapper's score of each ad group present on both, with what Google's own
exclusions (``google.negative_*``) leave out, and the campaign's: of the targeting its ad groups share, or,
when they differ, the mean of its ad groups' scores. Meta's Advantage+ audience (``meta.advantage_audience``)
is a row of its own, never the same on Google, as are its per-key settings
(``meta.advantage_audience_settings``, as written): with it Meta takes most of the targeting as suggestions,
which the similarity does not score; so is an ad set's own hours (``meta.schedule.hours``), beside Google's
campaign hours where the ad group runs there too; so are the positions and device platforms Meta places ads by
(``meta.placements`` by position, ``meta.devices``), the campaign's and an ad group's own, which Google has no
counterpart of, and the places Google's alone (a county, an airport … by its geo target constant), listed as
Google describes them. So are where Meta's ads send people when they open a conversation
(``meta.destination``, ``meta.whatsapp_number``: click-to-message ads, Meta's alone), the campaign's and an ad
group's own, a creative's further images or videos (``meta.images``, ``meta.videos``: Meta's alone), a
creative run as the account's Instagram account (``meta.instagram_identity``: Meta's alone), a catalog
template's static cards (``meta.static_cards``: Meta's alone), a creative's display link
(``meta.display_link``: Meta's alone), and a
Dynamic Creative ad set (``meta.dynamic_creative``: Meta's alone). A
creative's fields are its first ad's, but where its ads in different ad groups show one otherwise (a console
edit of one), that field is a row per ad group running it, each platform's ad there.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from midas_reconcile.errors import MidasError
from midas_reconcile.importing.derive import CreativeView, GroupView, PlatformView, objective_for_bidding
from midas_reconcile.importing.hours import share_google_hours
from midas_reconcile.importing.importer import Importer
from midas_reconcile.importing.trees import CampaignTree
from midas_reconcile.importing.unify import targeting_data
from midas_reconcile.importing.url_tracking import meta_creative_tags
from midas_reconcile.money import format_money, from_google_micros
from midas_reconcile.resources import GOOGLE_URL_OPTIONS, path_segment
from midas_reconcile.spec import Targeting
from midas_reconcile.spec._places import geo_constant_entries, parse_place, parse_radius, radius_text
from midas_reconcile.spec.loader import locate
from midas_reconcile.spec.models import GOOGLE_ONLY_TARGETING
from midas_reconcile.targeting import Narrowing, TargetingMapper
from midas_reconcile.targeting.model import SimilarityScore
from midas_reconcile.url_parameters import KEYWORD_URL_OPTIONS

_TARGETING = ("ages", "genders", "locations", "languages", "interests", "exclude")


@dataclass
class Row:
    field: str
    google: Any
    meta: Any
    #: Whether the two say the same, where that is not equality (None: when they are equal).
    agree: bool | None = None

    @property
    def same(self) -> bool:
        return bool(self.google == self.meta) if self.agree is None else self.agree


@dataclass
class Comparison:
    campaign: str
    google: PlatformView
    meta: PlatformView
    similarity: SimilarityScore
    rows: list[Row] = field(default_factory=list)
    group_similarity: dict[str, float] = field(default_factory=dict)

    @property
    def differences(self) -> list[Row]:
        return [r for r in self.rows if not r.same]


def _budget_text(view: PlatformView) -> str:
    """``daily 20.00 USD``; a Google campaign on a shared budget shows that budget, named (others use it);
    a Meta campaign on ad set budgets of both periods shows the other period's beside, never added."""
    shared = view.shared_budget
    if shared is not None:
        amount = from_google_micros(int(shared.fields.get("amount_micros") or 0))
        return f"shared budget {shared.fields.get('name')!r}: daily {format_money(amount)} {view.currency}"
    others = "".join(
        f" + {period} {format_money(amount)} {view.currency} (ad sets)"
        for period, amount in sorted(view.period_amounts.items())
        if period != view.period
    )
    return f"{view.period} {format_money(view.amount)} {view.currency}{others}"


def google_channel(view: PlatformView) -> str:
    """What kind of Google campaign ``view`` is: ``search``, ``display``, ``demand_gen``, ``performance_max``
    (``google.channel``) or ``app``. (A ``shopping`` or ``hotel`` one runs on Google alone: nothing to compare
    it with.)"""
    if view.objective == "app_promotion":
        return "app"
    return str(view.options.get("channel", "search"))


def _app_text(app: dict[str, str] | None) -> str | None:
    """The app a platform's campaign promotes, by its store and id (what both platforms know of it)."""
    return f"{app['id']} ({app['store']})" if app is not None else None


def _google_exclusions(options: dict[str, Any]) -> Narrowing:
    """What a Google campaign's or ad group's own exclusions (``negative_*``) leave out of its audience.
    Its own positive criteria (``campaign_*``) are shown as rows, not scored: how Google combines them with
    an ad group's is not documented."""
    return Narrowing(
        frozenset(options.get("negative_ages", ())),
        frozenset(options.get("negative_genders", ())),
        frozenset(options.get("negative_interests", ())),
    )


def compare_campaign(session: Any, name: str) -> Comparison:
    """Read both platforms' live campaign ``name`` (from its spec's accounts) and compare them."""
    doc = session.workspace.campaigns.get(name)
    if doc is None:
        raise MidasError(f"no campaign named {name!r}; expected one of {sorted(session.workspace.campaigns)}")
    targets = {p: getattr(doc.spec.platforms, p) for p in ("google", "meta")}
    if any(t is None for t in targets.values()):
        line, _ = locate(session.root, doc, ("spec", "platforms"))
        raise MidasError(
            f"campaign {name!r} runs on one platform only; compare needs both ({doc.file}:{line}: "
            "spec.platforms)"
        )
    where = {p: t.account for p, t in targets.items() if t is not None}
    importer = Importer(session)
    trees = importer.live_trees(list(where.values()))
    # The read addresses a campaign by its unified name, whatever it is called on the platform: MIDAS's
    # record of its id finds it renamed in a console (``resources.campaigns_by_record``), as plan does.
    path = path_segment(name)
    live = {
        p: next((t for t in trees[account] if t.address.path == path), None) for p, account in where.items()
    }
    importer.learn_names([t for t in live.values() if t is not None])
    views: dict[str, PlatformView] = {}
    read: dict[str, CampaignTree] = {}
    for platform, tree in live.items():
        if tree is None:
            raise MidasError(
                f"campaign {name!r} is not live on {platform} (account {where[platform]}); apply it first"
            )
        views[platform], read[platform] = importer.view(tree), tree
    if google_channel(views["google"]) == "performance_max":
        views["google"] = _asset_groups_as_meta_ads(views["google"], views["meta"])
    views["google"] = _radius_cities_by_entry(importer, views["google"])
    google, meta = views["google"], views["meta"]
    mapper = TargetingMapper()
    # The campaign's targeting per dimension: what all its ad groups there share, else VARIES.
    campaign_wide = {p: _campaign_targeting(v) for p, v in views.items()}
    left_out = _google_exclusions(google.options)
    groups = {p: {g.name: g for g in v.groups} for p, v in views.items()}
    both = sorted(groups["google"].keys() & groups["meta"].keys())
    group_scores = {
        group: mapper.similarity(
            groups["google"][group].targeting,
            groups["meta"][group].targeting,
            (left_out | _google_exclusions(groups["google"][group].options.get("google", {})), Narrowing()),
        )
        for group in both
    }
    varying = any(VARIES in values.values() for values in campaign_wide.values())
    if varying and group_scores:
        similarity = _mean(list(group_scores.values()))
    else:
        bases = {p: (v.groups[0].targeting if v.groups else Targeting()) for p, v in views.items()}
        similarity = mapper.similarity(bases["google"], bases["meta"], (left_out, Narrowing()))
    result = Comparison(name, google, meta, similarity)
    add = result.rows.append
    add(Row("status", google.status, meta.status))
    # A Google Search, Display or Demand Gen campaign serves any objective: its bidding tells which one it
    # pursues (the Meta one, when it is that objective's default on the campaign's channel).
    objective = google.objective or objective_for_bidding(
        google.bidding_type or "", google_channel(google), prefer=meta.objective
    )
    add(Row("objective", objective, meta.objective))
    if google.app is not None or meta.app is not None:
        add(Row("app", _app_text(google.app), _app_text(meta.app)))
    if kind := google.options.get("app_campaign"):
        # What the Google app campaign drives (its sub type); MIDAS's Meta app ad sets drive installs.
        add(Row("app_campaign", kind, "installs" if meta.app is not None else None))
    add(Row("budget", _budget_text(google), _budget_text(meta)))
    for key in ("start", "end"):
        add(Row(f"schedule.{key}", _text(google.schedule.get(key)), _text(meta.schedule.get(key))))
    google_hours = google.options.get("hours", google.schedule.get("hours"))  # with bid adjustments
    share_google_hours(google_hours or [], meta)  # Meta's ad sets' schedules read as import writes them
    if google_hours or meta.schedule.get("hours"):  # when ads run (none: all the time)
        add(Row("schedule.hours", _hours_text(google_hours), _hours_text(meta.schedule.get("hours"))))
    for group, view in sorted(
        groups["meta"].items()
    ):  # a Meta ad set's own hours: Google's are the campaign's
        if (own := view.options.get("meta", {}).get("schedule", {}).get("hours")) is not None:
            ours = _hours_text(google_hours) if group in groups["google"] else None
            add(Row(f"ad group {group!r} schedule.hours", ours, _hours_text(own)))
    for dimension in _TARGETING:
        add(
            Row(
                f"targeting.{dimension}", campaign_wide["google"][dimension], campaign_wide["meta"][dimension]
            )
        )
    for option in GOOGLE_ONLY_TARGETING:  # what Google alone narrows: never the same on Meta
        if google.options.get(option):
            add(Row(f"google.{option}", google.options[option], None))
    if adjustments := google.options.get("device_bid_adjustments"):
        # Bids per device, Google's alone: Meta's ad sets run on devices (meta.devices), at no other bid.
        add(Row("google.device_bid_adjustments", [f"{d} {m}" for d, m in adjustments.items()], None))
    if places := google.options.get("location_bid_adjustments"):
        # Bids per place, Google's alone: Meta bids no differently per place.
        add(Row("google.location_bid_adjustments", [f"{p} {m}" for p, m in places.items()], None))
    if alone := _google_alone_places(importer, google):  # places Meta has none of: never the same on Meta
        add(Row("places Google's alone", alone, None))
    if dsa := google.options.get("dynamic_search_ads"):  # Google's alone: Meta writes no ad from a website
        add(Row("google.dynamic_search_ads", f"{dsa['domain']} ({dsa['language']})", None))
        if excluded := dsa.get("exclude_webpages"):  # the pages no dynamic ad group targets
            add(Row("google.dynamic_search_ads.exclude_webpages", [w["name"] for w in excluded], None))
        if feed := dsa.get("page_feed"):  # the pages the advertiser supplies, by URL
            add(Row("google.dynamic_search_ads.page_feed", [p["url"] for p in feed], None))
    if merchant := google.options.get("demand_gen"):  # Google's alone: Meta shows no Merchant Center feed
        label = f" ({merchant['feed_label']})" if merchant.get("feed_label") else ""
        add(Row("google.demand_gen", f"Merchant Center {merchant['merchant_id']}{label}", None))
    result.rows += _meta_only_rows("", meta.options)
    add(Row("ad groups", sorted(groups["google"]), sorted(groups["meta"])))
    for platform, other in (("google", "meta"), ("meta", "google")):
        for group in sorted(groups[platform].keys() - groups[other].keys()):  # one platform's alone
            for dimension in _TARGETING:  # where it targets other than what the campaign's all share
                value = targeting_data(groups[platform][group].targeting, [dimension])[dimension]
                if value != campaign_wide[platform][dimension]:
                    cells = {platform: value, other: None}
                    add(Row(f"ad group {group!r} targeting.{dimension}", cells["google"], cells["meta"]))
            ads = {platform: _ads(groups[platform][group]), other: None}
            add(Row(f"ad group {group!r} ads", ads["google"], ads["meta"]))
            group_google = groups[platform][group].options.get("google", {})
            for option in ("webpages", "exclude_webpages"):
                # A dynamic ad group's webpage targets and excluded pages: Google's alone (Meta has no
                # dynamic ads of a site).
                if webpages := group_google.get(option):
                    add(Row(f"ad group {group!r} google.{option}", [w["name"] for w in webpages], None))
            if (tree := group_google.get("product_groups")) is not None and platform == "google":
                add(Row(f"ad group {group!r} google.product_groups", demand_gen_filter_rows(tree), None))
            if platform == "google" and (row := _group_devices_row(group, group_google)) is not None:
                add(row)
            if platform == "meta":
                result.rows += _meta_only_rows(
                    f"ad group {group!r} ", groups["meta"][group].options.get("meta", {})
                )
    for group in both:
        pair = groups["google"][group], groups["meta"][group]
        result.group_similarity[group] = group_scores[group].total
        add(Row(f"ad group {group!r} status", pair[0].status, pair[1].status))
        for dimension in _TARGETING:  # where the ad group's targeting is not what the campaign's all share
            values = [targeting_data(g.targeting, [dimension])[dimension] for g in pair]
            if values != [campaign_wide[p][dimension] for p in ("google", "meta")]:
                add(Row(f"ad group {group!r} targeting.{dimension}", *values))
        own = pair[0].options.get("google", {})
        for option in ("negative_ages", "negative_genders"):  # what Google alone leaves out of it
            if own.get(option):
                add(Row(f"ad group {group!r} google.{option}", own[option], None))
        if own.get("channels"):  # a Demand Gen ad group's own channels: no Meta placement is one of them
            add(Row(f"ad group {group!r} google.channels", own["channels"], None))
        if (tree := own.get("product_groups")) is not None:  # Meta shows no Merchant Center feed
            add(Row(f"ad group {group!r} google.product_groups", demand_gen_filter_rows(tree), None))
        if (row := _group_devices_row(group, own)) is not None:
            add(row)
        result.rows += _meta_only_rows(f"ad group {group!r} ", pair[1].options.get("meta", {}))
        add(Row(f"ad group {group!r} ads", _ads(pair[0]), _ads(pair[1])))
    if google.creatives.keys() != meta.creatives.keys():  # those of one platform alone: named, not compared
        add(Row("creatives", sorted(google.creatives), sorted(meta.creatives)))
    for creative in sorted(google.creatives.keys() & meta.creatives.keys()):
        result.rows += _creative_rows(creative, google, meta)
        add(Row(f"creative {creative!r} status", _status(google, creative), _status(meta, creative)))
    _video_rows(google, meta, add)
    _url_tracking_rows(google, meta, _meta_ad_tags(read["meta"]), add)
    return result


def _group_devices_row(group: str, own: Mapping[str, Any]) -> Row | None:
    """The row of an ad group's own device bid adjustments (its ``google`` options ``own``), Google's alone as
    a campaign's are (Meta's ad sets run on devices, at no other bid); None when it has none."""
    if not (adjustments := own.get("device_bid_adjustments")):
        return None
    return Row(
        f"ad group {group!r} google.device_bid_adjustments",
        [f"{d} {m}" for d, m in adjustments.items()],
        None,
    )


#: A creative's fields ``compare`` shows, each a row (a carousel's ``primary_text`` and ``cards`` alone).
_CREATIVE_FIELDS: Final = ("final_url", "headlines", "descriptions")
_CAROUSEL_FIELDS: Final = ("primary_text", "cards")


def _creative_value(field: str, fields: dict[str, Any]) -> Any:
    """A creative's ``field`` as its row shows it."""
    if field == "cards":
        return _cards(fields)
    if field in ("headlines", "descriptions"):
        return fields.get(field) or []
    return fields.get(field)


def _creative_row(name: str, field: str, g: dict[str, Any] | None, m: dict[str, Any] | None) -> Row:
    """The row ``name`` of a creative's ``field``: Google's ad's fields ``g`` beside Meta's ``m`` (None: no
    such ad there, which never says the same)."""
    ours = _creative_value(field, g) if g is not None else None
    theirs = _creative_value(field, m) if m is not None else None
    if field not in ("headlines", "descriptions") or ours is None or theirs is None:
        return Row(name, ours, theirs)
    # A Meta ad holds one of each, which the creative's spec lists first; Google keeps no order. So long as
    # Meta's is one of Google's, the two can say the same — or, for a description, Meta shows none as the
    # creative's first is its primary text (a spec without ``primary_text``).
    shown_as_text = field == "descriptions" and (m or {}).get("primary_text") in ours
    # With Meta's multiple text options (``meta.text_options``) its ad offers several, as Google's does:
    # the same ones, each once (Google keeps no order), else they differ (one cut to fewer in a console).
    if ((m or {}).get("meta") or {}).get("text_options"):
        return Row(name, ours, theirs, agree=sorted(theirs) == sorted(ours))
    agree = set(theirs) <= set(ours) and len(theirs) <= 1 and (bool(theirs) or not ours or shown_as_text)
    return Row(name, ours, theirs, agree=agree)


def _creative_rows(creative: str, google: PlatformView, meta: PlatformView) -> list[Row]:
    """A creative's final URL, headlines and descriptions (a carousel's primary text and cards too) on both
    platforms. A creative's view is its first ad's: a field its ads show otherwise in another ad group (on
    either platform: a console edit of one ad) is a row per ad group running it instead, each platform's ad
    there beside the other's (``creative 'x' headlines in ad group 'walkers'``)."""
    g, m = google.creatives[creative].fields, meta.creatives[creative].fields
    fields = list(_CREATIVE_FIELDS)
    if "carousel" in (g.get("type"), m.get("type")):  # a carousel's texts are its cards' and primary text
        fields += _CAROUSEL_FIELDS
    ads = [
        {group: ad.fields for group, ad in v.ads_by_group.get(creative, {}).items()} for v in (google, meta)
    ]
    groups = sorted(ads[0].keys() | ads[1].keys())
    rows = []
    if more := (m.get("meta") or {}).get("primary_texts"):  # Meta's text options: Google has no primary text
        rows.append(Row(f"creative {creative!r} meta.primary_texts", None, more))
    for kind in ("images", "videos"):  # Meta's several images or videos (``spec._meta_media_options``)
        if more := (m.get("meta") or {}).get(kind):
            rows.append(Row(f"creative {creative!r} meta.{kind}", None, more))
    if (m.get("meta") or {}).get("instagram_identity"):  # Meta's alone (``spec._meta_instagram_identity``)
        rows.append(Row(f"creative {creative!r} meta.instagram_identity", None, True))
    if static := (m.get("meta") or {}).get("static_cards"):  # a catalog template's, Meta's alone
        rows.append(Row(f"creative {creative!r} meta.static_cards", None, static))
    if shown := (m.get("meta") or {}).get("display_link"):  # Meta's alone (``spec._meta_display_link``)
        rows.append(Row(f"creative {creative!r} meta.display_link", None, shown))
    for shown in fields:
        name = f"creative {creative!r} {shown}"
        varies = any(
            len(
                {
                    json.dumps(_creative_value(shown, f), sort_keys=True, default=str)
                    for f in by_group.values()
                }
            )
            > 1
            for by_group in ads
        )
        if not varies:
            rows.append(_creative_row(name, shown, g, m))
            continue
        rows += [
            _creative_row(f"{name} in ad group {group!r}", shown, ads[0].get(group), ads[1].get(group))
            for group in groups
        ]
    return rows


def _meta_only_rows(prefix: str, options: dict[str, Any]) -> list[Row]:
    """Rows of Meta's alone for the campaign's or an ad set's Meta ``options`` (``prefix``: "" or "ad group
    'x' "), never the same on Google: Advantage+ audience (reaching past the targeting) and its per-key
    settings (as written), positions and device platforms (``_meta_placed``), the conversation its ads open,
    an ad set's Dynamic Creative, and the time zone its hours run in where not the ad account's
    (``meta.hours_time_zone``)."""
    rows = [Row(f"{prefix}meta.advantage_audience", None, True)] if options.get("advantage_audience") else []
    if "advantage_audience_settings" in options:  # an ad set's {} says it has none of its campaign's
        rows.append(
            Row(f"{prefix}meta.advantage_audience_settings", None, options["advantage_audience_settings"])
        )
    if options.get("dynamic_creative"):  # a Dynamic Creative ad set (``spec._meta_dynamic_creative``)
        rows.append(Row(f"{prefix}meta.dynamic_creative", None, True))
    placed = _meta_placed(options, of_ad_group=bool(prefix))
    rows += [Row(f"{prefix}meta.{option}", None, value) for option, value in placed.items()]
    rows += [
        Row(f"{prefix}meta.{option}", None, options[option])
        for option in _META_ONLY_DESTINATION
        if option in options
    ]
    if "hours_time_zone" in options:  # hours in each viewer's zone: Google's run in its account's
        rows.append(Row(f"{prefix}meta.hours_time_zone", None, options["hours_time_zone"]))
    return rows


def _meta_placed(options: dict[str, Any], of_ad_group: bool) -> dict[str, Any]:
    """The positions (``meta.placements`` by position) and device platforms (``meta.devices``) Meta's
    campaign or ad set options name: Meta's alone, never the same on Google, which has neither. An ad set's
    options hold only what differs from its campaign's, so its platforms alone, automatic placements and
    every device (``[]``) are shown too."""
    if of_ad_group:
        return {k: options[k] for k in ("placements", "devices") if k in options}
    placed = {k: options[k] for k in ("placements", "devices") if options.get(k)}
    if not isinstance(placed.get("placements"), dict):  # platforms alone: Meta's own surfaces, not shown
        placed.pop("placements", None)
    return placed


#: Where Meta's ads send people when they open a conversation: no Google ad does (``spec._meta_messaging``).
_META_ONLY_DESTINATION: Final = ("destination", "whatsapp_number")


def demand_gen_filter_rows(tree: dict[str, Any], where: str = "") -> list[str]:
    """A Demand Gen ad group's product filter (``google.product_groups`` as import writes it), a line per
    group of products: its path of splits and whether it is excluded (``["all products"]`` for the root
    alone). It ignores bids, which a filter has none of: not for a Shopping ad group's product groups,
    whose groups bid (compare never shows a Shopping campaign, Google's alone)."""
    if not tree.get("split_by"):
        line = where or "all products"
        return [f"{line}: excluded" if tree.get("exclude") else line]
    dimension = tree["split_by"]
    rows: list[str] = []
    children = [*(tree.get("values") or {}).items(), ("(everything else)", tree.get("everything_else") or {})]
    for value, child in children:
        rows += demand_gen_filter_rows(
            child, f"{where} > {dimension} {value}" if where else f"{dimension} {value}"
        )
    return rows


def _ads(group: GroupView) -> list[str]:
    """The ad group's ads by creative name, each it pauses marked: an ad paused in one ad group alone is
    that ad group's difference (a creative's view keeps its first ad's status)."""
    return sorted(f"{name} (paused)" if name in group.paused else name for name in group.creatives)


def _status(view: PlatformView, creative: str) -> str:
    """``active``, or ``paused`` where every ad group running the creative pauses its ad, else the ad groups
    that do (``paused in 'walkers'``)."""
    running = [g for g in view.groups if creative in g.creatives]
    if not running:
        return view.creatives[creative].status
    paused = sorted(g.name for g in running if creative in g.paused)
    if not paused:
        return "active"
    if len(paused) == len(running):
        return "paused"
    return "paused in " + ", ".join(repr(name) for name in paused)


def _asset_groups_as_meta_ads(google: PlatformView, meta: PlatformView) -> PlatformView:
    """``google`` (a Performance Max campaign) with each asset group's creative under the name of the one
    ad its Meta ad set runs: an asset group keeps no creative name (the view names it after the asset
    group), and that ad is what MIDAS made of the same spec creative."""
    meta_ads = {g.name: g.creatives for g in meta.groups}
    renamed: dict[str, str] = {}
    for group in google.groups:
        ads = meta_ads.get(group.name, [])
        if len(group.creatives) == 1 and len(ads) == 1 and ads[0] not in google.creatives:
            renamed[group.creatives[0]] = ads[0]
    if not renamed:
        return google
    groups = [
        dataclasses.replace(g, creatives=[renamed.get(c, c) for c in g.creatives]) for g in google.groups
    ]
    creatives = {
        renamed.get(n, n): dataclasses.replace(c, name=renamed.get(n, n)) for n, c in google.creatives.items()
    }
    # Asset groups running one spec creative each name theirs after themselves: all are that creative's.
    by_group: dict[str, dict[str, CreativeView]] = {}
    for n, ads_of in google.ads_by_group.items():
        by_group.setdefault(renamed.get(n, n), {}).update(ads_of)
    return dataclasses.replace(google, groups=groups, creatives=creatives, ads_by_group=by_group)


#: A campaign's targeting row of a dimension its ad groups do not all share.
VARIES: Final = "varies by ad group"


def _google_alone_places(importer: Importer, view: PlatformView) -> list[str]:
    """The places ``view`` (Google's) targets or excludes by their geo target constant (a county, an airport
    …), which Meta has none of: each as Google describes it (``geoTargetConstants/9059413 (Austin County,
    US-TX (County))``), an excluded one marked so."""
    written = {pair for group in view.groups for pair in geo_constant_entries(group.targeting)}
    described = importer.location_entries(view.account, sorted({entry for entry, _ in written}))
    return [
        f"{entry}{f' ({described[entry]})' if entry in described else ''}{' excluded' if excluded else ''}"
        for entry, excluded in sorted(written)
    ]


def _radius_cities_by_entry(importer: Importer, view: PlatformView) -> PlatformView:
    """``view`` (Google's) with each radius around a city written with only its country (its address has no
    province: ``25 mi around Oakland, US``) around the entry of the one city Google finds for it (``25 mi
    around Oakland, US-CA``), as Meta's view names its city by key: one place, named alike on both sides."""
    bare = {
        radius.city.text
        for group in view.groups
        for entry in group.targeting.locations
        if (radius := parse_radius(entry)) is not None
        and radius.city is not None
        and radius.city.region is None
    }
    entries = importer.location_entries(view.account, sorted(bare)) if bare else {}
    named = {
        city: entry
        for city, entry in entries.items()
        if (place := parse_place(entry)) is not None and place.kind == "city" and place.region is not None
    }
    if not named:
        return view

    def renamed(entry: str) -> str:
        radius = parse_radius(entry)
        if radius is None or radius.city is None or radius.city.text not in named:
            return entry
        return radius_text(radius.distance, radius.unit, named[radius.city.text])

    groups = [
        dataclasses.replace(
            group,
            targeting=group.targeting.model_copy(
                update={"locations": [renamed(e) for e in group.targeting.locations]}
            ),
        )
        for group in view.groups
    ]
    return dataclasses.replace(view, groups=groups)


def _campaign_targeting(view: PlatformView) -> dict[str, Any]:
    """Per targeting dimension, the value every ad group of ``view`` targets (as ``targeting_data`` says
    it), or ``VARIES`` when they differ: the campaign's own, not its first ad group's."""
    out: dict[str, Any] = {}
    for dimension in _TARGETING:
        values = [targeting_data(g.targeting, [dimension])[dimension] for g in view.groups]
        if not values:
            values = [targeting_data(Targeting(), [dimension])[dimension]]
        out[dimension] = values[0] if all(v == values[0] for v in values) else VARIES
    return out


def _mean(scores: list[SimilarityScore]) -> SimilarityScore:
    """The mean of ad groups' similarity scores, in total and per dimension (rounded to 4 places, as each
    is): a campaign's whose ad groups target differently."""
    dimensions = {
        d: round(sum(s.dimensions[d] for s in scores) / len(scores), 4) for d in scores[0].dimensions
    }
    return SimilarityScore(round(sum(s.total for s in scores) / len(scores), 4), dimensions)


def _video_rows(google: PlatformView, meta: PlatformView, add: Callable[[Row], None]) -> None:
    """A row per creative showing videos: Google's YouTube videos (``google.youtube_videos``; a
    Performance Max asset group's creative goes by its Meta ad's name, ``_asset_groups_as_meta_ads``)
    beside the Meta ad of its name's uploaded video (``video_id``). YouTube ids and Meta's uploaded videos
    are never one and the same: MIDAS carries no video over (``mirror``)."""
    for name, creative in sorted(google.creatives.items()):
        videos = (creative.fields.get("google") or {}).get("youtube_videos")
        on_meta = meta.creatives.get(name)
        uploaded = on_meta.fields.get("video_id") if on_meta is not None else None
        if videos or uploaded:
            add(Row(f"creative {name!r} videos", videos, [uploaded] if uploaded else None))


def _meta_ad_tags(tree: CampaignTree) -> dict[str, set[str]]:
    """The ``url_tags`` ("": none) of the creatives of each Meta ad name in ``tree``: a creative's view is
    its first ad's, and an ad set's ad of the same name may tag otherwise (a console edit of one)."""
    creatives = tree.by_address()
    out: dict[str, set[str]] = {}
    for ad in tree.of_kind("ad"):
        creative = creatives.get(ad.refs["creative"]) if "creative" in ad.refs else None
        if creative is not None:
            out.setdefault(str(ad.fields.get("name") or ""), set()).add(
                str(creative.fields.get("url_tags") or "")
            )
    return out


def _tags_cell(distinct: set[str]) -> Any:
    """One value where all say it ("": None), else each of them, sorted."""
    if len(distinct) <= 1:
        return next(iter(distinct), "") or None
    return [t or "(none)" for t in sorted(distinct)]


def _url_tracking_rows(
    google: PlatformView, meta: PlatformView, by_ad: dict[str, set[str]], add: Callable[[Row], None]
) -> None:
    """The campaign's ``url_parameters``: Google's final URL suffix beside the Meta campaign's — the suffix
    when a Meta ad's ``url_tags`` are it (the others are creatives' own, in their rows, as compile makes
    them), else the tags its ads share, else each of them. Then Google's own tracking template and custom
    parameters, each keyword's own landing page and URL options (Meta has no keywords), and per creative on
    both the tags its ads add: Google's ad suffix, else its campaign's; Meta's ``url_tags``, each where its
    ad sets' ads differ (``by_ad``; an image or video sending people nowhere has no link to tag)."""
    tags = {name: by_ad.get(name) or {tag or ""} for name, tag in meta_creative_tags(meta).items()}
    suffix = google.url_parameters
    distinct = set().union(*tags.values()) if tags else set()
    add(Row("url_parameters", suffix, suffix if suffix and suffix in distinct else _tags_cell(distinct)))
    for option in GOOGLE_URL_OPTIONS:  # a tracking template or custom parameters: Google's alone
        if option != "final_url_suffix" and google.options.get(option):
            add(Row(f"google.{option}", google.options[option], None))
    for group in sorted(google.groups, key=lambda g: g.name):  # a keyword's own: Meta has no keywords
        for keyword in group.keywords:
            for option in KEYWORD_URL_OPTIONS:
                if keyword.get(option):
                    what = f"ad group {group.name!r} keyword {keyword['text']!r} ({keyword['match']})"
                    add(Row(f"{what} {option}", keyword[option], None))
    for creative in sorted(google.creatives.keys() & tags.keys()):
        ours = google.creatives[creative].fields.get("url_parameters") or suffix
        theirs = _tags_cell(tags[creative])
        if ours or theirs:
            add(Row(f"creative {creative!r} url_parameters", ours, theirs))


def _cards(fields: dict[str, Any]) -> list[str] | None:
    """A carousel's cards as each platform shows them alike, in order: headline and where it sends people
    (their media are Google image assets on one side, URLs or uploaded videos on the other)."""
    cards = fields.get("cards")
    if not cards:
        return None
    return [f"{card.get('headline')} → {card.get('final_url')}" for card in cards]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _hours_text(slots: list[dict[str, Any]] | None) -> str:
    """A platform's hours as text, slot by slot ("mon, tue 09:00–17:30; sat 10:00–24:00 ×1.2": a Google slot's
    bid adjustment after it)."""
    if not slots:
        return "all the time"
    return "; ".join(
        f"{', '.join(slot['days'])} {slot['start']}–{slot['end']}"
        + (f" ×{slot['bid_adjustment']}" if slot.get("bid_adjustment") is not None else "")
        for slot in slots
    )


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k} {_cell(v)}" for k, v in value.items()) or "—"
    return str(value) if value not in (None, "") else "—"


def render_comparison(comparison: Comparison, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(
            {
                "campaign": comparison.campaign,
                "google": {
                    "account": comparison.google.account,
                    "id": comparison.google.campaign_id,
                    "channel": google_channel(comparison.google),
                },
                "meta": {"account": comparison.meta.account, "id": comparison.meta.campaign_id},
                "targeting_similarity": {
                    "total": round(comparison.similarity.total, 4),
                    **{k: round(v, 4) for k, v in comparison.similarity.dimensions.items()},
                },
                "ad_group_similarity": {k: round(v, 4) for k, v in comparison.group_similarity.items()},
                "fields": [
                    {"field": r.field, "google": r.google, "meta": r.meta, "same": r.same}
                    for r in comparison.rows
                ],
            },
            indent=2,
            default=str,
        )
    c = comparison
    dims = ", ".join(f"{k} {v:.2f}" for k, v in c.similarity.dimensions.items())
    lines = [
        f"{c.campaign}: Google {google_channel(c.google)} campaign ({c.google.account}, id "
        f"{c.google.campaign_id}) vs "
        f"Meta ({c.meta.account}, id {c.meta.campaign_id})",
        f"Targeting similarity: {c.similarity.total:.2f} ({dims})",
    ]
    for group, score in c.group_similarity.items():
        lines.append(f"  ad group {group!r}: {score:.2f}")
    width = max(len(r.field) for r in c.rows) + 2
    cell = max(len(_cell(r.google)) for r in c.rows) + 2
    lines += ["", f"  {'field':<{width}}{'google':<{cell}}meta"]
    for row in c.rows:
        mark = " " if row.same else "≠"
        lines.append(f"{mark} {row.field:<{width}}{_cell(row.google):<{cell}}{_cell(row.meta)}")
    differences = len(c.differences)
    lines += [
        "",
        (f"{differences} fields differ." if differences != 1 else "1 field differs.")
        if differences
        else "No differences.",
    ]
    return "\n".join(lines)
