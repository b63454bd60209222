"""The shipped example workspace, copied for a test (midas.yaml, specs/, policies/)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]


def copy_example_workspace(root: Path) -> Path:
    """A fresh copy of the example workspace at ``root`` (created)."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "midas.yaml", root / "midas.yaml")
    shutil.copytree(REPO / "specs", root / "specs")
    shutil.copytree(REPO / "policies", root / "policies")
    return root


def per_ad_set(text: str) -> str:
    """The example spring-sale spec with its Meta share (20.00) set per ad set: 12.00 and 8.00."""
    for creatives, amount in (("[spring-shoes, spring-apparel]", "12.00"), ("[spring-shoes]", "8.00")):
        line = f"      creatives: {creatives}\n"
        assert line in text, line
        text = text.replace(line, f"{line}      meta: {{budget: {{daily: {amount}}}}}\n")
    return text


def target_an_existing_audience(root: Path, name: str = "site-visitors") -> None:
    """The example workspace's spring-sale campaign targeting ``name``, an audience built outside MIDAS
    (an ``existing: true`` Audience found on both example accounts)."""
    (root / "specs" / f"{name}.yaml").write_text(
        f"apiVersion: midas/v1\nkind: Audience\nmetadata: {{name: {name}}}\nspec:\n  existing: true\n"
        "  platforms: {google: {account: google-main}, meta: {account: meta-main}}\n",
        encoding="utf-8",
    )
    spec = root / "specs" / "spring-sale.yaml"
    line = "    interests: [Running, Fitness and wellness]\n"
    text = spec.read_text(encoding="utf-8")
    assert line in text, line
    spec.write_text(text.replace(line, f"{line}    audiences: [{name}]\n"), encoding="utf-8")


#: The UTM tags the example's spring-sale campaign gets from ``with_url_tracking``, and its apparel's own.
SPRING_TAGS = "utm_source=midas&utm_medium=cpc"
APPAREL_TAGS = "utm_source=midas&utm_content=apparel"
APPAREL_URL = "      final_url: https://shop.example.com/spring/apparel"
RUNNING_SHOES = "{text: running shoes, match: phrase"
#: The keyword "running shoes"'s own landing page and suffix.
SHOES_URL = "https://shop.example.com/spring/running-shoes"
SHOES_TAGS = "utm_term=running-shoes"
#: The suffix of the ad group ``runners`` on Google (its ``google.final_url_suffix``; a custom parameter too).
RUNNERS_TAGS = "utm_content=runners"
#: The apparel creative's own Google URL options (its ad's tracking template, custom parameter, mobile URL).
APPAREL_TEMPLATE = "{lpurl}?ad={_ad}"
APPAREL_MOBILE_URL = "https://m.shop.example.com/spring/apparel"


def with_url_tracking(root: Path) -> None:
    """The example's spring-sale campaign with URL tracking written once for both platforms (its
    ``url_parameters``, and the apparel creative's own), Google's tracking template and custom parameters (the
    campaign's, the apparel ad's own with its final mobile URL, and the ad group ``runners``'s own with its
    suffix), and a keyword's own max CPC (1.25), final URL and suffix."""
    spec = root / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    edits = {
        "  objective: sales\n": f"  objective: sales\n  url_parameters: {SPRING_TAGS}\n",
        f"{APPAREL_URL}\n": (
            f"{APPAREL_URL}\n      url_parameters: {APPAREL_TAGS}\n      google:\n"
            f'        tracking_url_template: "{APPAREL_TEMPLATE}"\n'
            "        url_custom_parameters: {ad: apparel}\n"
            f"        final_mobile_urls: [{APPAREL_MOBILE_URL}]\n"
        ),
        "    bidding: {strategy: maximize_conversion_value, target_roas: 4.0}\n": (
            "    bidding: {strategy: maximize_conversion_value, target_roas: 4.0}\n"
            '    tracking_url_template: "{lpurl}?src={_src}"\n    url_custom_parameters: {src: midas}\n'
        ),
        f"        - {RUNNING_SHOES}}}\n": (
            f"        - {RUNNING_SHOES}, cpc_bid: 1.25, final_url: {SHOES_URL},"
            f" final_url_suffix: {SHOES_TAGS}}}\n"
        ),
        "    - name: runners\n": (
            "    - name: runners\n      google:\n"
            f"        final_url_suffix: {RUNNERS_TAGS}\n        url_custom_parameters: {{g: runners}}\n"
        ),
    }
    for old, new in edits.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    spec.write_text(text, encoding="utf-8")


