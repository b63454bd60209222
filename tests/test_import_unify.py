"""importing.unify: the two platforms' halves of one campaign become one document (the app it promotes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from midas_reconcile.compare import _asset_groups_as_meta_ads, _creative_rows
from midas_reconcile.importing.derive import CreativeView, GroupView, PlatformView, _add_creative
from midas_reconcile.importing.unify import targeting_data, unified_document
from midas_reconcile.spec import Targeting


def _view(platform: str, app: dict[str, str] | None) -> PlatformView:
    texts = {"headlines": ["Play free"], "descriptions": ["Solve puzzles."]}
    return PlatformView(
        platform,
        f"{platform}-main",
        "Puzzle",
        "1",
        "app_promotion",
        "active",
        "daily",
        Decimal(10),
        "USD",
        {},
        [GroupView("Main", "active", Targeting(locations=["US"]), ["Install"])],
        {"Install": CreativeView("Install", "active", dict(texts))},
        {},
        app=app,
    )


GOOGLE_APP = {"store": "google_play", "id": "com.example.puzzle"}
META_APP = {"store": "google_play", "id": "com.example.puzzle", "meta_app_id": "1234567890"}


@pytest.mark.parametrize(
    ("google", "meta", "app", "problem"),
    [
        (GOOGLE_APP, None, GOOGLE_APP, None),
        # Each platform's keys: Google knows the store and id, Meta its Meta app id besides.
        (GOOGLE_APP, META_APP, {**GOOGLE_APP, "meta_app_id": "1234567890"}, None),
        (
            GOOGLE_APP,
            {**META_APP, "id": "com.example.other"},
            {**GOOGLE_APP, "meta_app_id": "1234567890"},
            "the platforms promote different apps: google campaign 'Puzzle' (id 1, account google-main) app "
            "'com.example.puzzle' in google_play, meta campaign 'Puzzle' (id 1, account meta-main) app "
            "'com.example.other' in google_play",
        ),
    ],
)
def test_the_app_block_joins_what_each_platform_knows_of_one_app(
    google: dict[str, str], meta: dict[str, str] | None, app: dict[str, Any], problem: str | None
) -> None:
    views = [_view("google", google)] + ([_view("meta", meta)] if meta is not None else [])
    document, problems = unified_document(views)
    assert document["spec"]["app"] == app
    assert list(document["spec"])[:3] == ["platforms", "objective", "app"]
    assert problems == ([problem] if problem else [])


def _budgeted(platform: str, period: str, amount: str, **period_amounts: str) -> PlatformView:
    view = _view(platform, None)
    view.objective, view.period, view.amount = "traffic", period, Decimal(amount)
    view.period_amounts = {p: Decimal(a) for p, a in period_amounts.items()}
    return view


def _mixed() -> PlatformView:
    """A Meta campaign on ad set budgets of both periods: 20.00 a day and 500.00 over their lifetime."""
    return _budgeted("meta", "daily", "20", daily="20", lifetime="500")


@pytest.mark.parametrize(
    ("views", "budget"),
    [
        # Meta's daily ad sets' sum is its share beside Google's daily budget …
        ([_budgeted("google", "daily", "30"), _mixed()], {"daily": "50", "google": "30", "meta": "20"}),
        # … its lifetime ones' beside Google's lifetime budget; the others stay on top of it, never added.
        ([_budgeted("google", "lifetime", "900"), _mixed()],
         {"lifetime": "1400", "google": "900", "meta": "500"}),
        # Meta alone: the daily ones' sum.
        ([_mixed()], {"daily": "20"}),
    ],
)  # fmt: skip
def test_a_meta_campaign_on_ad_set_budgets_of_both_periods_takes_the_period_of_the_other_platform(
    views: list[PlatformView], budget: dict[str, str]
) -> None:
    document, problems = unified_document(views)
    written = document["spec"]["budget"]
    split = written.get("split", {})
    found = {k: v for k, v in {**written, **split}.items() if k in ("daily", "lifetime", "google", "meta")}
    assert found == {k: Decimal(v) for k, v in budget.items()}
    assert problems == []


@pytest.mark.parametrize(
    ("ages", "written"),
    [
        ({"min": 21}, {"min": 21}),
        ({"min": 21, "max": 40}, {"min": 21, "max": 40}),
        ({"max": 40}, {"min": 18, "max": 40}),
    ],
)
def test_an_open_ended_age_range_is_written_without_its_default_max(
    ages: dict[str, int], written: dict[str, int]
) -> None:
    assert targeting_data(Targeting.model_validate({"ages": ages, "locations": ["US"]}))["ages"] == written


def test_two_different_ads_of_one_name_are_refused_wherever_they_run() -> None:
    """One name is one creative: two ads of it in one ad group, or in two, that differ cannot be one."""
    view = _view("meta", META_APP)
    other = CreativeView("Install", "active", {"headlines": ["Play now"], "descriptions": ["Solve puzzles."]})
    _add_creative(view, other, "ad 'Install' of ad set 'Main'", "Main")
    assert view.problems == [
        "ad 'Install' of ad set 'Main' differs from another ad of the same name in this campaign in its "
        "headlines (a creative is one ad wherever it runs); rename one of them"
    ]


_GOOGLE_CAROUSEL = {
    "type": "carousel",
    "final_url": "https://shop.example/",
    "primary_text": "Two shoes.",
    "google": {"headline": "Shoes", "logo_images": ["4"]},
    "cards": [
        {"headline": "Ridge", "final_url": "https://shop.example/r", "google": {"marketing_image": "21"}},
        {
            "headline": "Mesa",
            "final_url": "https://shop.example/m",
            "google": {"square_marketing_image": "22"},
        },
    ],
}
_META_CAROUSEL = {
    "type": "carousel",
    "primary_text": "Two shoes.",
    "final_url": "https://shop.example/",
    "call_to_action": "shop_now",
    "cards": [
        {
            "headline": "Ridge",
            "description": "Grip.",
            "final_url": "https://shop.example/r",
            "image_url": "https://c/r.jpg",
        },
        {"headline": "Mesa", "final_url": "https://shop.example/m", "image_url": "https://c/m.jpg"},
    ],
}


def _carousels(google: dict[str, Any], meta: dict[str, Any]) -> list[dict[str, Any]]:
    views = [_view("google", None), _view("meta", None)]
    for view, fields in zip(views, (google, meta), strict=True):
        view.creatives = {"Install": CreativeView("Install", "active", fields)}
    document, _ = unified_document(views)
    return list(document["spec"]["creatives"])


def test_a_google_carousel_ad_and_a_meta_carousel_of_one_name_and_the_same_cards_are_one_creative() -> None:
    """A Demand Gen carousel ad and a Meta carousel of one name whose primary text, link and cards (headline
    and link, in order) agree are one carousel: Meta's texts and media, Google's options on it and on each
    card; cards that differ make one creative per platform."""
    [merged] = _carousels(_GOOGLE_CAROUSEL, _META_CAROUSEL)
    assert merged == {
        "name": "Install",
        "type": "carousel",
        "primary_text": "Two shoes.",
        "final_url": "https://shop.example/",
        "call_to_action": "shop_now",
        "cards": [
            {**_META_CAROUSEL["cards"][0], "google": {"marketing_image": "21"}},
            {**_META_CAROUSEL["cards"][1], "google": {"square_marketing_image": "22"}},
        ],
        "google": {"headline": "Shoes", "logo_images": ["4"]},
    }
    moved = {**_META_CAROUSEL, "cards": list(reversed(_META_CAROUSEL["cards"]))}
    apart = _carousels(_GOOGLE_CAROUSEL, moved)
    assert [c.get("platforms") for c in apart] == [["google"], ["meta"]]
    rsa = {"headlines": ["Two shoes."], "descriptions": ["Grip."], "final_url": "https://shop.example/"}
    assert [c.get("platforms") for c in _carousels(_GOOGLE_CAROUSEL, rsa)] == [["google"], ["meta"]]


def test_carousels_of_different_url_parameters_are_one_creative_per_platform() -> None:
    """A Google carousel ad's suffix and a Meta carousel's tags are one creative's ``url_parameters``: when
    they differ, merged, the Meta carousel's would have gone to Google too."""
    google = {**_GOOGLE_CAROUSEL, "url_parameters": "utm_source=google"}
    meta = {**_META_CAROUSEL, "url_parameters": "utm_source=meta"}
    apart = _carousels(google, meta)
    assert [(c.get("platforms"), c.get("url_parameters")) for c in apart] == [
        (["google"], "utm_source=google"),
        (["meta"], "utm_source=meta"),
    ]
    [merged] = _carousels(google, {**meta, "url_parameters": "utm_source=google"})
    assert merged["url_parameters"] == "utm_source=google"


