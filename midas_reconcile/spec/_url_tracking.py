"""URL tracking rules of a Campaign: the query string appended to its ads' links (``url_parameters``, of
the campaign and of a creative) and Google's own tracking options (``google.tracking_url_template``,
``google.url_custom_parameters``). What each value may be is the models' (``midas_reconcile.url_parameters``);
here is where it may go.

* A creative's own ``url_parameters`` is its Google ad's final URL suffix (v26 Ad.final_url_suffix): a
  Performance Max campaign's creatives are asset groups, which have none (v26 AssetGroup), and an app
  campaign's are app ads, which send people to a store page; there the campaign's ``url_parameters`` is the
  one that serves on Google.
* A Google app campaign takes no ``url_parameters``, tracking template or custom parameters: its ads link
  to the app's store page, where no landing page reads them (that Google refuses them there is unconfirmed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from midas_reconcile.resources import GOOGLE_AD_URL_OPTIONS, GOOGLE_URL_OPTIONS
from midas_reconcile.spec._google_app import runs_google_app
from midas_reconcile.spec._google_performance_max import runs_google_performance_max
from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import CampaignSpec

Add = Callable[[PathKey, str], None]

#: A creative's own Google URL options (``CreativeGoogle``): its ad's but the suffix, which is the creative's
#: ``url_parameters``.
AD_URL_OPTIONS: Final = tuple(o for o in GOOGLE_AD_URL_OPTIONS if o != "final_url_suffix")


def check_url_tracking(add: Add, spec: CampaignSpec) -> None:
    """Every placement rule of URL tracking, reported at the offending field."""
    if runs_google_app(spec):
        google_app = "a Google app campaign's ads link to the app's store page, where nothing reads it"
        if spec.url_parameters is not None:
            add(("spec", "url_parameters"), f"found url_parameters; {google_app}")
        for option in ("tracking_url_template", "url_custom_parameters"):
            if getattr(spec.google, option):
                add(("spec", "google", option), f"found {option}; {google_app}")
    pmax = runs_google_performance_max(spec)
    if not (pmax or runs_google_app(spec)):
        return
    whose = (
        "a Performance Max campaign, whose asset groups take none; set the campaign's"
        if pmax
        else "a Google app campaign, whose ads link to the app's store page, where nothing reads it"
    )
    for index, group in enumerate(spec.ad_groups):
        if group.platforms is not None and "google" not in group.platforms:
            continue
        for option in GOOGLE_URL_OPTIONS:
            if getattr(group.google, option):
                add(
                    ("spec", "ad_groups", index, "google", option),
                    f"found {option} on an ad group of {whose}",
                )
    kind = "asset groups" if pmax else "app ads"
    for index, creative in enumerate(spec.creatives):
        if creative.platforms is not None and "google" not in creative.platforms:
            continue
        if creative.url_parameters is not None:
            add(
                ("spec", "creatives", index, "url_parameters"),
                f"found url_parameters on a creative of a Google campaign of {kind}, which take none of "
                "their own; set the campaign's url_parameters (or run the creative on Meta alone)",
            )
        for option in AD_URL_OPTIONS:
            if getattr(creative.google, option):
                where = "set the campaign's" if pmax else "an app ad links to the app's store page"
                add(
                    ("spec", "creatives", index, "google", option),
                    f"found {option} on a creative of a Google campaign of {kind}, which take none; {where}",
                )