def with_google_eu(root: Path) -> Path:
    """``root``'s midas.yaml with a second Google account, ``google-eu`` (sandbox, USD)."""
    settings = root / "midas.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "accounts:\n",
            'accounts:\n  google-eu: {platform: google, connector: sandbox, customer_id: "2234567890", '
            "currency: USD}\n",
            1,
        ),
        encoding="utf-8",
    )
    return root


#: A Google-only app_promotion campaign of the example workspace's Google account: an app campaign bidding
#: to a target cost per install, one app ad.
APP_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: puzzle-app}
spec:
  platforms: {google: {account: google-main}}
  objective: app_promotion
  app: {store: google_play, id: com.example.puzzle}
  budget: {daily: 20.00, currency: USD}
  targeting: {locations: [US], languages: [en]}
  google: {bidding: {strategy: target_cpa, target_cpa: 1.50}}
  creatives:
    - name: install
      headlines: [Puzzle fun, Play free]
      descriptions: [Hundreds of levels to solve.]
"""

#: An app campaign for engagement of the example workspace's Google account: re-engaging the people of an
#: audience built outside MIDAS (``LAPSED_PLAYERS``, which a test adds to the account) for an in-app
#: conversion action, with an engagement ad naming image assets.
ENGAGEMENT_SPEC = """\
apiVersion: midas/v1
kind: Audience
metadata: {name: lapsed-players}
spec:
  existing: true
  platforms: {google: {account: google-main}}
---
apiVersion: midas/v1
kind: Campaign
metadata: {name: puzzle-comeback}
spec:
  platforms: {google: {account: google-main}}
  objective: app_promotion
  app: {store: google_play, id: com.example.puzzle}
  budget: {daily: 15.00, currency: USD}
  targeting: {locations: [US], languages: [en], audiences: [lapsed-players]}
  google:
    app_campaign: engagement
    bidding: {strategy: target_cpa, target_cpa: 0.80, conversion_actions: [7001]}
  creatives:
    - name: daily-puzzle
      headlines: [New daily puzzle]
      descriptions: [Your streak is waiting.]
      google: {images: ["1101"]}
"""
LAPSED_PLAYERS = "lapsed-players"
#: An app campaign for pre-registration of the example workspace's Google account (an Android app).
PRE_REGISTRATION_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: puzzle-two-launch}
spec:
  platforms: {google: {account: google-main}}
  objective: app_promotion
  app: {store: google_play, id: com.example.puzzletwo}
  budget: {daily: 25.00, currency: USD}
  targeting: {locations: [US]}
  google: {app_campaign: pre_registration}
  creatives:
    - name: pre-register
      headlines: [Pre-register now, Puzzle Two]
      descriptions: [Be first to play at launch.]
      google: {images: ["1201", "1202"]}
"""

#: A Display campaign on Google (responsive display ads naming image assets by id) and its Meta half (the same
#: creative's image_url).
DISPLAY_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: trail-display}
spec:
  platforms: {google: {account: google-main}, meta: {account: meta-main}}
  objective: traffic
  budget: {daily: 30.00, currency: USD, split: {google: 0.5, meta: 0.5}}
  targeting: {locations: [US], languages: [en]}
  google: {channel: display, business_name: Example Running}
  creatives:
    - name: banner
      type: image
      headlines: [Trail shoes, Run the hills]
      descriptions: [Grip for every trail.]
      primary_text: Trail shoes that grip wet rock and loose gravel.
      final_url: https://shop.example.com/trail
      image_url: https://cdn.example.com/trail.jpg
      google:
        marketing_images: ["1001"]
        square_marketing_images: ["1002"]
        logo_images: ["1003"]