def test_carousels_tagged_alike_with_the_campaign_s_suffix_are_one_creative_of_it() -> None:
    """The Google carousel ad's own suffix is its campaign's, and so are the Meta carousel's tags: Meta's are
    taken off as the campaign's, Google's stay (the ad has its own), and the two are still one creative, whose
    ``url_parameters`` compile back to both."""
    views = [_view("google", None), _view("meta", None)]
    views[0].url_parameters = "utm_source=ads"
    for view, fields in zip(views, (_GOOGLE_CAROUSEL, _META_CAROUSEL), strict=True):
        tagged = {**fields, "url_parameters": "utm_source=ads"}
        view.creatives = {"Install": CreativeView("Install", "active", tagged)}
    document, problems = unified_document(views)
    assert problems == []
    assert document["spec"]["url_parameters"] == "utm_source=ads"
    [merged] = document["spec"]["creatives"]
    assert ("platforms" not in merged, merged.get("url_parameters")) == (True, "utm_source=ads")


@pytest.mark.parametrize(
    ("channel", "named"),
    [
        (None, "Search"),
        ("display", "Display"),
        ("demand_gen", "Demand Gen"),
        ("performance_max", "Performance Max"),
    ],
)
def test_an_app_promotion_beside_a_google_campaign_of_another_type_names_that_type(
    channel: str | None, named: str
) -> None:
    """A Meta app promotion paired with a Google campaign that is no app campaign is refused, naming the
    Google campaign's type (its ``google.channel``; Search when it has none), not calling every one Search."""
    google, meta = _view("google", None), _view("meta", META_APP)
    google.objective = None
    if channel is not None:
        google.options = {"channel": channel}
    _, problems = unified_document([google, meta])
    assert (
        f"google campaign 'Puzzle' (id 1, account google-main) is a {named} campaign; app promotion runs as "
        "a Google app campaign (MULTI_CHANNEL, sub type APP_CAMPAIGN)"
    ) in problems, problems