"""

#: ``DISPLAY_SPEC`` whose responsive display ad shows two YouTube videos (by YouTube video id).
DISPLAY_VIDEOS_SPEC = DISPLAY_SPEC.replace(
    '        logo_images: ["1003"]\n',
    '        logo_images: ["1003"]\n        youtube_videos: [dQw4w9WgXcQ, M7lc1UVf-VE]\n',
)

#: A Performance Max campaign on Google (DISPLAY_SPEC's creative the assets of its one asset group, images by
#: asset id) and its Meta half (an ad set with one ad).
PMAX_SPEC = (
    DISPLAY_SPEC.replace("trail-display", "trail-pmax")
    .replace("objective: traffic", "objective: sales")
    .replace("daily: 30.00", "daily: 40.00")
    .replace("channel: display", "channel: performance_max")
    .replace("name: banner", "name: trail")
    .replace("Run the hills]", "Run the hills, Grip on wet rock]")
    .replace("every trail.]", "every trail., Light shoes for long days.]")
    .replace("        logo_images", "        square_logo_images")
)

#: ``PMAX_SPEC`` whose asset group shows two YouTube videos (by YouTube video id).
PMAX_VIDEOS_SPEC = PMAX_SPEC.replace(
    "      google:\n", "      google:\n        youtube_videos: [dQw4w9WgXcQ, M7lc1UVf-VE]\n"
)

#: ``PMAX_SPEC`` with brand guidelines on: its business name and square logo the campaign's.
PMAX_BRAND_SPEC = PMAX_SPEC.replace(
    "business_name: Example Running}",
    'business_name: Example Running, brand_guidelines: {square_logo_images: ["1003"]}}',
).replace('        square_logo_images: ["1003"]\n', "")

#: A Demand Gen campaign on Google (DISPLAY_SPEC's creative a multi-asset ad naming image assets by id;
#: locations and languages per ad group, the second ad group's its own) and its Meta half.
DEMAND_GEN_SPEC = (
    DISPLAY_SPEC.replace("trail-display", "trail-demand")
    .replace("objective: traffic", "objective: leads")
    .replace("channel: display", "channel: demand_gen")
    .replace("name: banner", "name: story")
    .replace('square_marketing_images: ["1002"]', 'portrait_marketing_images: ["1005"]')
    + """\
  ad_groups:
    - {name: home, creatives: [story]}
    - {name: canada, creatives: [story], targeting: {locations: [CA], languages: [en, fr]}}
"""
)

#: ``DEMAND_GEN_SPEC`` with a Demand Gen video responsive ad beside its multi-asset ad in ad group ``home``
#: (a creative with YouTube videos, on Google alone: Meta plays no YouTube video).
DEMAND_GEN_VIDEO_SPEC = DEMAND_GEN_SPEC.replace(
    "  ad_groups:\n",
    """\
    - name: clip
      platforms: [google]
      headlines: [Trail shoes, Run the hills]
      descriptions: [Grip for every trail.]
      final_url: https://shop.example.com/trail
      google:
        youtube_videos: [dQw4w9WgXcQ, M7lc1UVf-VE]
        logo_images: ["1003"]
        long_headlines: [Trail shoes that grip wet rock]
        breadcrumb1: trail
        breadcrumb2: shoes
        companion_banners: ["1006"]
  ad_groups:
""",
).replace("{name: home, creatives: [story]}", "{name: home, creatives: [story, clip]}")


#: ``DEMAND_GEN_SPEC`` with a carousel on both platforms in ad group ``home``: a Meta carousel of two cards
#: (image URLs) and a Google Demand Gen carousel ad of the same cards (image asset ids).
DEMAND_GEN_CAROUSEL_SPEC = DEMAND_GEN_SPEC.replace(
    "  ad_groups:\n",
    """\
    - name: deck
      type: carousel
      primary_text: Two shoes for every trail.
      final_url: https://shop.example.com/trail
      call_to_action: shop_now
      google:
        headline: Shoes for every trail
        logo_images: ["1003"]
        call_to_action_text: Shop the range
      cards:
        - headline: Ridge
          description: Grip on rock.
          final_url: https://shop.example.com/ridge
          image_url: https://cdn.example.com/ridge.jpg
          google: {marketing_image: "1011", portrait_marketing_image: "1012", call_to_action_text: Shop Ridge}
        - headline: Mesa
          final_url: https://shop.example.com/mesa
          image_url: https://cdn.example.com/mesa.jpg
          google: {square_marketing_image: "1013"}
  ad_groups:
""",
).replace("{name: home, creatives: [story]}", "{name: home, creatives: [story, deck]}")


#: ``DEMAND_GEN_SPEC`` linked to a Merchant Center account (``google.demand_gen``) with a Demand Gen product
#: ad beside its multi-asset ad in ad group ``home`` (a ``type: product`` creative, on Google alone).
DEMAND_GEN_PRODUCT_SPEC = (
    DEMAND_GEN_SPEC.replace(
        "google: {channel: demand_gen, business_name: Example Running}",
        "google:\n    channel: demand_gen\n    business_name: Example Running\n"
        "    demand_gen: {merchant_id: 987654321, feed_label: US}",
    )
    .replace(
        "  ad_groups:\n",
        """\
    - name: shelf
      type: product
      platforms: [google]
      primary_text: Shoes for every trail, from our own shop.
      final_url: https://shop.example.com/trail
      google:
        headline: Trail shoes in stock
        logo_images: ["1003"]
        breadcrumb1: trail
        breadcrumb2: shoes
        call_to_action: shop_now
  ad_groups:
""",
    )
    .replace("{name: home, creatives: [story]}", "{name: home, creatives: [story, shelf]}")
)


def console_rename_is_drift(midas: Callable[..., Any], account: str) -> None:
    """The ad group or ad set ``striders`` of ``account`` was renamed ``x`` in a console: drift reports its
    name (not a deleted ad group), and an apply renames it back."""
    drift = midas("drift", "--account", account)
    assert drift.code == 2 and '~ name: "striders" → "x"' in drift.output, drift.output
    assert midas("apply", "--auto-approve", "--account", account).code == 0


#: A standard Shopping campaign on Google alone (no creatives: its product ads come from the Merchant Center
#: feed), bidding manual CPC per ad group on all its products.
SHOPPING_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: trail-shopping}
spec:
  platforms: {google: {account: google-main}}
  objective: sales
  budget: {daily: 25.00, currency: USD}
  targeting: {locations: [US], languages: [en]}
  google:
    channel: shopping
    shopping: {merchant_id: 987654321, feed_label: US, campaign_priority: 1}
    bidding: {strategy: manual_cpc}
    networks: {search_partners: true}
    negative_keywords: [{text: free}]
  ad_groups:
    - {name: shoes, google: {cpc_bid: 0.65}}
    - {name: socks, google: {cpc_bid: 0.20}}
"""
#: A Google Hotel campaign: a Hotel Center account, manual CPC (its default), two HOTEL_ADS ad groups.
HOTEL_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: city-hotels}
spec:
  platforms: {google: {account: google-main}}
  objective: sales
  budget: {daily: 40.00, currency: USD}
  targeting: {locations: [US], languages: [en]}
  google:
    channel: hotel
    hotel: {hotel_center_id: 7654321}
  ad_groups:
    - {name: paris, google: {cpc_bid: 1.20}}
    - {name: rome, google: {cpc_bid: 0.90}}