def test_a_dynamic_search_ad_import_named_is_no_meta_ads_twin() -> None:
    """A Google dynamic search ad (no headline: Google writes it) that import named is never paired with a
    Meta ad as one creative: it stays Google's own creative (unify read its headlines before, and failed)."""
    google = _view("google", None)
    google.objective = "traffic"
    google.creatives = {
        "find-shoes": CreativeView(
            "find-shoes", "active", {"type": "dynamic_search", "descriptions": ["Find shoes."]}, named=False
        )
    }
    google.groups = [GroupView("Main", "active", Targeting(locations=["US"]), ["find-shoes"])]
    meta = _view("meta", None)
    meta.objective = "traffic"
    meta.creatives = {
        "Install": CreativeView(
            "Install",
            "active",
            {
                "headlines": ["Find shoes."],
                "descriptions": ["Find shoes."],
                "final_url": "https://a.example/",
            },
            meta_texts={"title": "Find shoes.", "body": "Find shoes.", "description": None},
        )
    }
    document, _ = unified_document([google, meta])
    creatives = {c["name"]: c for c in document["spec"]["creatives"]}
    assert creatives["find-shoes"]["type"] == "dynamic_search" and "Install" in creatives


def test_a_dynamic_ad_group_and_a_meta_ad_set_of_its_name_are_two_ad_groups() -> None:
    """A Google dynamic ad group (webpage targets, dynamic search ads) and a Meta ad set of its name each run
    their own platform's ads only, yet are never one ad group: dynamic search ads are Google's alone, so the
    dynamic one is written as Google's own (``platforms: [google]``), the ad set as Meta's."""
    google = _view("google", None)
    google.objective = "traffic"
    finder = {"type": "dynamic_search", "descriptions": ["Find shoes."]}
    google.creatives = {"finder": CreativeView("finder", "active", finder)}
    webpages = [{"name": "every page"}]
    google.groups = [
        GroupView("All Pages", "active", Targeting(locations=["US"]), ["finder"], options={"google": {
            "webpages": webpages}})
    ]  # fmt: skip
    meta = _view("meta", None)
    meta.objective = "traffic"
    meta.groups = [GroupView("All Pages", "active", Targeting(locations=["US"]), ["Install"])]
    document, _ = unified_document([google, meta])
    groups = document["spec"]["ad_groups"]
    assert [(g["name"], g.get("platforms")) for g in groups] == [
        ("All Pages", ["google"]),
        ("All Pages", ["meta"]),
    ], groups
    assert groups[0]["google"]["webpages"] == webpages and "google" not in groups[1]
    alone, _ = unified_document([google])  # in a campaign on Google alone: no platforms to name
    assert [(g["name"], g.get("platforms")) for g in alone["spec"]["ad_groups"]] == [("All Pages", None)]