"""


def hotel_applied_and_snapshotted(
    midas: Callable[..., Any], workspace: Path, spec: str, planned: Sequence[str], snapshot: str
) -> Path:
    """``spec`` (a ``HOTEL_SPEC``) as ``workspace``'s ``specs/hotel.yaml``: a plan naming each of ``planned``,
    applied, converged with no drift, and snapshotted as ``snapshot``. The spec's file."""
    path = workspace / "specs" / "hotel.yaml"
    path.write_text(spec, encoding="utf-8")
    plan = midas("plan")
    assert plan.code == 0, plan.output
    for expected in planned:
        assert expected in plan.output, plan.output
    applied = midas("apply", "--auto-approve")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode").code == 0, midas("plan").output
    assert midas("drift").code == 0
    assert midas("snapshot", "--name", snapshot).code == 0
    return path


def hotel_imported(midas: Callable[..., Any], workspace: Path, spec: Path) -> dict[str, Any]:
    """``spec`` (the city-hotels campaign's) removed and the live campaign imported and adopted: the ``spec``
    import wrote."""
    spec.unlink()
    imported = midas("import", "--account", "google-main", "--campaign", "city-hotels", "--adopt")
    assert imported.code == 0, imported.output
    written: dict[str, Any] = yaml.safe_load(
        (workspace / "specs" / "imported" / "city-hotels.yaml").read_text()
    )["spec"]
    return written


#: A Google Search campaign with Dynamic Search Ads: its domain, a dynamic ad group targeting every page and
#: the sale pages, running a dynamic search ad, and a standard ad group of a keyword and a responsive search
#: ad beside it.
DSA_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: shoe-finder}
spec:
  platforms: {google: {account: google-main}}
  objective: traffic
  budget: {daily: 30.00, currency: USD}
  targeting: {locations: [US], languages: [en]}
  google:
    dynamic_search_ads: {domain: shop.example.com, language: en}
  ad_groups:
    - name: all-pages
      google:
        webpages:
          - {name: every page}
          - name: sale
            conditions:
              - {operand: url, argument: /sale}
              - {operand: page_title, operator: contains, argument: Sale}
    - name: trail
      keywords: [{text: trail shoes, match: phrase}]
  creatives:
    - name: finder
      type: dynamic_search
      descriptions: [Find the shoes you are searching for., Free returns on every pair.]
    - name: trail-rsa
      headlines: [Trail Shoes, Grip on Rock, Free Returns]
      descriptions: [Trail shoes that grip., Free returns on every pair.]
      final_url: https://shop.example.com/trail
"""
#: ``DSA_SPEC`` with pages excluded from the whole campaign and from the dynamic ad group, and a webpage
#: target paused and one bid at a max CPC of its own.
DSA_EXCLUSIONS_SPEC = (
    DSA_SPEC.replace(
        "    dynamic_search_ads: {domain: shop.example.com, language: en}\n",
        """\
    dynamic_search_ads:
      domain: shop.example.com
      language: en
      exclude_webpages:
        - {name: careers, conditions: [{operand: url, argument: /careers}]}
        - {name: login, conditions: [{operand: url, operator: equals, argument: https://shop.example.com/login}]}
""",
    )
    .replace(
        "          - {name: every page}\n",
        """\
          - {name: every page, status: paused}
          - {name: boots, cpc_bid: 0.85, conditions: [{operand: category, argument: Boots}]}
""",
    )
    .replace(
        "    - name: trail\n",
        """\
        exclude_webpages:
          - {name: outlet, conditions: [{operand: page_title, argument: Outlet}]}
    - name: trail
""",
    )
)
#: ``SHOPPING_SPEC`` with the shoes ad group's products split by brand, one brand by product type.
SHOPPING_TREE_SPEC = SHOPPING_SPEC.replace(
    "    - {name: shoes, google: {cpc_bid: 0.65}}\n",
    """\
    - name: shoes
      google:
        cpc_bid: 0.65
        product_groups:
          split_by: brand
          values:
            Trailco: {cpc_bid: 1.20}
            Knockoff: {exclude: true}
            Summit:
              split_by: product_type_l1
              values:
                boots: {cpc_bid: 0.90}
              everything_else: {cpc_bid: 0.50}
          everything_else: {}
""",
)

#: A campaign on both platforms of the example workspace targeting cities and postal codes of the sandbox's
#: place table, and excluding one postal code.
LOCAL_SPEC = """\
apiVersion: midas/v1
kind: Campaign
metadata: {name: local}
spec:
  platforms:
    google: {account: google-main}
    meta: {account: meta-main}
  objective: traffic
  budget: {daily: 20.00, currency: USD, split: {google: 0.5, meta: 0.5}}
  targeting:
    locations: ['San Francisco, US-CA', 'Toronto, CA', 'US:94103']
    exclude: {locations: ['us:94110']}
  ad_groups:
    - name: main
  creatives:
    - name: full
      headlines: [Launch Week, New Shoes Are Here, Shop the Launch]
      descriptions: [Fresh designs for every run., Free shipping this week only.]
      final_url: https://shop.example.com/launch
"""

#: ``LOCAL_SPEC`` targeting a radius around a city and one around a point (and Toronto).
RADIUS_SPEC = LOCAL_SPEC.replace(
    "['San Francisco, US-CA', 'Toronto, CA', 'US:94103']",
    "['25 mi around San Francisco, US-CA', '10 km around 37.7749, -122.4194', 'Toronto, CA']",
)

#: ``LOCAL_SPEC`` excluding a radius around a point (a competitor's store) besides a postal code: a custom
#: location in the Meta ad set's excluded places; Google, believed to take no negative proximity, has none.
EXCLUDED_PIN_SPEC = LOCAL_SPEC.replace(
    "exclude: {locations: ['us:94110']}",
    "exclude: {locations: ['us:94110', '2 km around 37.7749, -122.4194']}",
)

#: ``LOCAL_SPEC`` excluding a radius around a city it does not target besides a postal code: a city with a
#: radius in the Meta ad set's excluded places; Google, believed to take no negative proximity, has none.
EXCLUDED_CITY_RADIUS_SPEC = LOCAL_SPEC.replace(
    "exclude: {locations: ['us:94110']}",
    "exclude: {locations: ['us:94110', '15 mi around Oakland, US-CA']}",
)

#: ``LOCAL_SPEC`` targeting two US Nielsen markets (DMAs).
DMA_SPEC = LOCAL_SPEC.replace("['San Francisco, US-CA', 'Toronto, CA', 'US:94103']", "['dma:807', 'DMA:501']")


def _local_on_google(locations: str) -> str:
    """``LOCAL_SPEC`` on Google alone, targeting ``locations`` (a YAML flow list) instead of its own."""
    return (
        LOCAL_SPEC.replace("    meta: {account: meta-main}\n", "")
        .replace("currency: USD, split: {google: 0.5, meta: 0.5}", "currency: USD")
        .replace("['San Francisco, US-CA', 'Toronto, CA', 'US:94103']", locations)
    )


#: ``LOCAL_SPEC`` on Google alone, targeting a county, an airport (written in another case) and a city, and
#: excluding a neighborhood: places of other kinds by their Google geo target constants.
GOOGLE_PLACES_SPEC = _local_on_google(
    "['geoTargetConstants/9059413', 'geotargetconstants/9100005', 'San Francisco, US-CA']"
).replace("['us:94110']", "[geoTargetConstants/9100002]")

#: A radius around a street address (its street, its city's entry, its postal code's): "10 miles around 1 Main
#: St", in San Francisco (a city of the sandbox's place table, which its geocoding finds the address in).
ADDRESS_RADIUS = "10 mi around 1 Main St, San Francisco, US-CA, US:94105"
#: ``LOCAL_SPEC`` on Google alone, targeting ``ADDRESS_RADIUS`` (written with other spaces, case) and Toronto.
ADDRESS_SPEC = _local_on_google("['10 mi around 1 Main St,San Francisco, us-ca, US:94105', 'Toronto, CA']")


def an_ambiguous_city_names_its_candidates(midas: Callable[..., Any], workspace: Path, account: str) -> None:
    """``Portland, US`` finds two cities in ``account``'s platform's answer: the plan's error names both,
    with their regions."""
    spec = LOCAL_SPEC.replace("'Toronto, CA'", "'Portland, US'")
    (workspace / "specs" / "local.yaml").write_text(spec, encoding="utf-8")
    planned = midas("plan", "--account", account)
    assert planned.code == 1, planned.output
    platform = account.split("-", 1)[0]
    assert (
        f"location 'Portland, US' is ambiguous on {platform} account '{account}': 2 cities of that name are "
        "in US ('Portland, US-ME' and 'Portland, US-OR'); expected the city with its region, as in "
        "'Portland, US-ME'"
    ) in planned.output


#: The example spring-sale campaign's Meta ad sets placed by position (``with_positions``): the campaign's on
#: Facebook's feed and stories and Instagram's stream and reels, on mobile devices; walkers' on Instagram's
#: explore alone, on every device.
POSITIONS = "    placements: {facebook: [feed, story], instagram: [stream, reels]}\n    devices: [mobile]\n"
WALKERS_POSITIONS = "      meta: {placements: {instagram: [explore]}, devices: []}\n"
#: The runners ad set's targeting fields ``with_positions`` places it by.
RUNNERS_PLACED = {
    "publisher_platforms": ["facebook", "instagram"],
    "facebook_positions": ["feed", "story"],
    "instagram_positions": ["reels", "stream"],
    "device_platforms": ["mobile"],
}


def with_positions(root: Path) -> None:
    """The example workspace's spring-sale campaign placed by position and device (``POSITIONS``)."""
    spec = root / "specs" / "spring-sale.yaml"
    text = spec.read_text(encoding="utf-8")
    for line, placed in (
        ("    placements: [facebook, instagram]\n", POSITIONS),
        ("      creatives: [spring-shoes]\n", f"      creatives: [spring-shoes]\n{WALKERS_POSITIONS}"),
    ):
        assert line in text, line
        text = text.replace(line, placed)
    spec.write_text(text, encoding="utf-8")


def positions_converge_and_a_console_edit_is_drift(
    midas: Callable[..., Any], console_set: Callable[[str, dict[str, Any]], None]
) -> None:
    """``with_positions`` applied converges; a console's change of the runners ad set's Instagram positions
    and devices (``console_set(address, changes)``) is drift of those targeting fields alone, which an apply
    restores."""
    applied = midas("apply", "--auto-approve", "--account", "meta-main")
    assert applied.code == 0, applied.output
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0
    changes = {
        "targeting.instagram_positions": ["stream"],
        "targeting.device_platforms": ["desktop", "mobile"],
    }
    console_set("adset/spring-sale/runners@meta:meta-main", changes)
    drift = midas("drift", "--account", "meta-main")
    assert drift.code == 2, drift.output
    for field in ("targeting.instagram_positions", "targeting.device_platforms"):
        assert field in drift.output, drift.output
    assert "targeting.facebook_positions" not in drift.output
    assert midas("apply", "--auto-approve", "--account", "meta-main").code == 0
    assert midas("plan", "--detailed-exitcode", "--account", "meta-main").code == 0


#: ``DSA_SPEC`` with a page feed (supplied URLs only) of two pages, one labelled ``sale``, and a webpage
#: target of that label.
DSA_FEED_BOOTS = "https://shop.example.com/sale/boots"
DSA_FEED_TRAIL = "https://shop.example.com/trail"
DSA_FEED_SPEC = DSA_SPEC.replace(
    "    dynamic_search_ads: {domain: shop.example.com, language: en}\n",
    f"""\
    dynamic_search_ads:
      domain: shop.example.com
      language: en
      use_supplied_urls_only: true
      page_feed:
        - {{url: {DSA_FEED_TRAIL}, labels: [trail, new]}}
        - {{url: {DSA_FEED_BOOTS}, labels: [sale]}}
""",
).replace(
    "          - {name: every page}\n",
    "          - {name: every page}\n"
    "          - {name: on sale, conditions: [{operand: custom_label, argument: sale}]}\n",
)