def test_compare_keeps_each_asset_group_s_ad_of_one_creative_run_in_two_asset_groups() -> None:
    """Two Performance Max asset groups (Google names each one's creative after it) running the same spec
    creative as their Meta ad sets' ad: compare shows each asset group's beside its ad set's, neither
    overwriting the other (a console edit in one is that asset group's row)."""
    targeting = Targeting()
    ok = {"final_url": "https://x.test/a", "headlines": ["A"], "descriptions": ["D"]}
    edited = {**ok, "final_url": "https://x.test/edited"}

    def view(
        platform: str, groups: list[GroupView], by_group: dict[str, dict[str, CreativeView]]
    ) -> PlatformView:
        creatives = {name: next(iter(ads.values())) for name, ads in by_group.items()}
        return PlatformView(
            platform, "acct", "pm", "1", "traffic", "active", "daily", Decimal(10), "USD", {}, groups,
            creatives, {}, ads_by_group=by_group,
        )  # fmt: skip

    google = view(
        "google",
        [GroupView("g1", "active", targeting, ["g1"]), GroupView("g2", "active", targeting, ["g2"])],
        {"g1": {"g1": CreativeView("g1", "active", edited)}, "g2": {"g2": CreativeView("g2", "active", ok)}},
    )
    meta = view(
        "meta",
        [GroupView("g1", "active", targeting, ["c"]), GroupView("g2", "active", targeting, ["c"])],
        {"c": {"g1": CreativeView("c", "active", ok), "g2": CreativeView("c", "active", ok)}},
    )
    renamed = _asset_groups_as_meta_ads(google, meta)
    assert renamed.ads_by_group["c"].keys() == {"g1", "g2"}
    rows = {row.field: row for row in _creative_rows("c", renamed, meta)}
    assert rows["creative 'c' final_url in ad group 'g1'"].google == "https://x.test/edited"
    assert rows["creative 'c' final_url in ad group 'g2'"].google == "https://x.test/a"


def test_a_meta_catalog_campaign_is_never_one_campaign_with_a_google_one() -> None:
    """Catalog ads are Meta's alone (``spec._meta_catalog``): paired with a Google campaign (by name or
    ``--link``), the Meta catalog campaign is refused, saying to import it apart."""
    google, meta = _view("google", None), _view("meta", None)
    google.objective = meta.objective = "sales"
    meta.options = {"catalog": "8800112233", "product_set": "7700000001"}
    _, problems = unified_document([google, meta])
    assert (
        "meta campaign 'Puzzle' (id 1, account meta-main) is a catalog ads campaign (meta.catalog "
        "8800112233), which runs on Meta alone: import it apart from google campaign 'Puzzle' (id 1, account "
        "google-main)"
    ) in " ".join(problems), problems
