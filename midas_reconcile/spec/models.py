"""Pydantic models of the YAML kinds (apiVersion ``midas/v1``).

Kinds: Campaign, SharedBudget, Audience (specs/), BudgetPolicy, Guardrail, AlertRule (policies/).
Money is ``Decimal`` in currency units everywhere in specs. The models check what one value can say
about itself (types, ranges, code shapes, URLs, stray whitespace); rules that need several values or
other documents (RSA limits, split sums, references) live in ``checks.py`` so that each error can point
at the exact YAML node. Validate through ``load_workspace`` to get both.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Final, Literal, NamedTuple, get_args
from urllib.parse import urlsplit

from annotated_types import Ge, Gt, Le, Lt
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    Tag,
    WithJsonSchema,
    model_validator,
)

from midas_reconcile.resources import (
    META_CUSTOM_EVENT_MAX,
    META_DEFAULT_BID_STRATEGY,
    YOUTUBE_VIDEO_ID_PATTERN,
    meta_pixel_rule_text,
)
from midas_reconcile.spec._codes import country_problem, language_problem, location_problem
from midas_reconcile.spec._describe import ValueProblem, describe
from midas_reconcile.spec._places import canonical_location
from midas_reconcile.url_parameters import (
    custom_parameters_problem,
    query_string_problem,
    tracking_template_problem,
)

#: Names of documents, creatives and ad groups: what addresses and platform names are built from.
NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{0,62}$"
#: Largest amount of money a spec may name (currency units); keeps platform-unit arithmetic sane.
MAX_AMOUNT = Decimal(1_000_000_000)


def _reject_surrounding_whitespace(value: object) -> object:
    if isinstance(value, str) and value != value.strip():
        raise ValueProblem(value, ", which has leading or trailing whitespace; expected it removed")
    return value


def _reject_bool(value: object) -> object:
    # pydantic accepts true/false as numbers in lax mode; in a spec that is always a mistake.
    if isinstance(value, bool):
        raise ValueProblem(value, "; expected a number")
    return value


def check_url(value: str) -> str:
    """Accept http(s) URLs with a host and no whitespace; raise ``ValueProblem`` otherwise."""
    try:
        parts = urlsplit(value)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an unbalanced '[' in the host part
        valid = False
    if not valid or any(c.isspace() for c in value):
        raise ValueProblem(value, "; expected an http:// or https:// URL with a host")
    return value


def display_link_problem(value: str) -> str | None:
    """Why ``value`` is no display link as Meta's reference asks of one ("The caption must be an actual URL";
    its type is URL since 2017): a host of at least two labels (letters, digits, ``-``, ``_``), optionally
    after ``http://`` / ``https://`` and with a port, then a path, query or fragment, no whitespace nor user
    name (``example.com/shoes``, ``example.com?ref=fb``, ``shop.example.com:8080/boots``); None if it is one.
    Meta's own rule and any length limit are undocumented (no page the search tool holds gives one), so
    none is imposed: Meta's refusal, if any, is reported by apply."""
    text = value.removeprefix("https://").removeprefix("http://")
    try:
        parts = urlsplit(f"//{text}")
        _ = parts.port  # a port that is no number raises
        host = parts.hostname or ""
    except ValueError:
        return "is no web address"
    labels = host.split(".")
    if any(c.isspace() for c in value):
        return "has whitespace"
    if parts.username is not None or "@" in parts.netloc:
        return "names a user"
    if len(labels) < 2 or not all(label and all(c.isalnum() or c in "-_" for c in label) for label in labels):
        return "has no host of two labels or more (letters, digits, - and _)"
    return None


def check_display_link(value: str) -> str:
    """Accept a display link (``display_link_problem``); raise ``ValueProblem`` otherwise."""
    if (problem := display_link_problem(value)) is not None:
        raise ValueProblem(
            value,
            f", which {problem}; expected a web address such as example.com/shoes or example.com?ref=ads",
        )
    return value


def _check_query_string(value: str) -> str:
    if (problem := query_string_problem(value)) is not None:
        expected = "a query string such as utm_source=ads&utm_medium=cpc"
        raise ValueProblem(value, f", which {problem}; expected {expected}")
    return value


def _check_tracking_template(value: str) -> str:
    if (problem := tracking_template_problem(value)) is not None:
        raise ValueProblem(value, f", which {problem}; expected a template such as {{lpurl}}?src=ads")
    return value


def _check_custom_parameters(value: dict[str, str]) -> dict[str, str]:
    if (problem := custom_parameters_problem(value)) is not None:
        raise ValueError(f"Google custom parameters: {problem}")
    return value


def _code_checker(problem: Callable[..., str | None], iso_case: Callable[[str], str]) -> BeforeValidator:
    # Only the shape here: whether a code is assigned is a workspace check (checks.py), so that code
    # building models directly (tests, import) may carry codes a platform will report as unresolved.
    # The code is checked in ISO's case but a problem quotes it as written ("germany", not "GERMANY").
    def check(value: object) -> object:
        if not isinstance(value, str):
            return value  # Strict() refuses it by its type
        tail = problem(iso_case(value), assigned=False)
        if tail:
            raise ValueProblem(value, tail)
        return iso_case(value)

    return BeforeValidator(check)


def _upper(value: object) -> object:
    return value.upper() if isinstance(value, str) else value


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def int_to_text(value: object) -> object:
    """An id written unquoted, as the text of its digits (a lost leading zero then fails its check)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Name = Annotated[
    str, BeforeValidator(_reject_surrounding_whitespace), StringConstraints(pattern=NAME_PATTERN)
]
#: What a platform calls a campaign, ad group or ad: any text up to 255 characters but control characters,
#: so that live objects named by hand ("Spring Sale – US", "50% off / week 1") can be adopted as they are
#: (addresses escape ``/`` and ``%``). Other documents keep ``Name``.
PLATFORM_NAME_PATTERN = r"^[^\x00-\x1f\x7f]{1,255}$"
PlatformName = Annotated[
    str, BeforeValidator(_reject_surrounding_whitespace), StringConstraints(pattern=PLATFORM_NAME_PATTERN)
]
#: Free text shown to people (headlines, interests …): non-empty, no stray whitespace.
Text = Annotated[str, BeforeValidator(_reject_surrounding_whitespace), StringConstraints(min_length=1)]
Url = Annotated[str, BeforeValidator(_reject_surrounding_whitespace), AfterValidator(check_url)]
#: A query string appended to an ad's links (``midas_reconcile.url_parameters``): Google's final URL suffix,
#: Meta's ``url_tags``.
#: A Meta link ad's display link (``meta.display_link``: ``spec._meta_display_link``).
DisplayLink = Annotated[
    str, Strict(), BeforeValidator(_reject_surrounding_whitespace), AfterValidator(check_display_link)
]
UrlParameters = Annotated[
    str, Strict(), BeforeValidator(_reject_surrounding_whitespace), AfterValidator(_check_query_string)
]
TrackingTemplate = Annotated[
    str, Strict(), BeforeValidator(_reject_surrounding_whitespace), AfterValidator(_check_tracking_template)
]
CustomParameters = Annotated[dict[str, Annotated[str, Strict()]], AfterValidator(_check_custom_parameters)]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
# Codes are case-insensitive in YAML and stored in ISO's own case ("us" → "US", "EN" → "en").
CountryCode = Annotated[str, Strict(), _code_checker(country_problem, str.upper)]
LocationCode = Annotated[str, Strict(), _code_checker(location_problem, canonical_location)]
LanguageCode = Annotated[str, Strict(), _code_checker(language_problem, str.lower)]
#: A positive amount of money in currency units (decimal places are checked against the currency).
Money = Annotated[Decimal, BeforeValidator(_reject_bool), Gt(0), Le(MAX_AMOUNT)]
#: A return-on-ad-spend target, a ratio (4.0 = 400 %).
Roas = Annotated[Decimal, BeforeValidator(_reject_bool), Gt(0), Le(1000)]
#: A non-negative decimal (shares, percentages, thresholds).
NonNegative = Annotated[Decimal, BeforeValidator(_reject_bool), Ge(0), Le(MAX_AMOUNT)]
Percent = Annotated[Decimal, BeforeValidator(_reject_bool), Gt(0), Le(Decimal(1000))]
#: A Google Hotel ad group's percent CPC bid, a percent of the advertised price (12.5 = 12.5 % of the room's
#: price): v26 AdGroup.percent_cpc_bid_micros, "The valid range for the fraction is [0,1) and the value
#: stored here is 1,000,000 * [fraction]", so above 0 (a zero bid bids nothing) and below 100; at most 4
#: decimal places (``spec._google_hotel``: micros of the fraction = percent * 10,000).
PercentCpcBid = Annotated[Decimal, BeforeValidator(_reject_bool), Gt(0), Lt(100)]
Age = Annotated[int, Strict(), Ge(13), Le(65)]
#: A Google device bid adjustment, a multiplier of the bid (1.2 = +20 %; 0 = the campaign does not show on the
#: device): v26 CampaignCriterion.bid_modifier, "0.1 - 10.0 … Use 0 to opt out of a Device type". The gap
#: between 0 and 0.1 and the decimal places are checked by ``spec._google_devices``.
BidModifier = Annotated[Decimal, BeforeValidator(_reject_bool), Ge(0), Le(10)]
Flag = Annotated[bool, Strict()]
#: A platform id of digits (an App Store app, a Meta app or pixel), quoted or not in YAML.
DIGITS_PATTERN: Final = r"^[0-9]+$"
Digits = Annotated[str, BeforeValidator(int_to_text), StringConstraints(pattern=DIGITS_PATTERN)]
#: The id of an object in a Google Ads account (an asset, a conversion action: a positive int64), written as
#: Google reads it back, without leading zeros, so that one id has one spelling ('0012' and '12' are one).
GOOGLE_ID_PATTERN: Final = r"^[1-9][0-9]*$"
GoogleId = Annotated[str, BeforeValidator(int_to_text), StringConstraints(pattern=GOOGLE_ID_PATTERN)]
#: A YouTube video id (``resources.YOUTUBE_VIDEO_ID_PATTERN``).
YouTubeVideoId = Annotated[str, StringConstraints(pattern=YOUTUBE_VIDEO_ID_PATTERN)]


class StrictModel(BaseModel):
    """Unknown keys are errors; values are validated strictly enough to catch typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Metadata(StrictModel):
    """``name`` is the platform name of a campaign (see ``PlatformName``); other kinds' names too."""

    name: PlatformName
    labels: dict[Name, Annotated[str, StringConstraints(max_length=100)]] = Field(default_factory=dict)


class Objective(StrEnum):
    """Unified objective; compile.py maps it to a Google channel type + bidding and a Meta ``OUTCOME_*``."""

    AWARENESS = "awareness"
    TRAFFIC = "traffic"
    ENGAGEMENT = "engagement"
    LEADS = "leads"
    SALES = "sales"
    APP_PROMOTION = "app_promotion"


class PlatformTarget(StrictModel):
    """Runs the campaign on one platform, in one account named in midas.yaml."""

    account: Name


class Platforms(StrictModel):
    google: PlatformTarget | None = None
    meta: PlatformTarget | None = None


class BudgetSplit(StrictModel):
    """Per-platform split: shares (each 0–1, summing to 1) or fixed amounts (summing to the budget).

    Every platform the campaign runs on must be named.
    """

    by: Literal["share", "amount"] = "share"
    google: NonNegative | None = None
    meta: NonNegative | None = None


class Budget(StrictModel):
    """Exactly one of ``daily``, ``lifetime`` or ``policy``; amounts in ``currency`` units."""

    daily: Money | None = None
    lifetime: Money | None = None
    currency: CurrencyCode = "USD"
    split: BudgetSplit | None = None
    policy: Name | None = None


_NOT_A_CLOCK: Final = "expected a time of day as HH:MM, 00:00–24:00 (e.g. '09:30')"


def _check_clock(value: str) -> str:
    if not re.fullmatch(r"(?:[01][0-9]|2[0-4]):[0-5][0-9]", value):
        raise ValueError(_NOT_A_CLOCK)
    return value


def _clock_text(value: object) -> object:
    """A time of day as ``HH:MM``; ``9:00`` gets its leading zero. A number is refused: the loader reads an
    unquoted ``17:30`` as its text (``spec._yaml``), so an int here was written as one (``900``), not as a
    time, and is no time of day."""
    if not isinstance(value, str):
        raise ValueError(_NOT_A_CLOCK)
    if re.fullmatch(r"[0-9]:[0-9]{2}", value):
        return f"0{value}"
    return value


#: A time of day, ``HH:MM`` (``24:00``: the end of the day); quarter hours are checked with the rest of a
#: slot (``spec._schedule_hours``).
ClockTime = Annotated[str, BeforeValidator(_clock_text), Strict(), AfterValidator(_check_clock)]
#: A day of the week, as ``schedule.hours`` writes it.
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: Final[tuple[Weekday, ...]] = get_args(Weekday)


class HourSlot(StrictModel):
    """Hours ads run on some days: from ``start`` until ``end`` (exclusive; ``24:00`` is midnight at the
    day's end), in the campaign's time zone (``spec._schedule_hours``)."""

    days: Annotated[list[Weekday], Field(min_length=1)]
    start: ClockTime
    end: ClockTime


class GoogleHourSlot(HourSlot):
    """A slot of Google's own hours (``google.hours``) and the bid adjustment Google makes in it: a
    multiplier, 1.2 = bids 20 % higher, 0.1–10 (v26 CampaignCriterion.bid_modifier); none: none."""

    bid_adjustment: Annotated[Decimal, BeforeValidator(_reject_bool)] | None = None


class Schedule(StrictModel):
    """Inclusive dates; ``end`` may equal ``start`` (a one-day campaign). ``hours``: when ads run within a
    week (ad scheduling; none: all the time), see ``spec._schedule_hours``."""

    start: dt.date | None = None
    end: dt.date | None = None
    time_zone: str = "UTC"
    hours: list[HourSlot] = Field(default_factory=list)


class AgeRange(StrictModel):
    """Inclusive ages 13–65; ``max: null`` means 65 and over."""

    min: Age = 18
    max: Age | None = None


Gender = Literal["male", "female"]


class Exclusions(StrictModel):
    locations: list[LocationCode] = Field(default_factory=list)
    interests: list[Text] = Field(default_factory=list)
    #: Audiences (customer lists uploaded to the campaign's accounts) whose people are left out.
    audiences: list[Text] = Field(default_factory=list)


class Targeting(StrictModel):
    """Platform-neutral targeting.

    ``locations``: ISO 3166-1 alpha-2 countries (``US``), ISO 3166-2 regions (``US-CA``), cities with
    their region or country after a comma (``San Francisco, US-CA``, ``Paris, FR``) or postal codes after
    their country and a colon (``US:94103``), resolved per platform (Google geo target constants of type
    City / Postal Code; Meta ``geo_locations.cities`` / ``zips``);
    ``languages``: ISO 639-1 codes (``en``); ``interests``: names resolved per platform;
    empty ``genders`` means all; ``audiences``: names of ``Audience`` customer lists uploaded to the
    campaign's accounts (``spec.platforms``), whose people the ads are restricted to.
    """

    ages: AgeRange = Field(default_factory=AgeRange)
    genders: list[Gender] = Field(default_factory=list)
    locations: list[LocationCode] = Field(default_factory=list)
    languages: list[LanguageCode] = Field(default_factory=list)
    interests: list[Text] = Field(default_factory=list)
    audiences: list[Text] = Field(default_factory=list)
    exclude: Exclusions = Field(default_factory=Exclusions)


class MatchType(StrEnum):
    EXACT = "exact"
    PHRASE = "phrase"
    BROAD = "broad"


class Keyword(StrictModel):
    """A keyword; Google tells keyword texts apart ignoring case and runs of spaces (so does the duplicate
    check, and a change of case or spacing alone is no change: ``resources.keyword_identity``).

    A keyword's own landing pages and URL options (v26 AdGroupCriterion ``final_urls``: its ``final_url``
    and ``additional_final_urls``; ``final_mobile_urls``, ``final_url_suffix``, ``tracking_url_template``,
    ``url_custom_parameters``) are over its ads' and ad group's when it matches; none of a negative
    keyword's, and its other final URLs, mobile URLs, template and custom parameters only beside its
    ``final_url`` (``spec.checks``)."""

    text: Text
    match: MatchType = MatchType.BROAD
    status: Literal["active", "paused"] = "active"
    #: Google: the keyword's own max CPC, over its ad group's (not of a negative keyword).
    cpc_bid: Money | None = None
    final_url: Url | None = None
    #: Google's ``final_urls`` are the keyword's ``final_url`` and then these, in this order (v26
    #: AdGroupCriterion.final_urls, "the list of possible final URLs after all cross-domain redirects", as
    #: of an ad's); only beside ``final_url``, each once and not it again.
    additional_final_urls: list[Url] = Field(default_factory=list)
    final_mobile_urls: list[Url] = Field(default_factory=list)
    final_url_suffix: UrlParameters | None = None
    tracking_url_template: TrackingTemplate | None = None
    url_custom_parameters: CustomParameters = Field(default_factory=dict)


class CallToAction(StrEnum):
    """Meta's call-to-action button of a link creative, lower case. ``none`` sends no call to action at all
    (Meta then shows none); ``no_button`` is Meta's own NO_BUTTON type, which a creative carries;
    ``install_app`` is Meta's mobile app-install button, INSTALL_MOBILE_APP (``compile.meta``)."""

    NONE = "none"
    LEARN_MORE = "learn_more"
    SHOP_NOW = "shop_now"
    SIGN_UP = "sign_up"
    DOWNLOAD = "download"
    CONTACT_US = "contact_us"
    SUBSCRIBE = "subscribe"
    GET_OFFER = "get_offer"
    BOOK_NOW = "book_now"
    BOOK_TRAVEL = "book_travel"
    APPLY_NOW = "apply_now"
    GET_QUOTE = "get_quote"
    ORDER_NOW = "order_now"
    WATCH_MORE = "watch_more"
    NO_BUTTON = "no_button"
    INSTALL_APP = "install_app"
    SEND_MESSAGE = "send_message"
    GET_DIRECTIONS = "get_directions"
    BUY_NOW = "buy_now"
    DONATE_NOW = "donate_now"
    #: A conversation's buttons (facebook-business adcreativelinkdatacalltoaction.py ``Type``): a click-to-
    #: Messenger ad's and a click-to-WhatsApp ad's (``spec._meta_messaging``), and a click-to-Instagram
    #: Direct ad's (INSTAGRAM_MESSAGE: facebook-business 26.0.3 has it in adcreativeget.py's enum, not in
    #: adcreativelinkdatacalltoaction.py's).
    MESSAGE_PAGE = "message_page"
    WHATSAPP_MESSAGE = "whatsapp_message"
    INSTAGRAM_MESSAGE = "instagram_message"


#: The id of an asset in the Google Ads account (an image uploaded there; MIDAS uploads none).
AssetId = GoogleId


#: v26 CallToActionTypeEnum values, as a spec writes them.
GoogleCallToAction = Literal[
    "learn_more", "get_quote", "apply_now", "sign_up", "contact_us", "subscribe", "download", "book_now",
    "shop_now", "buy_now", "donate_now", "order_now", "play_now", "see_more", "start_now", "visit_site",
    "watch_now",
]  # fmt: skip


class CreativeGoogle(StrictModel):
    """Google escape hatch of a creative: the display URL paths of its responsive search ad, and the ad's
    final URLs after the creative's ``final_url``. In a Display campaign (``google.channel: display``) the
    creative is a responsive display ad: ``long_headline`` (default: the creative's ``primary_text``),
    ``business_name`` (default: the campaign's ``google.business_name``) and its images, by the ids of image
    assets already in the Google Ads account: landscape (1.91:1) ``marketing_images``, square
    ``square_marketing_images``, optional landscape (4:1) ``logo_images`` and ``square_logo_images``, and up
    to 5 ``youtube_videos`` by YouTube video id. In a Demand Gen campaign (``google.channel: demand_gen``) it
    is a Demand Gen multi-asset ad: ``business_name`` and images as above, portrait (4:5)
    ``portrait_marketing_images`` and tall portrait (9:16) ``tall_portrait_marketing_images`` too, and square
    ``logo_images``; with ``youtube_videos`` it is a Demand Gen video responsive ad instead: its videos,
    ``business_name``, square ``logo_images``, optional ``long_headlines``, ``breadcrumb1`` / ``breadcrumb2``,
    one ``companion_banners`` image and a ``call_to_action``, no marketing images (a multi-asset ad says its
    ``call_to_action_text``). In a Performance Max campaign it is an asset group's assets, under the Display
    names, with up to 5 ``long_headlines`` in place of the one ``long_headline``."""

    path1: Annotated[str, StringConstraints(min_length=1, max_length=15)] | None = None
    path2: Annotated[str, StringConstraints(min_length=1, max_length=15)] | None = None
    #: Google's ``final_urls`` are the creative's ``final_url`` and then these, in this order. Google serves
    #: the first (Meta's link too) unless a tracking template redirects to one of the others; most ads
    #: have none.
    additional_final_urls: list[Url] = Field(default_factory=list)
    long_headline: Text | None = None
    #: A Performance Max asset group's long headlines when it shows more than one (1 to 5, in place of
    #: ``long_headline``).
    long_headlines: list[Text] = Field(default_factory=list)
    #: The call to action (v26 CallToActionType, lower case) of a Performance Max asset group or a Demand Gen
    #: video responsive ad (a call to action asset of that type); none: Google's automated one.
    call_to_action: GoogleCallToAction | None = None
    #: A Demand Gen multi-asset or carousel ad's call to action text (v26 DemandGenMultiAssetAdInfo /
    #: DemandGenCarouselAdInfo ``call_to_action_text``, a free string: v26 documents neither its values nor
    #: a length, so none is checked); none: Google's own.
    call_to_action_text: Text | None = None
    #: A Demand Gen carousel or product ad's headline (v26 DemandGenCarouselAdInfo / DemandGenProductAdInfo
    #: ``headline``, "Required"): a carousel's own headlines are its cards', a product ad has one.
    headline: Text | None = None
    business_name: Text | None = None
    marketing_images: list[AssetId] = Field(default_factory=list)
    square_marketing_images: list[AssetId] = Field(default_factory=list)
    logo_images: list[AssetId] = Field(default_factory=list)
    square_logo_images: list[AssetId] = Field(default_factory=list)
    portrait_marketing_images: list[AssetId] = Field(default_factory=list)
    tall_portrait_marketing_images: list[AssetId] = Field(default_factory=list)
    #: The images of an app engagement or pre-registration ad (v26 AppEngagementAdInfo /
    #: AppPreRegistrationAdInfo ``images``: image assets "that may be displayed with the ad", of any shape).
    images: list[AssetId] = Field(default_factory=list)
    #: The YouTube videos of a Performance Max asset group (AssetFieldType YOUTUBE_VIDEO, up to 5) or a
    #: responsive display ad (ResponsiveDisplayAdInfo.youtube_videos, up to 5), by YouTube video id: MIDAS
    #: makes the YouTube video asset of each (v26 YoutubeVideoAsset), which Google deduplicates per account.
    #: In a Demand Gen campaign they make the creative a Demand Gen video responsive ad
    #: (DemandGenVideoResponsiveAdInfo.videos, "Required"; no most documented).
    youtube_videos: list[YouTubeVideoId] = Field(default_factory=list)
    #: A Demand Gen video responsive ad's "First part of text that appears in the ad with the displayed URL"
    #: and its second part (DemandGenVideoResponsiveAdInfo ``breadcrumb1`` / ``breadcrumb2``; v26 documents
    #: no length, so none is checked).
    breadcrumb1: Text | None = None
    breadcrumb2: Text | None = None
    #: A Demand Gen video responsive ad's companion banner, an image asset by id ("Currently, only a single
    #: value for the companion banner asset is supported", DemandGenVideoResponsiveAdInfo
    #: ``companion_banners``).
    companion_banners: list[AssetId] = Field(default_factory=list)
    #: The ad's own tracking URL template and custom parameters (v26 Ad.tracking_url_template and
    #: url_custom_parameters), over its ad group's and campaign's, as the campaign's ``google`` options say
    #: them; and its final mobile URLs (v26 Ad.final_mobile_urls), where Google sends people on mobile
    #: devices. Not of a Performance Max asset group or an app ad (``spec._url_tracking``).
    tracking_url_template: TrackingTemplate | None = None
    url_custom_parameters: CustomParameters = Field(default_factory=dict)
    final_mobile_urls: list[Url] = Field(default_factory=list)


#: A Meta Page post by its id as Meta writes it (``<page id>_<post id>``: an ad creative's
#: ``object_story_id``, "The ID of a page post to use in an ad", facebook-business AdCreative).
PAGE_POST_PATTERN: Final = r"^[0-9]+_[0-9]+$"
PagePostId = Annotated[str, Strict(), StringConstraints(pattern=PAGE_POST_PATTERN)]
#: An image of a Meta ad account's library by its hash (AdImage ``hash``, what link data, video data and
#: carousel cards name as ``image_hash`` in facebook-business AdCreativeLinkData, AdCreativeVideoData and
#: AdCreativeLinkDataChildAttachment): an MD5 of the image, 32 hex digits. The SDK types it a string only;
#: the 32 hex digits are what Meta's image uploads return, not a documented rule (unconfirmed).
IMAGE_HASH_PATTERN: Final = r"^[0-9a-f]{32}$"
ImageHash = Annotated[str, Strict(), StringConstraints(pattern=IMAGE_HASH_PATTERN)]
#: The creative types Meta alone runs: a carousel (``cards``) and an existing Page post (``post_id``).
META_ONLY_CREATIVE_TYPES: Final = ("carousel", "post")
#: The creative type, Google's alone, of an expanded dynamic search ad (``spec._google_dynamic_search``).
DYNAMIC_SEARCH_CREATIVE: Final = "dynamic_search"
#: The creative type, Google's alone, of a Demand Gen product ad (``spec._google_demand_gen_products``).
PRODUCT_CREATIVE: Final = "product"


class CarouselCardGoogle(StrictModel):
    """A carousel card's Google half, in a Google Demand Gen carousel ad (v26 DemandGenCarouselCardAsset):
    its images by the ids of image assets already in the account — a landscape (1.91:1) or a square one at
    least, and a portrait (4:5) one if you like — and its own call to action text."""

    marketing_image: AssetId | None = None
    square_marketing_image: AssetId | None = None
    portrait_marketing_image: AssetId | None = None
    call_to_action_text: Text | None = None


class CarouselCard(StrictModel):
    """One card of a carousel. On Meta (facebook-business AdCreativeLinkDataChildAttachment): its
    ``headline`` (``name``) and ``description`` under the image or video, where it sends people (``link``)
    and its image by URL (``picture``) or of the ad account's library (``image_hash``), or uploaded video
    (``video_id``, with either image as its thumbnail). On Google, in a Demand Gen carousel ad: a carousel
    card asset of its ``headline``, its ``final_url`` (the asset's final URL) and ``google``'s images and
    call to action text; its description, image URL or hash and video are Meta's. ``spec._meta_creatives``
    and ``spec._google_demand_gen`` ask for what each platform needs (on Meta a link and a medium, and one
    image at most)."""

    headline: Text | None = None
    description: Text | None = None
    final_url: Url | None = None
    image_url: Url | None = None
    image_hash: ImageHash | None = None
    video_id: Digits | None = None
    google: CarouselCardGoogle = Field(default_factory=CarouselCardGoogle)


class StaticCards(StrictModel):
    """A catalog template's static cards (``type: catalog``, ``meta.static_cards``): cards of a carousel
    (``CarouselCard``'s Meta fields) shown ``before`` or ``after`` the products Meta picks from the product
    set (Meta's "Get Started with Advantage+ Catalog Ads": ``template_data.child_attachments`` "static cards
    appear either before or after all Advantage+ catalog ads", each with ``static_card`` true;
    ``spec._meta_catalog``)."""

    before: list[CarouselCard] = Field(default_factory=list)
    after: list[CarouselCard] = Field(default_factory=list)


class IceBreaker(StrictModel):
    """A question of a welcome message with the answer Meta sends when people tap it (its ice breaker's own
    ``response``)."""

    question: Text
    response: Text


class QuickReply(StrictModel):
    """A quick reply of a welcome message with its ``payload``: the text Meta hands the Page's webhook when
    people tap it (a bot's cue)."""

    reply: Text
    payload: Text


class WebsiteButton(StrictModel):
    """A button beside a welcome message's greeting opening ``website``."""

    website: Url


class LibraryImage(StrictModel):
    """A further image of a Meta creative's ``meta.images`` named by its ad account library's ``hash`` (an
    image uploaded in Ads Manager; MIDAS uploads none), beside the creative's ``meta.image_hash``."""

    hash: ImageHash


def _meta_image_as_written(value: Any) -> Any:
    """A ``meta.images`` entry written the other way, told how to write it (one problem at the entry): an
    image by URL as a mapping (``{url: …}``: URLs are written bare), or an image hash bare (``{hash: …}``)."""
    if isinstance(value, dict) and "url" in value:
        url = value["url"]
        raise ValueProblem(
            value,
            f" with url {describe(url)}; expected an image by URL written bare "
            f"({url if isinstance(url, str) else 'https://…'}), or an image of the library {{hash: …}}",
        )
    if isinstance(value, str) and re.fullmatch(IMAGE_HASH_PATTERN, value):
        raise ValueProblem(
            value,
            f", an image hash written bare; expected an image of the library written {{hash: {value}}} (or "
            "an http:// or https:// URL)",
        )
    return value


#: A further image of ``meta.images``: its URL, or ``{hash: …}`` for an image of the ad account's library.
MetaImage = Annotated[
    Annotated[
        Annotated[Url, Tag("url")] | Annotated[LibraryImage, Tag("hash")],
        # One member validated (its errors alone reported): a mapping names a library image, else a URL.
        Discriminator(lambda value: "hash" if isinstance(value, dict | LibraryImage) else "url"),
    ],
    BeforeValidator(_meta_image_as_written),
]
#: A button beside a welcome message's greeting (Meta's click-to-WhatsApp guide): a call, the catalog, or a
#: website.
Button = Annotated[
    Annotated[Literal["call", "catalog"], Tag("kind")] | Annotated[WebsiteButton, Tag("website")],
    # One member validated (its errors alone reported): a mapping names a website, anything else a kind.
    Discriminator(lambda value: "website" if isinstance(value, dict | WebsiteButton) else "kind"),
]
#: A quick reply of a welcome message: its text, or a mapping of it and its payload.
Reply = Annotated[
    Annotated[Text, Tag("reply")] | Annotated[QuickReply, Tag("with-payload")],
    # One member validated (its errors alone reported): a mapping has a payload, anything else is text.
    Discriminator(lambda value: "with-payload" if isinstance(value, dict | QuickReply) else "reply"),
]
#: A question of a welcome message: its text, or a mapping of it and its response.
Question = Annotated[
    Annotated[Text, Tag("question")] | Annotated[IceBreaker, Tag("with-response")],
    # One member validated (its errors alone reported): a mapping has a response, anything else is text.
    Discriminator(lambda value: "with-response" if isinstance(value, dict | IceBreaker) else "question"),
]


class WelcomeMessage(StrictModel):
    """The greeting of the conversation a click-to-message ad opens (the creative's ``page_welcome_message``):
    its ``text``, and one of ``questions`` people tap to ask (Meta's ice breakers; each a question, or a
    question with Meta's automated ``response``), ``autofill``, the message their reply box starts with, or
    ``quick_replies``, answers people tap to send (Ads Manager's quick replies, its Messenger default; each
    a reply, or a reply with its ``payload``).
    Beside a message to send, ``button``: a button under the greeting (``call``, ``catalog`` or
    ``{website: URL}``). ``spec._meta_messaging`` checks where it may be written and its limits."""

    text: Text
    questions: list[Question] | None = None
    autofill: Text | None = None
    quick_replies: list[Reply] | None = None
    button: Button | None = None

    def question_texts(self) -> list[str] | None:
        """The questions alone (None: none written)."""
        if self.questions is None:
            return None
        return [q.question if isinstance(q, IceBreaker) else q for q in self.questions]

    def responses(self) -> list[str | None]:
        """Each question's own response, in order (None: none)."""
        return [q.response if isinstance(q, IceBreaker) else None for q in self.questions or []]

    def reply_texts(self) -> list[str] | None:
        """The quick replies alone (None: none written)."""
        if self.quick_replies is None:
            return None
        return [r.reply if isinstance(r, QuickReply) else r for r in self.quick_replies]

    def payloads(self) -> list[str | None]:
        """Each quick reply's payload, in order (None: none)."""
        return [r.payload if isinstance(r, QuickReply) else None for r in self.quick_replies or []]


#: How a catalog template shows its products, the one list of the formats' names (described in
#: ``spec._meta_catalog.CATALOG_FORMATS``, sent as ``meta_graph.CATALOG_FORMAT_WIRE``): ``carousel`` is
#: Meta's default, written as none.
CatalogFormat = Literal["carousel", "single", "product_images", "slideshows"]


class CreativeMeta(StrictModel):
    """Meta escape hatch of a creative. Of an image or video creative: ``image_hash``, an image of the ad
    account's library (uploaded in Ads Manager; MIDAS uploads none) that an image ad shows instead of
    ``image_url`` and a video ad as its thumbnail (link data or video data ``image_hash``). Of a carousel:
    Meta's own link data options (facebook-business AdCreativeLinkData), sent only when set (Meta's default
    otherwise). ``multi_share_optimized``: Meta picks the cards' order; ``multi_share_end_card``: the
    carousel ends with a card of the Page's icon. Of a creative of click-to-message ad sets:
    ``welcome_message``, the greeting of the conversation (none: Meta's default greeting). Of a link, image
    or video creative: ``text_options``, Meta's multiple text options (its headlines, descriptions and primary
    texts, ``primary_text`` first then ``primary_texts``, all offered; ``spec._meta_text_options``). Of a
    catalog template (``type: catalog``): ``catalog_format``, how Meta shows the products (none: its default,
    a carousel of several products; ``spec._meta_catalog.CATALOG_FORMATS``), and ``multi_share_end_card``
    of a carousel template: false drops the end card of the Page's icon. Of an image or video creative:
    ``images`` / ``videos``, several media offered (``spec._meta_media_options``)."""

    image_hash: ImageHash | None = None
    multi_share_optimized: Flag | None = None
    multi_share_end_card: Flag | None = None
    catalog_format: CatalogFormat | None = None
    #: Of a catalog template (``type: catalog``): cards of the advertiser's own shown before or after the
    #: catalog's products (``StaticCards``).
    static_cards: StaticCards | None = None
    welcome_message: WelcomeMessage | None = None
    #: Of a creative of ad sets opening an instant form (``meta.destination: form``): the id of the Page's
    #: lead form its ads open (made in the console; MIDAS makes no form), sent as its button's
    #: ``call_to_action.value.lead_gen_form_id`` (``spec._meta_lead_forms``).
    lead_form_id: Digits | None = None
    #: true: its Meta ad runs as the account's Instagram account (midas.yaml ``instagram_user_id``), sent as
    #: ``object_story_spec.instagram_user_id``; none or false: as its Page alone, as before (an Instagram
    #: Direct ad runs as the account's always). ``spec._meta_instagram_identity``.
    instagram_identity: Flag | None = None
    #: Of a link ad (an image or text creative with a link) or a Dynamic Creative ad set's creative: the
    #: web address shown in place of its link's domain (Ads Manager's "Display link"), sent as
    #: ``object_story_spec.link_data.caption`` or the feed link's ``display_url``; none: Meta's default, the
    #: link's domain. ``spec._meta_display_link``.
    display_link: DisplayLink | None = None
    text_options: Flag | None = None
    primary_texts: list[Text] = Field(default_factory=list)
    #: Of an image creative: further images its Meta ad offers beside ``image_url`` (URLs) or beside
    #: ``image_hash`` (``{hash: …}``, images of the library); of a video creative, further videos (ids) beside
    #: ``video_id`` — Meta picks among them per person (``spec._meta_media_options``).
    images: list[MetaImage] = Field(default_factory=list)
    videos: list[Text] = Field(default_factory=list)


def _meta_only_texts(value: Any) -> Any:
    """A carousel's or Page post's headlines and descriptions are its cards' or the post's: the creative's
    own lists may be left out (the checks refuse any it gives). A dynamic search ad has no headline (Google
    writes it from the page): its ``headlines`` may be left out too."""
    if isinstance(value, dict) and value.get("type") in META_ONLY_CREATIVE_TYPES:
        return {"headlines": [], "descriptions": [], **value}
    if isinstance(value, dict) and value.get("type") == DYNAMIC_SEARCH_CREATIVE:
        return {"headlines": [], **value}
    if isinstance(value, dict) and value.get("type") == PRODUCT_CREATIVE:  # its texts are google.headline's
        return {"headlines": [], "descriptions": [], **value}
    return value


#: The kinds of creative (``Creative.type``).
CreativeType = Literal["text", "image", "video", "carousel", "post", "dynamic_search", "product", "catalog"]


class Creative(StrictModel):
    """One ad. Google gets a responsive search ad; Meta an ad with a link creative.

    ``image`` creatives need ``image_url`` (or ``meta.image_hash``), ``video`` creatives ``video_id``. A
    ``carousel`` (Meta's alone) holds 2–10 ``cards`` under its primary text; a ``post`` (Meta's alone) runs
    the Page post ``post_id`` as it is. Names are unique per platform: two creatives may share one when their
    ``platforms`` do not overlap (the ad that cannot be one creative on both), and an ad group naming it runs
    the one of each platform.
    """

    name: PlatformName
    #: ``dynamic_search``: an expanded dynamic search ad of a dynamic ad group (Google's alone);
    #: ``product``: a Demand Gen product ad showing the products of the campaign's Merchant Center account
    #: (Google's alone).
    #: ``catalog``: an Advantage+ catalog ad's template (Meta's alone, ``spec._meta_catalog``), whose texts
    #: may carry the product macros ``{{product.name}}`` … filled from the catalog for each product shown.
    type: CreativeType = "text"
    #: The status of its ads (a paused creative keeps its ads, paused, in every ad group running it).
    status: Literal["active", "paused"] = "active"
    #: The platforms it runs on (default: all of the campaign's) — e.g. a creative Google's responsive
    #: search ad format cannot hold, kept on Meta only.
    platforms: list[Literal["google", "meta"]] | None = None
    headlines: list[Text]
    descriptions: list[Text]
    primary_text: Text | None = None
    #: Where the ad sends people. Required but in an ``app_promotion`` campaign, whose ads send people to
    #: the app's store page (``CampaignSpec.link_of``), and for a Meta image or video ad sending people
    #: nowhere (``CampaignSpec.sends_nowhere``).
    final_url: Url | None = None
    #: Default learn_more; install_app in an ``app_promotion`` campaign (``CampaignSpec.call_to_action_of``).
    call_to_action: CallToAction = CallToAction.LEARN_MORE
    image_url: Url | None = None
    video_id: Text | None = None
    #: A carousel's cards, in order (``type: carousel``).
    cards: list[CarouselCard] = Field(default_factory=list)
    #: The Page post a ``type: post`` creative runs (``<page id>_<post id>``, quoted in YAML).
    post_id: PagePostId | None = None
    #: The query string appended to this creative's links, over the campaign's ``url_parameters``: its
    #: Google ad's final URL suffix, its Meta creative's ``url_tags``.
    url_parameters: UrlParameters | None = None
    google: CreativeGoogle = Field(default_factory=CreativeGoogle)
    meta: CreativeMeta = Field(default_factory=CreativeMeta)

    @model_validator(mode="before")
    @classmethod
    def _texts_of_meta_only_types(cls, value: Any) -> Any:
        return _meta_only_texts(value)


MetaOptimizationGoal = Literal[
    "AD_RECALL_LIFT",
    "APP_INSTALLS",
    "CONVERSATIONS",
    "ENGAGED_USERS",
    "EVENT_RESPONSES",
    "IMPRESSIONS",
    "LANDING_PAGE_VIEWS",
    "LEAD_GENERATION",
    "LINK_CLICKS",
    "OFFSITE_CONVERSIONS",
    "PAGE_LIKES",
    "POST_ENGAGEMENT",
    "QUALITY_LEAD",
    "REACH",
    "THRUPLAY",
    "VALUE",
]
#: Where a Meta ad set's ads send people (``meta.destination``): its creatives' links (a website, or an app
#: promotion campaign's store page: no ad set ``destination_type`` is sent), or a conversation with the Page
#: in Messenger, on WhatsApp or in Instagram Direct with the account's Instagram account (ad set
#: ``destination_type`` MESSENGER, WHATSAPP or INSTAGRAM_DIRECT: ``spec._meta_messaging``), or an instant
#: form of the Page's that people fill in without leaving Meta (``form``: ad set ``destination_type`` ON_AD,
#: Meta's lead ads: ``spec._meta_lead_forms``).
MetaDestination = Literal["website", "messenger", "whatsapp", "instagram", "form"]
#: The ad set ``destination_type`` of an ad set whose ads open an instant form (``meta.destination: form``;
#: facebook-business 26.0.3 adset.py ``DestinationType.on_ad``).
FORM_DESTINATION_TYPE: Final = "ON_AD"
#: A messaging app an ad set's ads may open, among several (``meta.destination: [messenger, whatsapp]``).
MessagingApp = Literal["messenger", "whatsapp", "instagram"]


def _no_website_among_apps(value: object) -> object:
    """``website`` in a list of apps: refused saying what a list is and that ``website`` is written alone."""
    if value == "website":
        apps = ", ".join(repr(app) for app in get_args(MessagingApp))
        raise ValueProblem(
            value,
            f"; expected one of {apps} (a list names several messaging apps; a single `destination: website` "
            "links to the creatives' sites)",
        )
    return value


#: An app of a ``meta.destination`` list (``website`` refused there by ``_no_website_among_apps``).
ListedApp = Annotated[MessagingApp, BeforeValidator(_no_website_among_apps)]
#: The ad set ``destination_type`` of each conversation ``meta.destination`` names.
DESTINATION_TYPES: Final = {"messenger": "MESSENGER", "whatsapp": "WHATSAPP", "instagram": "INSTAGRAM_DIRECT"}
#: The ``destination_type`` of an ad set whose ads open several apps at once, Meta picking the one each
#: person is likeliest to answer in (facebook-business 26.0.3 adset.py ``DestinationType``; Meta's "Ads that
#: Click to Multidestination" guide: "any combination of the destinations"), by the apps it opens, in the
#: order Meta's names give them (alphabetical by ``meta.destination`` name too: instagram, messenger,
#: whatsapp) — the order import writes them in.
MULTI_DESTINATION_TYPES: Final[dict[tuple[str, ...], str]] = {
    ("INSTAGRAM_DIRECT", "MESSENGER"): "MESSAGING_INSTAGRAM_DIRECT_MESSENGER",
    ("INSTAGRAM_DIRECT", "MESSENGER", "WHATSAPP"): "MESSAGING_INSTAGRAM_DIRECT_MESSENGER_WHATSAPP",
    ("INSTAGRAM_DIRECT", "WHATSAPP"): "MESSAGING_INSTAGRAM_DIRECT_WHATSAPP",
    ("MESSENGER", "WHATSAPP"): "MESSAGING_MESSENGER_WHATSAPP",
}
_MULTI_APPS: Final = {native: apps for apps, native in MULTI_DESTINATION_TYPES.items()}


_DESTINATION_NAMES: Final = {native: name for name, native in DESTINATION_TYPES.items()}


def destination_apps(destination_type: str) -> tuple[str, ...]:
    """The apps an ad set ``destination_type`` opening a conversation opens (MESSENGER, WHATSAPP,
    INSTAGRAM_DIRECT): one, or several in Meta's order for a ``MESSAGING_*`` type."""
    return _MULTI_APPS.get(destination_type, (destination_type,))


def destination_written(destination_type: str) -> str | list[str]:
    """The ``meta.destination`` of an ad set ``destination_type`` opening a conversation as a spec writes
    it: an app's name, or the list of the apps a ``MESSAGING_*`` type opens, in their canonical order."""
    apps = [_DESTINATION_NAMES[app] for app in destination_apps(destination_type)]
    return apps[0] if len(apps) == 1 else apps


def destination_name(destination_type: str) -> str:
    """The ``meta.destination`` of an ad set ``destination_type`` opening a conversation (MESSENGER,
    WHATSAPP, INSTAGRAM_DIRECT, or several apps' ``MESSAGING_*``: ``[messenger, whatsapp]``), as messages
    say it."""
    written = destination_written(destination_type)
    return written if isinstance(written, str) else f"[{', '.join(written)}]"


def written_destination_type(written: str | Sequence[str]) -> str | None:
    """The ``destination_type`` a written ``meta.destination`` sends (None: a website's, none sent); of a
    list, the several apps' type, or None for a list Meta has no type of (the checks refuse it:
    ``spec._meta_messaging``)."""
    if isinstance(written, str):
        # An instant form's ad set (``form``) opens no conversation: ``adset_opens_form`` says it.
        return None if written in ("website", "form") else DESTINATION_TYPES[written]
    apps = tuple(sorted({DESTINATION_TYPES[app] for app in written if app in DESTINATION_TYPES}))
    if len(apps) == 1:
        return apps[0]
    return MULTI_DESTINATION_TYPES.get(apps)


#: A WhatsApp business phone number as Meta's promoted object takes it (``whatsapp_phone_number``): E.164,
#: a "+" and 7 to 15 digits, quoted in YAML.
WhatsAppNumber = Annotated[str, Strict(), StringConstraints(pattern=r"^\+[1-9][0-9]{6,14}$")]
MetaBillingEvent = Literal["APP_INSTALLS", "CLICKS", "IMPRESSIONS", "LINK_CLICKS", "PAGE_LIKES", "THRUPLAY"]
MetaPlacement = Literal["facebook", "instagram", "audience_network", "messenger", "threads", "whatsapp"]
#: The positions of each publisher platform an ad set may place its ads in (its targeting's
#: ``facebook_positions`` …): Meta's Placement Targeting reference ("Device, Publisher and Positions"); the
#: SDK types them as plain strings (facebook-business adobjects/targeting.py), so the docs are the source.
FacebookPosition = Literal[
    "feed",
    "right_hand_column",
    "marketplace",
    "video_feeds",
    "story",
    "search",
    "instream_video",
    "facebook_reels",
    "facebook_reels_overlay",
    "profile_feed",
    "notification",
]
InstagramPosition = Literal[
    "stream", "story", "explore", "explore_home", "reels", "profile_feed", "ig_search", "profile_reels"
]
AudienceNetworkPosition = Literal["classic", "rewarded_video"]
MessengerPosition = Literal["sponsored_messages", "story"]
ThreadsPosition = Literal["threads_stream"]
#: WhatsApp's Status (its Updates tab): ``publisher_platforms [whatsapp]``, ``whatsapp_positions [status]``,
#: as Meta's "Create ad creatives with WhatsApp identity" page (2026-06) names them. Its marketing messages
#: placement is no position the spec language names (unconfirmed whether it is one of
#: ``whatsapp_positions``).
WhatsAppPosition = Literal["status"]
#: The device platforms an ad set may run on (its targeting's ``device_platforms``; facebook-business
#: adobjects/targeting.py ``Targeting.DevicePlatforms``). None named: all of them.
MetaDevice = Literal["mobile", "desktop", "connected_tv"]
#: The device platforms of an app ad set: Meta's app ads run on mobile devices alone.
APP_DEVICES: Final[list[MetaDevice]] = ["mobile"]


class MetaPositions(StrictModel):
    """Manual placements: the publisher platforms an ad set runs on, each with the positions on it its ads
    show in (``[]`` or nothing: all of that platform's, as Meta places them when none is named). A
    platform left out is not placed on."""

    facebook: list[Annotated[FacebookPosition, BeforeValidator(_lower)]] | None = None
    instagram: list[Annotated[InstagramPosition, BeforeValidator(_lower)]] | None = None
    audience_network: list[Annotated[AudienceNetworkPosition, BeforeValidator(_lower)]] | None = None
    messenger: list[Annotated[MessengerPosition, BeforeValidator(_lower)]] | None = None
    threads: list[Annotated[ThreadsPosition, BeforeValidator(_lower)]] | None = None
    whatsapp: list[Annotated[WhatsAppPosition, BeforeValidator(_lower)]] | None = None

    @model_validator(mode="before")
    @classmethod
    def _named_alone_is_every_position(cls, value: Any) -> Any:
        # ``instagram:`` with nothing after it names the platform: all of its positions, like ``[]``.
        if isinstance(value, dict):
            return {k: [] if v is None else v for k, v in value.items()}
        if not isinstance(value, MetaPositions):
            # Reached from ``MetaPlacements`` by anything that is no list: name both shapes it takes.
            raise ValueError("expected a list of platforms or a mapping of positions by platform")
        return value

    @model_validator(mode="after")
    def _one_platform_at_least(self) -> MetaPositions:
        if not self.by_platform():
            raise ValueError(
                "expected a platform at least, each with its positions (or [] for automatic placements)"
            )
        return self

    def by_platform(self) -> dict[str, list[str]]:
        """The platforms placed on, each with its positions (``[]``: all of them)."""
        return {p: list(getattr(self, p)) for p in get_args(MetaPlacement) if getattr(self, p) is not None}


#: ``meta.placements``: the publisher platforms alone (``[facebook, instagram]``; ``[]``: automatic
#: placements) or, by position, a ``MetaPositions`` mapping (``{facebook: [feed], instagram: [stream]}``).
MetaPlacements = Annotated[
    Annotated[list[Annotated[MetaPlacement, BeforeValidator(_lower)]], Tag("platforms")]
    | Annotated[MetaPositions, Tag("positions")],
    # One member validated (its errors alone reported): a list names platforms, anything else positions.
    Discriminator(lambda value: "platforms" if isinstance(value, list) else "positions"),
]


def placement_positions(placements: Sequence[str] | MetaPositions) -> dict[str, list[str]]:
    """``meta.placements`` in one shape: each platform placed on with its positions (``[]``: all of them);
    empty for automatic placements."""
    if isinstance(placements, MetaPositions):
        return placements.by_platform()
    return {platform: [] for platform in placements}


MetaSpecialAdCategory = Literal[
    "CREDIT",
    "EMPLOYMENT",
    "FINANCIAL_PRODUCTS_SERVICES",
    "HOUSING",
    "ISSUES_ELECTIONS_POLITICS",
    "ONLINE_GAMBLING_AND_GAMING",
]


MetaBidStrategy = Literal[
    "LOWEST_COST_WITHOUT_CAP", "LOWEST_COST_WITH_BID_CAP", "COST_CAP", "LOWEST_COST_WITH_MIN_ROAS"
]
#: The Meta bid strategies whose ad sets carry a cap, ``bid_amount`` (Meta's Bid Strategy guide: a bid cap
#: "your specified limit", a cost cap "the cost per action you set"), in the account's minor units.
META_CAP_STRATEGIES: Final = frozenset({"LOWEST_COST_WITH_BID_CAP", "COST_CAP"})
#: The Meta bid strategy whose ad sets carry a ROAS floor (``bid_constraints.roas_average_floor``).
META_MIN_ROAS: Final = "LOWEST_COST_WITH_MIN_ROAS"


#: Google's age buckets as a campaign or ad group excludes them (or a campaign targets them);
#: ``undetermined``: people whose age Google does not know.
GoogleAgeBucket = Literal["18-24", "25-34", "35-44", "45-54", "55-64", "65+", "undetermined"]
#: Google's genders as a campaign or ad group excludes them (or a campaign targets them);
#: ``undetermined``: people whose gender Google does not know.
GoogleGender = Literal["male", "female", "undetermined"]
#: The devices a Google campaign adjusts its bids on (v26 DeviceEnum MOBILE, TABLET, DESKTOP, CONNECTED_TV).
GoogleDevice = Literal["mobile", "tablet", "desktop", "connected_tv"]


#: The channels a Demand Gen ad group may be limited to: the fields of google-ads v26
#: ``AdGroup.DemandGenAdGroupSettings.DemandGenChannelControls.DemandGenSelectedChannels``.
DemandGenChannel = Literal[
    "youtube_in_stream", "youtube_in_feed", "youtube_shorts", "discover", "gmail", "display", "maps"
]  # fmt: skip
#: A Demand Gen ad group's channel strategies (v26 DemandGenChannelStrategy): ``all`` is ALL_CHANNELS,
#: Google's default; ``google_owned`` is ALL_OWNED_AND_OPERATED_CHANNELS ("third-party channels (e.g.,
#: Display) are disabled").
DemandGenChannelStrategy = Literal["all", "google_owned"]


def _channel_strategy(value: object) -> object:
    """A strategy's name, lower-cased, or a clear error for any other text (not one error per member of
    the strategy-or-list union)."""
    if not isinstance(value, str):
        return value
    if value.lower() not in get_args(DemandGenChannelStrategy):
        channels = ", ".join(get_args(DemandGenChannel))
        raise ValueError(f"expected 'all', 'google_owned' or a list of some of {channels}")
    return value.lower()


#: The product attributes a Shopping ad group's product groups split by (``spec._product_groups`` maps each
#: to its v26 ListingDimensionInfo case value): brand, item id, condition, channel, custom labels 0-4,
#: product type levels 1-5 and Google product category levels 1-5.
ProductDimension = Literal[
    "brand",
    "item_id",
    "condition",
    "channel",
    "custom_label_0",
    "custom_label_1",
    "custom_label_2",
    "custom_label_3",
    "custom_label_4",
    "product_type_l1",
    "product_type_l2",
    "product_type_l3",
    "product_type_l4",
    "product_type_l5",
    "category_l1",
    "category_l2",
    "category_l3",
    "category_l4",
    "category_l5",
]
#: A value products are split by: text (a brand, a custom label), a word (``new``) or a category id,
#: quoted or not in YAML.
ProductValue = Annotated[str, BeforeValidator(_reject_surrounding_whitespace), BeforeValidator(int_to_text)]


class ProductGroup(StrictModel):
    """A product group of a Shopping ad group, or of a Demand Gen ad group's product filter (a node of its
    listing group tree): either a unit, bid at ``cpc_bid`` (default: the ad group's; a filter's never bid)
    or ``exclude``-d, or split ``split_by`` one product attribute
    into a group per value of ``values`` and the ``everything_else`` group, each a ``ProductGroup`` of its
    own. ``spec._product_groups`` checks the tree's rules at each node."""

    split_by: ProductDimension | None = None
    values: dict[ProductValue, ProductGroup] = Field(default_factory=dict)
    everything_else: ProductGroup | None = None
    cpc_bid: Money | None = None
    exclude: Flag = False


#: v26 WebpageConditionOperandEnum, lower-cased.
WebpageOperand = Literal["url", "category", "page_title", "page_content", "custom_label"]


class WebpageCondition(StrictModel):
    """One condition of a Dynamic Search Ads webpage target (v26 WebpageConditionInfo): the pages whose
    ``operand`` (URL, category, title, content or page feed custom label) equals or contains ``argument``."""

    operand: Annotated[WebpageOperand, BeforeValidator(_lower)]
    operator: Annotated[Literal["equals", "contains"], BeforeValidator(_lower)] = "contains"
    argument: Text


class WebpageExclusion(StrictModel):
    """Pages Dynamic Search Ads must not target (a negative webpage criterion, v26 WebpageInfo: Google's
    "URL exclusions"), of a campaign (``google.dynamic_search_ads.exclude_webpages``) or of a dynamic ad
    group (``google.exclude_webpages``): its ``name`` (``criterion_name``) and the conditions a page meets,
    all of them; none means every page of the campaign's domain ("An empty list of conditions indicates all
    pages of the campaign's website are targeted")."""

    name: Annotated[str, BeforeValidator(_reject_surrounding_whitespace), StringConstraints(min_length=1)]
    conditions: list[WebpageCondition] = Field(default_factory=list)


class Webpage(WebpageExclusion):
    """A webpage target of a dynamic ad group (v26 AdGroupCriterion.webpage, WebpageInfo): its name and
    conditions as an exclusion's, its own max CPC over the ad group's (``cpc_bid``, v26 AdGroupCriterion
    ``cpc_bid_micros``) and its status (``paused`` keeps it without serving)."""

    status: Literal["active", "paused"] = "active"
    cpc_bid: Money | None = None


#: A count of booking nights (v26 LengthOfBookingInfo ``min_days``/``max_days``, "the number of days in the
#: booking"): Google's help says a length of stay is adjusted up to 30 (``spec._google_hotel_bookings``).
MAX_STAY_NIGHTS: Final = 30
StayNights = Annotated[int, Strict(), Ge(1), Le(MAX_STAY_NIGHTS)]
#: Days before check-in (v26 AdvanceBookingWindowInfo): up to 330, the farthest check-in date Google takes
#: (START_DATE_RANGE_END_DATE_TOO_LATE); the window's own limit is not confirmed
#: (``spec._google_hotel_bookings``).
MAX_BOOKING_DAYS: Final = 330
BookingDays = Annotated[int, Strict(), Ge(0), Le(MAX_BOOKING_DAYS)]
#: A Hotel booking's date selection (v26 DateSelectionType DEFAULT_SELECTION, USER_SELECTED).
DateSelection = Literal["default_dates", "user_selected"]


class StayLength(StrictModel):
    """A bid adjustment for stays of ``min_nights`` to ``max_nights`` nights (both included)."""

    min_nights: StayNights
    max_nights: StayNights
    modifier: BidModifier


class BookingWindow(StrictModel):
    """A bid adjustment for bookings made ``min_days`` to ``max_days`` days before check-in (both
    included)."""

    min_days: BookingDays
    max_days: BookingDays
    modifier: BidModifier


class CheckInDates(StrictModel):
    """A bid adjustment for check-in dates from ``start`` to ``end`` (both included)."""

    start: dt.date
    end: dt.date
    modifier: BidModifier


class HotelBidAdjustments(StrictModel):
    """A Hotel ad group's bid adjustments by booking (``spec._google_hotel_bookings``): a multiplier each,
    from 0.1 to 10; what it does not name is not adjusted."""

    #: By the check-in day of the week.
    check_in_days: dict[Weekday, BidModifier] = Field(default_factory=dict)
    #: By the nights of the stay: ranges that do not overlap.
    length_of_stay: list[StayLength] = Field(default_factory=list)
    #: By the days between booking and check-in: ranges that do not overlap.
    advance_booking_window: list[BookingWindow] = Field(default_factory=list)
    #: By whether the traveller picked the dates or searched Google's default ones.
    date_selection: dict[DateSelection, BidModifier] = Field(default_factory=dict)
    #: By check-in date: ranges that do not overlap.
    check_in_dates: list[CheckInDates] = Field(default_factory=list)


class AdGroupGoogle(StrictModel):
    """Google escape hatch of an ad group: its default max CPC (money, budget currency) and the negative
    keywords of this ad group alone (``spec.google.negative_keywords`` apply to the whole campaign).
    ``negative_ages``, ``negative_genders`` and ``negative_interests`` are this ad group's own exclusions
    (negative ad group criteria, as a console's demographic exclusions are), beside the ages and genders its
    unified targeting targets; the campaign's ``google.negative_*`` apply to every ad group. ``target_cpa``
    and ``target_roas`` override the campaign's bidding target of that name for this ad group (Google's
    ad group ``target_cpa_micros`` and ``target_roas``), so they need one on the campaign. ``channels`` are
    a Demand Gen ad group's (``spec._google_demand_gen.check_demand_gen_channels``)."""

    cpc_bid: Money | None = None
    #: A Hotel ad group's bid as a percent of the room's price, when its campaign bids percent_cpc (v26
    #: AdGroup.percent_cpc_bid_micros).
    percent_cpc_bid: PercentCpcBid | None = None
    target_cpa: Money | None = None
    target_roas: Roas | None = None
    negative_keywords: list[Keyword] = Field(default_factory=list)
    negative_ages: list[GoogleAgeBucket] = Field(default_factory=list)
    negative_genders: list[GoogleGender] = Field(default_factory=list)
    #: Interests by name, resolved like ``targeting.interests``.
    negative_interests: list[Text] = Field(default_factory=list)
    #: Labels kept on the ad group beside MIDAS's marker.
    labels: list[PlatformName] = Field(default_factory=list)
    #: Overrides the ad group's status on Google.
    status: Literal["active", "paused"] | None = None
    #: What targeting audiences does on Google: restrict the ad group's reach to them ("targeting", the
    #: default) or only observe them (Google's "observation": bids adjusted, nobody left out).
    audience_mode: Literal["targeting", "observation"] = "targeting"
    #: A Demand Gen ad group's channels (v26 ``demand_gen_ad_group_settings.channel_controls``): a strategy
    #: (``all``, the default, or ``google_owned``) or the channels picked, at least one.
    channels: Annotated[
        Annotated[DemandGenChannelStrategy, Tag("strategy")]
        | Annotated[list[Annotated[DemandGenChannel, BeforeValidator(_lower)]], Tag("channels")],
        # One member validated (its errors alone reported): a list is channels, anything else a strategy.
        Discriminator(lambda value: "channels" if isinstance(value, list) else "strategy"),
        BeforeValidator(_channel_strategy),
    ] = "all"
    #: A Shopping ad group's product groups, split by product attributes (default: one group of all its
    #: products, bid at ``cpc_bid``); a Demand Gen ad group's product filter, the same tree without bids
    #: (default: none, all the products of its campaign's Merchant Center account).
    product_groups: ProductGroup | None = None
    #: A dynamic ad group's webpage targets (``spec._google_dynamic_search``): given, the ad group is a
    #: Dynamic Search Ads one (SEARCH_DYNAMIC_ADS) of a campaign with ``google.dynamic_search_ads``.
    webpages: list[Webpage] = Field(default_factory=list)
    #: The pages a dynamic ad group's targets leave out (negative ad group webpage criteria).
    exclude_webpages: list[WebpageExclusion] = Field(default_factory=list)
    #: The ad group's URL options (v26 AdGroup ``final_url_suffix``, ``tracking_url_template`` and
    #: ``url_custom_parameters``), over the campaign's for its ads without their own. Google's alone: a Meta
    #: ad set has none (Meta's ``url_tags`` are a creative's), so the suffix has Google's name here, not the
    #: ``url_parameters`` a campaign and a creative write once for both platforms. Not of a Performance Max
    #: or app campaign's ad group (``spec._url_tracking``).
    final_url_suffix: UrlParameters | None = None
    tracking_url_template: TrackingTemplate | None = None
    url_custom_parameters: CustomParameters = Field(default_factory=dict)
    #: The ad group's own bid adjustment per device, over the campaign's (``spec._google_ad_group_devices``):
    #: a multiplier, 0 to show none of its ads on the device; a device it does not name keeps the
    #: campaign's. Google's alone (Search, Display, Shopping and Hotel campaigns' ad groups).
    device_bid_adjustments: dict[GoogleDevice, BidModifier] = Field(default_factory=dict)
    #: A Hotel ad group's bid adjustments by booking (``spec._google_hotel_bookings``): check-in day, length
    #: of stay, advance booking window, date selection, check-in dates. Google's alone.
    hotel_bid_adjustments: HotelBidAdjustments | None = None


class AdSetBudget(StrictModel):
    """An ad set's own budget (Meta ad set budgets): exactly one of ``daily`` or ``lifetime``, in the
    campaign budget's currency. Those of the campaign budget's period add up to its Meta share; one of the
    other period (Meta takes either, ad set by ad set) is on top of it, never added to it: a daily and a
    lifetime amount have no sum. A lifetime one needs an end date (the ad set's own or the campaign's);
    ad sets sharing their budgets (``MetaOptions.adset_budget_sharing``) have daily ones."""

    daily: Money | None = None
    lifetime: Money | None = None


def _reject_null_hours(value: Any) -> Any:
    """An ad set's ``hours: null`` says neither its own hours nor all the time: refused for a list."""
    if value is None:
        raise ValueProblem(value, "; expected a list of hours (`[]`: all the time) or no 'hours' at all")
    return value


#: The time zone Meta runs an ad set's hours in: the ad account's (DayPart ``timezone_type`` ADVERTISER, which
#: ``schedule.time_zone`` must then be) or each viewer's own (USER): ``spec._schedule_hours``.
HoursTimeZone = Literal["account", "viewer"]
#: ``HoursTimeZone`` → Meta's DayPart ``timezone_type`` (believed: ``connectors.meta_day_parts``).
META_TIMEZONE_TYPES: Final[dict[str, str]] = {"account": "ADVERTISER", "viewer": "USER"}


class AdSetSchedule(StrictModel):
    """An ad set's own dates, in the campaign's time zone; each one set (``null`` too: none) replaces
    the campaign's, the other is the campaign's. ``hours``: the ad set's own hours (Meta ad scheduling),
    replacing the campaign's ``schedule.hours`` for it; ``[]``: all the time; none: the campaign's
    (``spec._schedule_hours``)."""

    start: dt.date | None = None
    end: dt.date | None = None
    hours: Annotated[list[HourSlot] | None, BeforeValidator(_reject_null_hours)] = None


#: Meta's standard conversion events an ad set may optimise for (facebook-business
#: ``AdPromotedObject.CustomEventType``; ``OTHER`` is a custom event's, which ``custom_event`` names).
MetaConversionEvent = Literal[
    "ACHIEVEMENT_UNLOCKED",
    "ADD_PAYMENT_INFO",
    "ADD_TO_CART",
    "ADD_TO_WISHLIST",
    "COMPLETE_REGISTRATION",
    "CONTACT",
    "CONTENT_VIEW",
    "CUSTOMIZE_PRODUCT",
    "DONATE",
    "FIND_LOCATION",
    "INITIATED_CHECKOUT",
    "LEAD",
    "LEVEL_ACHIEVED",
    "PURCHASE",
    "RATE",
    "SCHEDULE",
    "SEARCH",
    "SPENT_CREDITS",
    "START_TRIAL",
    "SUBMIT_APPLICATION",
    "SUBSCRIBE",
    "TUTORIAL_COMPLETION",
]


def _check_custom_event(value: str) -> str:
    if not value:
        raise ValueProblem(value, "; expected the name the site's pixel fires, such as SignedUpForDemo")
    if len(value) > META_CUSTOM_EVENT_MAX:
        raise ValueProblem(
            value,
            f", which is {len(value)} characters long; expected at most {META_CUSTOM_EVENT_MAX} "
            "(Meta's limit on a pixel's custom event names)",
        )
    if re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueProblem(value, ", which has a control character; expected the name the site's pixel fires")
    return value


def custom_event_problem(name: str) -> str | None:
    """Why the spec language cannot write a pixel's custom event named ``name`` (``MetaCustomEvent``), or
    None: what import says of a live one rather than write a spec that would not load."""
    try:
        _check_custom_event(str(_reject_surrounding_whitespace(name)))
    except ValueProblem as problem:
        return str(problem)
    return None


#: A pixel's custom event, by the name the site fires it with (``fbq('trackCustom', 'SignedUpForDemo')``):
#: an ad set counts it as ``promoted_object`` ``custom_event_type`` OTHER with ``custom_event_str`` (facebook-
#: business adpromotedobject.py). Kept as written: Meta's names are case-sensitive.
MetaCustomEvent = Annotated[
    str, Strict(), BeforeValidator(_reject_surrounding_whitespace), AfterValidator(_check_custom_event)
]


def _check_pixel_rule(value: dict[str, Any]) -> dict[str, Any]:
    if not value:
        raise ValueProblem(value, "; expected a rule such as {url: {i_contains: thank-you}}")
    if meta_pixel_rule_text(value) is None:
        raise ValueProblem(
            value,
            ", which JSON cannot hold (a date, a non-finite number …); expected text, numbers, "
            "true/false, lists and mappings",
        )
    return value


#: The rule narrowing which of its event's firings an ad set counts (``promoted_object.pixel_rule``, JSON
#: text on the wire, facebook-business adpromotedobject.py; say ``{url: {i_contains: thank-you}}``), as a
#: mapping: compared by meaning (``resources.meta_pixel_rule_text``), not by its text's spacing or key order.
MetaPixelRule = Annotated[dict[str, Any], AfterValidator(_check_pixel_rule)]


#: The keys of Meta's Advantage+ audience ``targeting_automation.individual_setting`` public Marketing API
#: clients send (``spec._meta_advantage``); MIDAS gives them no meaning of its own.
MetaAdvantageAudienceKey = Literal["age", "gender", "geo"]


def _zero_or_one(value: object) -> object:
    # Meta's flags are 0 or 1 as written; true, 1.0 or "1" would be sent as something else.
    if type(value) is not int or value not in (0, 1):
        raise ValueProblem(value, "; expected 0 or 1 (held and sent to Meta as written)")
    return value


#: Advantage+ audience's ``individual_setting``: each key's flag, 0 or 1, sent and compared as written.
MetaAdvantageAudienceSettings = dict[
    MetaAdvantageAudienceKey,
    Annotated[int, BeforeValidator(_zero_or_one), WithJsonSchema({"type": "integer", "enum": [0, 1]})],
]
#: The ad set optimisation goals Meta counts on a pixel's conversion events (the ad set's
#: ``promoted_object`` names the pixel and the event).
META_PIXEL_GOALS: Final = frozenset({"OFFSITE_CONVERSIONS", "VALUE"})


class MetaConversion(StrictModel):
    """The conversion a Meta ad set counts (its ``promoted_object``): the pixel that reports it (default:
    the account's ``pixel_id`` in midas.yaml) and the event (default: ``PURCHASE`` for sales, ``LEAD``
    for leads; or a custom event of the site's, ``custom_event``, by its name), or instead a custom
    conversion of the account's Events Manager by its id, which names its own pixel and event. Ad sets
    optimising for website conversions always count one; an ad group naming one makes its ad set count it
    whatever it optimises for."""

    pixel_id: Digits | None = None
    event: Annotated[MetaConversionEvent, BeforeValidator(_upper)] | None = None
    #: A custom conversion's id (``promoted_object.custom_conversion_id``), alone: neither ``pixel_id``
    #: nor ``event`` beside it (the checks say so).
    custom_conversion_id: Digits | None = None
    #: A custom event of the pixel by its name, instead of a standard ``event`` (the checks refuse both).
    custom_event: MetaCustomEvent | None = None
    #: The rule narrowing the ``event`` or ``custom_event`` written beside it (the checks say so).
    pixel_rule: MetaPixelRule | None = None

    def names_an_event(self) -> bool:
        """Whether this conversion names its pixel's event, standard or custom."""
        return self.event is not None or self.custom_event is not None

    def names_a_pixel_event(self) -> bool:
        """Whether this conversion names a pixel or an event (rather than a custom conversion or nothing)."""
        return self.pixel_id is not None or self.names_an_event()


class AdGroupMeta(StrictModel):
    """Meta escape hatch of an ad set: optimisation goal and billing event (default: the campaign's)."""

    optimization_goal: Annotated[MetaOptimizationGoal, BeforeValidator(_upper)] | None = None
    billing_event: Annotated[MetaBillingEvent, BeforeValidator(_upper)] | None = None
    #: Ad labels kept on the ad set beside MIDAS's marker.
    labels: list[PlatformName] = Field(default_factory=list)
    #: Overrides the ad group's status on Meta.
    status: Literal["active", "paused"] | None = None
    #: This ad set's publisher platforms, or positions by platform (default: the campaign's
    #: ``meta.placements``; ``[]``: automatic).
    placements: MetaPlacements | None = None
    #: This ad set's device platforms (default: the campaign's ``meta.devices``; ``[]``: all of them).
    devices: list[Annotated[MetaDevice, BeforeValidator(_lower)]] | None = None
    #: This ad set's own budget. When one Meta ad set of a campaign has one, all must, the Meta campaign
    #: carries none (ad set budgets), and together those of the campaign budget's period are the campaign's
    #: Meta share (``AdSetBudget``: the other period's are on top of it).
    budget: AdSetBudget | None = None
    #: This ad set's own start and end dates (default: the campaign's ``schedule``), and its own hours.
    schedule: AdSetSchedule | None = None
    #: The time zone this ad set's hours run in (default: the campaign's ``meta.hours_time_zone``).
    hours_time_zone: Annotated[HoursTimeZone, BeforeValidator(_lower)] | None = None
    #: This ad set's conversion, field by field over the campaign's ``meta.conversion``.
    conversion: MetaConversion | None = None
    #: This ad set's own bid strategy (default: the campaign's ``meta.bid_strategy``). Only with ad set
    #: budgets (``budget``): under a campaign budget Meta documents one strategy, the campaign's.
    bid_strategy: Annotated[MetaBidStrategy, BeforeValidator(_upper)] | None = None
    #: This ad set's cap (default: the campaign's ``meta.bid_amount``), with a cap bid strategy (its own).
    bid_amount: Money | None = None
    #: This ad set's minimum ROAS (default: the campaign's ``meta.roas_floor``), with MIN_ROAS bidding.
    roas_floor: Roas | None = None
    #: Advantage+ audience on this ad set alone (default: the campaign's ``meta.advantage_audience``).
    advantage_audience: Flag | None = None
    #: This ad set's ``individual_setting`` (default: the campaign's ``meta.advantage_audience_settings``;
    #: ``{}``: none).
    advantage_audience_settings: MetaAdvantageAudienceSettings | None = None
    #: Where this ad set's ads send people (default: the campaign's ``meta.destination``): one, or the
    #: messaging apps it opens at once (a list).
    destination: MetaDestination | list[ListedApp] | None = None
    #: The WhatsApp number this ad set's ads open a chat with (default: the campaign's).
    whatsapp_number: WhatsAppNumber | None = None
    #: The product set of the campaign's ``meta.catalog`` this ad set's catalog ads show (default: the
    #: campaign's ``meta.product_set``; ad set ``promoted_object.product_set_id``: ``spec._meta_catalog``).
    product_set: Digits | None = None
    #: A Dynamic Creative ad set (``is_dynamic_creative``, set on creation alone): its one creative's texts,
    #: media, link and button travel in its asset feed, which Meta combines per person
    #: (``spec._meta_dynamic_creative``).
    dynamic_creative: Flag = False


#: The name of the one ad group a campaign naming none runs.
IMPLICIT_AD_GROUP: Final = "default"


class AdGroup(StrictModel):
    """An ad group (Google) / ad set (Meta). ``targeting`` overrides the campaign's, field by field;
    ``creatives`` names the campaign creatives it runs (default: all); ``paused_creatives`` those of them
    whose ads are paused in this ad group alone (a creative's ``status`` pauses them everywhere). Names are
    unique per platform: two ad groups may share one when their ``platforms`` do not overlap (a Google ad
    group and a Meta ad set that cannot be one)."""

    name: PlatformName
    status: Literal["active", "paused"] | None = None
    targeting: Targeting | None = None
    creatives: list[PlatformName] | None = None
    paused_creatives: list[PlatformName] = Field(default_factory=list)
    keywords: list[Keyword] = Field(default_factory=list)
    #: The platforms it runs on (default: all of the campaign's).
    platforms: list[Literal["google", "meta"]] | None = None
    google: AdGroupGoogle = Field(default_factory=AdGroupGoogle)
    meta: AdGroupMeta = Field(default_factory=AdGroupMeta)


def adset_hours(schedule: Schedule, group: AdGroup) -> list[HourSlot]:
    """The hours ``group``'s Meta ad set runs (none: all the time): its own (``meta.schedule.hours``) where
    it sets them, else the campaign's."""
    own = group.meta.schedule
    if own is None or own.hours is None:
        return schedule.hours
    return own.hours


def adset_hours_time_zone(spec: CampaignSpec, group: AdGroup) -> str:
    """The time zone ``group``'s Meta ad set runs its hours in (``HoursTimeZone``): its own over the
    campaign's ``meta.hours_time_zone``."""
    return group.meta.hours_time_zone or spec.meta.hours_time_zone


def adset_dates(schedule: Schedule, group: AdGroup) -> tuple[dt.date | None, dt.date | None]:
    """The start and end dates of ``group``'s Meta ad set: its own where it sets them, else the campaign's."""
    own = group.meta.schedule
    if own is None:
        return schedule.start, schedule.end
    given = own.model_fields_set
    return (
        own.start if "start" in given else schedule.start,
        own.end if "end" in given else schedule.end,
    )


#: The optimisation goal of a Meta ad set whose spec names none (``compile.meta`` pairs it with the
#: campaign's ``OUTCOME_*`` objective).
META_DEFAULT_GOALS: Final[dict[Objective, str]] = {
    Objective.AWARENESS: "REACH",
    Objective.TRAFFIC: "LINK_CLICKS",
    Objective.ENGAGEMENT: "POST_ENGAGEMENT",
    Objective.LEADS: "OFFSITE_CONVERSIONS",
    Objective.SALES: "OFFSITE_CONVERSIONS",
    Objective.APP_PROMOTION: "APP_INSTALLS",
}
#: The ``google`` options (of a campaign; the ``negative_*`` of an ad group too) that target or exclude people
#: on Google alone: Meta's ad sets take the unified targeting and ``meta.targeting`` only.
GOOGLE_ONLY_TARGETING: Final = (
    "campaign_ages", "campaign_genders", "campaign_interests", "negative_ages", "negative_genders",
    "negative_interests",
)  # fmt: skip
#: The conversion event a Meta ad set counts when its spec names none.
META_DEFAULT_EVENTS: Final[dict[Objective, str]] = {Objective.SALES: "PURCHASE", Objective.LEADS: "LEAD"}


#: The optimisation goal of a Meta ad set opening a conversation that names none: conversations (Meta's
#: click-to-message guides: "CONVERSATIONS"; its multidestination guide: "Must be set to CONVERSATIONS").
META_MESSAGING_GOAL: Final = "CONVERSATIONS"
#: The optimisation goal of a Meta ad set opening an instant form that names none: leads (facebook-business
#: adset.py ``OptimizationGoal.lead_generation``; Meta's lead ads take QUALITY_LEAD too).
META_LEAD_FORM_GOAL: Final = "LEAD_GENERATION"


def adset_goal(spec: CampaignSpec, group: AdGroup) -> str:
    """The optimisation goal of ``group``'s Meta ad set: its own, else the campaign's, else its
    objective's (conversations for an ad set opening a conversation: ``adset_destination``; leads for one
    opening an instant form: ``adset_opens_form``)."""
    own = group.meta.optimization_goal or spec.meta.optimization_goal
    if own is not None:
        return own
    if adset_destination(spec, group) is not None:
        return META_MESSAGING_GOAL
    if adset_opens_form(spec, group):
        return META_LEAD_FORM_GOAL
    return META_DEFAULT_GOALS[spec.objective]


class AdSetConversion(NamedTuple):
    """What a Meta ad set counts: a pixel's event (``pixel_id``, and ``event``, a standard one, or
    ``custom_event``, one the site names; None where nothing gives one), or a custom conversion
    (``custom_conversion_id``, the pixel and event then being the custom conversion's own)."""

    pixel_id: str | None
    event: str | None
    custom_conversion_id: str | None = None
    custom_event: str | None = None
    #: The rule narrowing the event, as ``resources.meta_pixel_rule_text`` writes it.
    pixel_rule: str | None = None

    def names_an_event(self) -> bool:
        """Whether a pixel's event, standard or custom, is given."""
        return self.event is not None or self.custom_event is not None

    def event_option(self) -> dict[str, Any]:
        """The ``meta.conversion`` keys naming its pixel's event: ``event`` or ``custom_event``, and the
        ``pixel_rule`` narrowing it."""
        if self.custom_event is not None:
            option: dict[str, Any] = {"custom_event": self.custom_event}
        else:
            option = {"event": self.event} if self.event is not None else {}
        if self.pixel_rule is not None:
            # Read from a live ad set, it may be no JSON rule: kept as text (import refuses it).
            text = meta_pixel_rule_text(self.pixel_rule)
            option["pixel_rule"] = json.loads(text) if text is not None else self.pixel_rule
        return option


def adset_conversion(spec: CampaignSpec, group: AdGroup, account_pixel: str | None) -> AdSetConversion | None:
    """The conversion ``group``'s Meta ad set counts: the nearest custom conversion, from the ad group's
    ``meta.conversion`` then the campaign's, unless the ad group names a pixel or event of its own; else
    the pixel and event field by field from the ad group's, the campaign's (when not a custom conversion),
    then ``account_pixel`` and the objective's event. An ad set counts conversions when it optimises for
    them, or when its ad group names a ``meta.conversion`` (the campaign's only gives the values); None
    when it does not."""
    if adset_goal(spec, group) not in META_PIXEL_GOALS and group.meta.conversion is None:
        return None
    if adset_product_set(spec, group) is not None:
        return None  # a catalog ad set counts its catalog's events (``spec._meta_catalog``)
    named = [c for c in (group.meta.conversion, spec.meta.conversion) if c is not None]
    for c in named:
        if c.custom_conversion_id is not None:
            return AdSetConversion(None, None, c.custom_conversion_id)
        if c.names_a_pixel_event():
            break
    sources = [c for c in named if c.custom_conversion_id is None]
    pixel = next((c.pixel_id for c in sources if c.pixel_id is not None), account_pixel)
    # The event, standard or custom, is one field: the nearest naming either gives it.
    giving = next((c for c in sources if c.names_an_event()), None)
    if giving is None:
        return AdSetConversion(pixel, META_DEFAULT_EVENTS.get(spec.objective))
    rule = meta_pixel_rule_text(giving.pixel_rule) if giving.pixel_rule is not None else None
    return AdSetConversion(pixel, giving.event, custom_event=giving.custom_event, pixel_rule=rule)


class BiddingStrategy(StrEnum):
    MAXIMIZE_CONVERSIONS = "maximize_conversions"
    MAXIMIZE_CONVERSION_VALUE = "maximize_conversion_value"
    TARGET_CPA = "target_cpa"
    TARGET_ROAS = "target_roas"
    MAXIMIZE_CLICKS = "maximize_clicks"
    MANUAL_CPC = "manual_cpc"
    TARGET_IMPRESSION_SHARE = "target_impression_share"
    #: A Hotel campaign's alone (v26 Campaign.percent_cpc, PercentCpc): each ad group bids a percent of the
    #: room's price (``google.percent_cpc_bid``), ``max_cpc`` its optional ceiling.
    PERCENT_CPC = "percent_cpc"


class ImpressionShareLocation(StrEnum):
    """Where on Google's search results page the ads are to show (google-ads v26
    ``TargetImpressionShareLocationEnum``: ANYWHERE_ON_PAGE, TOP_OF_PAGE, ABSOLUTE_TOP_OF_PAGE)."""

    ANYWHERE_ON_PAGE = "anywhere_on_page"
    TOP_OF_PAGE = "top_of_page"
    ABSOLUTE_TOP_OF_PAGE = "absolute_top_of_page"


class GoogleImpressionShare(StrictModel):
    """What Google's target impression share bidding needs (google-ads v26 ``TargetImpressionShare``):
    ``location`` on the results page, ``share`` the fraction of the auctions the ads are to show there in
    (0.65 = 65 %; Google takes it in millionths, so at most 6 decimal places), and ``max_cpc`` the
    highest cost per click the bidding may set (money, the budget's currency; Google: "a required field
    entered by the advertiser")."""

    location: ImpressionShareLocation
    share: Annotated[Decimal, BeforeValidator(_reject_bool), Gt(0), Le(1)]
    max_cpc: Money


#: What a Google app campaign bids for: google-ads v26 AppCampaignBiddingStrategyGoalType (each kind of app
#: campaign takes some: ``APP_KIND_GOALS``).
GoogleAppGoal = Literal[
    "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",
    "OPTIMIZE_INSTALLS_TARGET_INSTALL_COST",
    "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST",
    "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_INSTALL_COST",
    "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
    "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA",
    "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND",
    "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS",
]

#: Each goal an app campaign may bid for (``google.bidding.app_goal``) → the strategy it bids with: the
#: create-campaign guide (developers.google.com/google-ads/api/docs/app-campaigns/create-campaign, step 6)
#: pairs goals with a target cost (per install or per in-app conversion) with ``target_cpa``, the ROAS goal
#: with ``target_roas``, and goals without a target with ``maximize_conversions`` (installs, in-app
#: conversions) or ``maximize_conversion_value`` (total value).
APP_GOAL_STRATEGIES: Final[dict[str, BiddingStrategy]] = {
    "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME": BiddingStrategy.MAXIMIZE_CONVERSIONS,
    "OPTIMIZE_INSTALLS_TARGET_INSTALL_COST": BiddingStrategy.TARGET_CPA,
    "OPTIMIZE_INSTALLS_WITHOUT_TARGET_INSTALL_COST": BiddingStrategy.MAXIMIZE_CONVERSIONS,
    "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_INSTALL_COST": BiddingStrategy.TARGET_CPA,
    "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST": BiddingStrategy.TARGET_CPA,
    "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA": BiddingStrategy.MAXIMIZE_CONVERSIONS,
    "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND": BiddingStrategy.TARGET_ROAS,
    "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS": BiddingStrategy.MAXIMIZE_CONVERSION_VALUE,
}


#: What a Google app campaign drives (``google.app_campaign``): installs, engagement (in-app actions of people
#: who have the app) or pre-registrations (of an Android app not yet launched).
AppCampaignKind = Literal["installs", "engagement", "pre_registration"]
#: ``google.app_campaign`` → its google-ads v26 AdvertisingChannelSubType (developers.google.com/google-ads/
#: api/docs/app-campaigns/create-campaign, step 4: "Set the advertising_channel_sub_type based on the goal").
APP_SUB_TYPES: Final[dict[str, str]] = {
    "installs": "APP_CAMPAIGN",
    "engagement": "APP_CAMPAIGN_FOR_ENGAGEMENT",
    "pre_registration": "APP_CAMPAIGN_FOR_PRE_REGISTRATION",
}
#: The goals each kind of app campaign bids for. Installs: every goal but pre-registration (the goals
#: MIDAS had). Pre-registration: OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME alone ("Aim to maximize the
#: pre-registration of the app"; Google adds its conversion action itself: create-campaign step 7).
#: Engagement: Google documents no list. The sub type drives "re-engagement with the app" (v26
#: AdvertisingChannelSubType APP_CAMPAIGN_FOR_ENGAGEMENT) of people who have it, bid per in-app action
#: ("For ACe tCPA, the budget should be at least 15 times the bid": support.google.com/google-ads/answer/
#: 14104492); MIDAS takes the goals of in-app actions and their value that name no install, and refuses the
#: install goals (ungrounded beyond that reading: no source lists the goals this sub type accepts).
APP_KIND_GOALS: Final[dict[str, tuple[str, ...]]] = {
    "installs": tuple(g for g in APP_GOAL_STRATEGIES if g != "OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME"),
    "engagement": (
        "OPTIMIZE_IN_APP_CONVERSIONS_TARGET_CONVERSION_COST",
        "OPTIMIZE_IN_APP_CONVERSIONS_WITHOUT_TARGET_CPA",
        "OPTIMIZE_RETURN_ON_ADVERTISING_SPEND",
        "OPTIMIZE_TOTAL_VALUE_WITHOUT_TARGET_ROAS",
    ),
    "pre_registration": ("OPTIMIZE_PRE_REGISTRATION_CONVERSION_VOLUME",),
}


class GoogleBidding(StrictModel):
    """``target_cpa`` (money, budget currency) goes with target_cpa or maximize_conversions;
    ``target_roas`` (a ratio, 4.0 = 400 %) with target_roas or maximize_conversion_value;
    ``impression_share`` with target_impression_share (the default of objective awareness), which
    cannot go without it.

    An app campaign only: ``app_goal`` is what it bids for, in Google's vocabulary (case-insensitive;
    default: the install or value goal of its strategy), and ``conversion_actions`` the ids of the
    conversion actions (in-app actions) it optimises for, Google's selective optimisation."""

    strategy: BiddingStrategy | None = None
    target_cpa: Money | None = None
    target_roas: Roas | None = None
    impression_share: GoogleImpressionShare | None = None
    #: Maximize clicks or percent CPC only: the highest CPC it may bid (v26 TargetSpend and PercentCpc
    #: ``cpc_bid_ceiling_micros``).
    max_cpc: Money | None = None
    app_goal: Annotated[GoogleAppGoal, BeforeValidator(_upper)] | None = None
    conversion_actions: list[GoogleId] = Field(default_factory=list)


class GoogleNetworks(StrictModel):
    """``search`` is Google Search itself (off only for campaigns that run on partners or display)."""

    search: Flag = True
    search_partners: Flag = False
    display: Flag = False


#: A Merchant Center feed label (v26 ShoppingSetting.feed_label): "a maximum of 20 characters including
#: uppercase letters, numbers, hyphens, and underscores".
FEED_LABEL_PATTERN: Final = r"^[A-Z0-9_-]{1,20}$"


class GoogleShopping(StrictModel):
    """A standard Shopping campaign's settings (google-ads v26 ``Campaign.ShoppingSetting``): the Merchant
    Center account whose products it advertises (``merchant_id``, required, immutable after creation), the
    feed label of the products it takes (default: all of the account's), its ``campaign_priority`` among the
    advertiser's Shopping campaigns that advertise one product (0 low, 1 medium, 2 high; Google requires one,
    MIDAS sends 0 unless told) and whether it advertises local products too (``enable_local``)."""

    merchant_id: GoogleId
    feed_label: Annotated[str, StringConstraints(pattern=FEED_LABEL_PATTERN)] | None = None
    campaign_priority: Annotated[int, Strict(), Ge(0), Le(2)] = 0
    enable_local: Flag = False


class GoogleHotel(StrictModel):
    """A Hotel campaign's settings (google-ads v26 ``Campaign.HotelSettingInfo``): the Hotel Center account
    linked to the Google Ads account whose hotels, rates and availability its hotel ads show
    (``hotel_center_id``, an int64; developers.google.com/google-ads/api/docs/hotel-ads/create-campaign)."""

    hotel_center_id: GoogleId


#: A Dynamic Search Ads domain as Google takes one ("google.com" or "www.google.com": a host name, no scheme
#: or path), lower case as host names are compared.
DSA_DOMAIN_PATTERN: Final = re.compile(r"([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def _check_domain(value: str) -> str:
    if len(value) > 253 or not DSA_DOMAIN_PATTERN.fullmatch(value):
        raise ValueProblem(
            value, "; expected a domain name such as shop.example.com (lower case, no scheme, path or port)"
        )
    return value


class PageFeedPage(StrictModel):
    """One page of a Dynamic Search Ads page feed (v26 Asset.page_feed_asset, PageFeedAsset: ``page_url``
    "Required. The webpage that advertisers want to target", and ``labels`` "used to group the page urls",
    which webpage targets name as ``operand: custom_label``)."""

    url: Url
    labels: list[Text] = Field(default_factory=list)


class GoogleDemandGen(StrictModel):
    """A Demand Gen campaign's Merchant Center link (google-ads v26 ``Campaign.ShoppingSetting`` on a
    DEMAND_GEN campaign, developers.google.com/google-ads/api/docs/demand-gen/product-ads): the account whose
    products its product ads (``type: product`` creatives) show (``merchant_id``, which must be linked to the
    Google Ads account) and, optionally, the feed label of the products it takes (default: all of the
    account's)."""

    merchant_id: GoogleId
    feed_label: Annotated[str, StringConstraints(pattern=FEED_LABEL_PATTERN)] | None = None


class GoogleDynamicSearchAds(StrictModel):
    """A Search campaign's Dynamic Search Ads setting (v26 Campaign.DynamicSearchAdsSetting): the website
    (``domain``, Google's ``domain_name``) and its language (``language``, ISO 639-1, Google's
    ``language_code``) its dynamic ad groups' ads are written from, and whether they take only the URLs the
    advertiser supplies (``use_supplied_urls_only``): its ``page_feed``, the pages (each once, in any
    order) of an asset set of type PAGE_FEED linked to the campaign (v26 AssetSet, AssetSetAsset,
    CampaignAssetSet; developers.google.com/google-ads/api/docs/dynamic-search-ads/dsa-page-feeds)."""

    domain: Annotated[str, AfterValidator(_check_domain)]
    language: LanguageCode
    use_supplied_urls_only: Flag = False
    #: The pages no dynamic ad group of the campaign targets (negative campaign webpage criteria:
    #: "exclude /careers, /login").
    exclude_webpages: list[WebpageExclusion] = Field(default_factory=list)
    page_feed: list[PageFeedPage] = Field(default_factory=list)


class BrandGuidelines(StrictModel):
    """A Performance Max campaign's brand guidelines (v26 Campaign.brand_guidelines_enabled, settable on
    create only): on, its business name (``google.business_name``) and logos are the campaign's own assets
    (v26 CampaignAsset, BrandCampaignAssets) instead of each asset group's: square logos (LOGO, 1 to 5) and
    landscape (4:1) ones (LANDSCAPE_LOGO, optional; at most 5 logos in all), by image asset id."""

    square_logo_images: list[AssetId] = Field(default_factory=list)
    logo_images: list[AssetId] = Field(default_factory=list)


class GoogleOptions(StrictModel):
    """Google escape hatch. ``name`` is the campaign's name on Google (default: the unified name, which
    plans and reports keep using); ``targeting`` overrides the campaign's on Google only, field by field;
    ``budget_name`` names the campaign budget (default: the campaign's name on Google); ``labels`` are
    kept on the campaign besides MIDAS's own marker; ``status`` overrides the campaign's on Google;
    ``eu_political_advertising`` is the campaign's self-declaration that it contains political advertising
    aimed at the European Union (Google's ``contains_eu_political_advertising``, which every campaign
    declares; MIDAS declares false unless told otherwise). ``negative_ages``, ``negative_genders`` and
    ``negative_interests`` are exclusions of the campaign itself (campaign criteria, as
    ``negative_keywords`` are), which Google applies to every ad group; ``campaign_ages``,
    ``campaign_genders`` and ``campaign_interests`` are what the campaign itself targets of them (positive
    campaign criteria, as a console may set them), where the unified ``targeting`` targets them per ad
    group."""

    name: PlatformName | None = None
    #: The campaign type on Google: a Search campaign of responsive search ads, a Display campaign of
    #: responsive display ads on the Display Network (``spec._google_display``), a Demand Gen campaign of
    #: Demand Gen multi-asset ads (``spec._google_demand_gen``), a Performance Max campaign of asset
    #: groups (``spec._google_performance_max``), or a standard Shopping campaign of product ads
    #: (``spec._google_shopping``), or a Hotel campaign of hotel ads (``spec._google_hotel``).
    channel: Literal["search", "display", "demand_gen", "performance_max", "shopping", "hotel"] = "search"
    #: A Shopping campaign's Merchant Center settings (``channel: shopping`` only).
    shopping: GoogleShopping | None = None
    #: A Hotel campaign's Hotel Center account (``channel: hotel`` only).
    hotel: GoogleHotel | None = None
    #: A Demand Gen campaign's Merchant Center account, whose products its product ads show (``channel:
    #: demand_gen`` only; ``spec._google_demand_gen_products``).
    demand_gen: GoogleDemandGen | None = None
    #: A Search campaign's Dynamic Search Ads setting, which its dynamic ad groups (``webpages``) need.
    dynamic_search_ads: GoogleDynamicSearchAds | None = None
    #: A Display or Demand Gen campaign's business name, which its ads show (a Performance Max campaign's,
    #: which its asset groups show; a creative's ``google.business_name`` overrides it).
    business_name: Text | None = None
    #: A Performance Max campaign's brand guidelines: given, they are on (``BrandGuidelines``).
    brand_guidelines: BrandGuidelines | None = None
    #: What an ``app_promotion`` campaign drives on Google (``spec._google_app``): its sub type, goals, ads.
    app_campaign: AppCampaignKind = "installs"
    #: The campaign's tracking URL template (``{lpurl}`` and ValueTrack tags; v26
    #: Campaign.tracking_url_template) and the custom parameters its templates and URLs name (``{_key}``:
    #: key → value; v26 Campaign.url_custom_parameters). Google's alone: Meta has neither.
    tracking_url_template: TrackingTemplate | None = None
    url_custom_parameters: CustomParameters = Field(default_factory=dict)

    bidding: GoogleBidding = Field(default_factory=GoogleBidding)
    networks: GoogleNetworks = Field(default_factory=GoogleNetworks)
    keywords: list[Keyword] = Field(default_factory=list)
    negative_keywords: list[Keyword] = Field(default_factory=list)
    negative_ages: list[GoogleAgeBucket] = Field(default_factory=list)
    negative_genders: list[GoogleGender] = Field(default_factory=list)
    #: Interests by name, resolved like ``targeting.interests``.
    negative_interests: list[Text] = Field(default_factory=list)
    campaign_ages: list[GoogleAgeBucket] = Field(default_factory=list)
    campaign_genders: list[GoogleGender] = Field(default_factory=list)
    #: Interests by name, resolved like ``targeting.interests``.
    campaign_interests: list[Text] = Field(default_factory=list)
    #: The campaign's bid adjustment per device (``spec._google_devices``): a multiplier, 0 to show no ads on
    #: the device; a device it does not name keeps Google's default, no adjustment (1.0). Google's alone.
    device_bid_adjustments: dict[GoogleDevice, BidModifier] = Field(default_factory=dict)
    #: The campaign's bid adjustment per targeted place, keyed by its entry in the campaign's Google locations
    #: (``spec._google_location_bids``): a multiplier, 0.1–10; a place it does not name has none. Google's.
    location_bid_adjustments: dict[Text, BidModifier] = Field(default_factory=dict)
    #: Google's own hours (its ad schedule) over ``schedule.hours``, with a bid adjustment per slot where
    #: wanted (``spec._schedule_hours``); None: the campaign's ``schedule.hours``.
    hours: list[GoogleHourSlot] | None = None
    targeting: Targeting | None = None
    status: Literal["active", "paused"] | None = None
    budget_name: PlatformName | None = None
    labels: list[PlatformName] = Field(default_factory=list)
    #: The ``SharedBudget`` (by name) that funds the campaign on Google instead of a budget of its own;
    #: the campaign's ``budget`` then holds its Meta half only (none on a Google-only campaign).
    shared_budget: PlatformName | None = None
    #: How the campaign's own budget spends a day (the budget's ``delivery_method``): ``standard`` paces it
    #: over the day, ``accelerated`` serves as fast as it can. Google took accelerated from Search and
    #: Shopping campaigns and shared budgets in 2019 and keeps it for the others (``spec.checks``).
    budget_delivery: Literal["standard", "accelerated"] = "standard"
    eu_political_advertising: Flag = False


class MetaOptions(StrictModel):
    """Meta escape hatch, in Meta's own vocabulary (case-insensitive in YAML, stored as Meta spells it):
    ``optimization_goal`` and ``billing_event`` are ad set enums, ``placements`` publisher platforms (or
    positions by platform, ``MetaPositions``), ``devices`` device platforms,
    ``special_ad_categories`` campaign categories (empty = none), ``bid_strategy`` the campaign's.
    ``name``, ``targeting``, ``status`` and ``labels`` as for Google."""

    name: PlatformName | None = None

    optimization_goal: Annotated[MetaOptimizationGoal, BeforeValidator(_upper)] | None = None
    billing_event: Annotated[MetaBillingEvent, BeforeValidator(_upper)] | None = None
    placements: MetaPlacements = Field(default_factory=list)
    #: The time zone every ad set's hours run in (``AdGroupMeta.hours_time_zone`` overrides it): the ad
    #: account's, or each viewer's own (``spec._schedule_hours``).
    hours_time_zone: Annotated[HoursTimeZone, BeforeValidator(_lower)] = "account"
    #: The device platforms every ad set runs on (``AdGroupMeta.devices`` overrides it; ``[]``: all of them).
    devices: list[Annotated[MetaDevice, BeforeValidator(_lower)]] = Field(default_factory=list)
    special_ad_categories: list[Annotated[MetaSpecialAdCategory, BeforeValidator(_upper)]] = Field(
        default_factory=list
    )
    bid_strategy: Annotated[MetaBidStrategy, BeforeValidator(_upper)] | None = None
    targeting: Targeting | None = None
    status: Literal["active", "paused"] | None = None
    labels: list[PlatformName] = Field(default_factory=list)
    #: What ad sets optimising for website conversions count (``OFFSITE_CONVERSIONS``, ``VALUE``).
    conversion: MetaConversion | None = None
    #: Ad set budget sharing: with ad set budgets (``meta.budget`` on the ad groups), Meta may move up to
    #: 20 % of each ad set's daily budget to the campaign's other ad sets (campaign
    #: ``is_adset_budget_sharing_enabled``). Daily ad set budgets only, as Meta shares no lifetime ones.
    adset_budget_sharing: Flag = False
    #: The cap of every ad set (``AdGroupMeta.bid_amount`` overrides it) with a cap ``bid_strategy``: the
    #: average cost per result with COST_CAP, the highest bid with LOWEST_COST_WITH_BID_CAP, in the campaign
    #: budget's currency (Meta's ad set ``bid_amount``, in minor units).
    bid_amount: Money | None = None
    #: The minimum return on ad spend of every ad set (``AdGroupMeta.roas_floor`` overrides it) with
    #: LOWEST_COST_WITH_MIN_ROAS: 2.5 = 250 % (Meta's ad set ``bid_constraints.roas_average_floor``).
    roas_floor: Roas | None = None
    #: The campaign's spending limit: Meta stops its ads once it has spent this much in all (campaign
    #: ``spend_cap``, in the campaign budget's currency; Meta's, in minor units). None: no limit.
    spend_cap: Money | None = None
    #: Advantage+ audience on every ad set (``AdGroupMeta.advantage_audience`` overrides it): Meta may reach
    #: people beyond the targeting, which it keeps to locations, minimum age, languages and exclusions (ad set
    #: ``targeting.targeting_automation.advantage_audience``, 1 or 0; sent either way, as Meta requires).
    advantage_audience: Flag = False
    #: Advantage+ audience's per-key settings of every ad set (``AdGroupMeta.advantage_audience_settings``
    #: overrides it): ad set ``targeting.targeting_automation.individual_setting``, e.g. ``{age: 1, gender:
    #: 1}``, sent and compared as written; MIDAS gives the flags no meaning (``spec._meta_advantage``).
    advantage_audience_settings: MetaAdvantageAudienceSettings = Field(default_factory=dict)
    #: Where every ad set's ads send people (``AdGroupMeta.destination`` overrides it): ``website`` (their
    #: creatives' links; the default) or a conversation with the account's Page, ``messenger`` or
    #: ``whatsapp``, or with its Instagram account (midas.yaml ``instagram_user_id``), ``instagram``
    #: (click-to-message ads: ``spec._meta_messaging``), or several of those apps at once, a list
    #: (``[messenger, whatsapp]``: Meta opens the one each person likeliest answers in), or ``form``, an
    #: instant form of the Page's each creative names (``meta.lead_form_id``: ``spec._meta_lead_forms``).
    destination: MetaDestination | list[ListedApp] | None = None
    #: The WhatsApp business number of the Page that ``whatsapp`` ads open a chat with (ad set
    #: ``promoted_object.whatsapp_phone_number``); without one, the number connected to the Page.
    whatsapp_number: WhatsAppNumber | None = None
    #: The product catalog of an Advantage+ catalog ads campaign (a sales campaign's
    #: ``promoted_object.product_catalog_id``: ``spec._meta_catalog``); its ad sets show a product set of it.
    catalog: Digits | None = None
    #: The product set every ad set shows (``AdGroupMeta.product_set`` overrides it), with ``catalog``.
    product_set: Digits | None = None


def meta_ad_groups(spec: CampaignSpec) -> list[tuple[int, AdGroup]]:
    """The campaign's ad groups that run on Meta (if the campaign does), with their index."""
    return [(i, g) for i, g in enumerate(spec.ad_groups) if g.platforms is None or "meta" in g.platforms]


def platform_targeting(spec: CampaignSpec, platform: str) -> Targeting:
    """The campaign's targeting on one platform: the unified one with the platform's override applied."""
    return merged_targeting(spec.targeting, getattr(spec, platform).targeting)


def merged_targeting(base: Targeting, override: Targeting | None) -> Targeting:
    """The targeting ``override`` (a platform's, or an ad group's own) merges into: ``base``, with every
    field the override sets replaced."""
    if override is None:
        return base
    changes = {name: getattr(override, name) for name in override.model_fields_set}
    return base.model_copy(update=changes)


def meta_adset_groups(spec: CampaignSpec) -> list[tuple[int | None, AdGroup]]:
    """The ad groups the campaign's Meta ad sets run (if the campaign does), with their index: those of
    ``meta_ad_groups``, or the implicit one (index None) when the campaign names no ad group."""
    if not spec.ad_groups:
        return [(None, AdGroup(name=IMPLICIT_AD_GROUP))]
    return list(meta_ad_groups(spec))


def adset_advantage_audience(spec: CampaignSpec, group: AdGroup) -> bool:
    """Whether ``group``'s Meta ad set runs Advantage+ audience: its own setting over the campaign's."""
    own = group.meta.advantage_audience
    return spec.meta.advantage_audience if own is None else own


def adset_advantage_audience_settings(spec: CampaignSpec, group: AdGroup) -> dict[str, int]:
    """``group``'s Meta ad set's Advantage+ audience ``individual_setting``, as written: its own
    ``meta.advantage_audience_settings`` over the campaign's (empty: none)."""
    own = group.meta.advantage_audience_settings
    written = spec.meta.advantage_audience_settings if own is None else own
    return {str(key): flag for key, flag in written.items()}


def adset_placements(spec: CampaignSpec, group: AdGroup) -> dict[str, list[str]]:
    """Where ``group``'s Meta ad set places its ads (``placement_positions``): its own ``meta.placements``
    over the campaign's; empty for automatic placements."""
    own = group.meta.placements
    return placement_positions(spec.meta.placements if own is None else own)


def adset_devices(spec: CampaignSpec, group: AdGroup) -> list[str]:
    """The device platforms ``group``'s Meta ad set runs on: its own ``meta.devices`` over the campaign's;
    empty for all of them."""
    own = group.meta.devices
    return list(spec.meta.devices if own is None else own)


def adset_destination(spec: CampaignSpec, group: AdGroup) -> str | None:
    """Meta's ``destination_type`` of ``group``'s ad set when its ads open a conversation (MESSENGER,
    WHATSAPP, INSTAGRAM_DIRECT or several apps' ``MESSAGING_*``), from its own ``meta.destination`` over
    the campaign's; None when they link to a website or an app's store page (no destination type sent)."""
    chosen = group.meta.destination if group.meta.destination is not None else spec.meta.destination
    return written_destination_type(chosen or "website")


def adset_opens_form(spec: CampaignSpec, group: AdGroup) -> bool:
    """Whether ``group``'s Meta ad set sends people to an instant form (``meta.destination: form``, its own
    over the campaign's): ad set ``destination_type`` ON_AD (``spec._meta_lead_forms``)."""
    chosen = group.meta.destination if group.meta.destination is not None else spec.meta.destination
    return chosen == "form"


def adset_whatsapp_number(spec: CampaignSpec, group: AdGroup) -> str | None:
    """The WhatsApp number ``group``'s ad set names (its own over the campaign's), if it opens WhatsApp
    (alone or among other apps)."""
    destination = adset_destination(spec, group)
    if destination is None or "WHATSAPP" not in destination_apps(destination):
        return None
    return group.meta.whatsapp_number or spec.meta.whatsapp_number


def adset_product_set(spec: CampaignSpec, group: AdGroup) -> str | None:
    """The product set ``group``'s Meta ad set shows (its own ``meta.product_set`` over the campaign's) when
    the campaign is a catalog ads campaign (``meta.catalog``); None otherwise."""
    if spec.meta.catalog is None:
        return None
    return group.meta.product_set or spec.meta.product_set


def campaign_bid_strategy(spec: CampaignSpec) -> str:
    """The Meta campaign's bid strategy (Meta's default, LOWEST_COST_WITHOUT_CAP, when the spec sets none)."""
    return spec.meta.bid_strategy or META_DEFAULT_BID_STRATEGY


def adset_bid_strategy(spec: CampaignSpec, group: AdGroup) -> str:
    """The bid strategy ``group``'s Meta ad set bids with: its own ``meta.bid_strategy``, else the
    campaign's."""
    return group.meta.bid_strategy or campaign_bid_strategy(spec)


def adset_bid(spec: CampaignSpec, group: AdGroup) -> dict[str, Decimal]:
    """The bid fields of ``group``'s Meta ad set as the spec gives them (its own over the campaign's),
    whatever the campaign's strategy: ``bid_amount`` (currency units) and ``roas_floor``, each if given."""
    out: dict[str, Decimal] = {}
    for name in ("bid_amount", "roas_floor"):
        value = getattr(group.meta, name)
        if value is None:
            value = getattr(spec.meta, name)
        if value is not None:
            out[name] = value
    return out


class Lifecycle(StrictModel):
    on_remove: Literal["pause", "delete"] = "pause"


#: JSON Schema of the rule on ``budget`` (the loader checks it the same way): required unless the campaign
#: runs on Google alone, on a shared budget.
_BUDGET_REQUIRED: Final[dict[str, Any]] = {
    "allOf": [
        {
            "anyOf": [
                {"required": ["budget"]},
                {
                    "required": ["google", "platforms"],
                    "properties": {
                        "google": {"required": ["shared_budget"]},
                        "platforms": {"not": {"required": ["meta"]}},
                    },
                },
            ]
        }
    ]
}


AppStore = Literal["google_play", "app_store"]
#: A Google Play package name (``com.example.game``): two or more dot-separated Java identifiers.
PLAY_PACKAGE_PATTERN: Final = r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$"


#: A Google Play app's page (its package in ``id``), and an App Store app's (``id`` and its digits, after any
#: country and app name: ``https://apps.apple.com/us/app/name/id284882215``, or on itunes.apple.com).
_PLAY_PAGE = re.compile(r"https://play\.google\.com/store/apps/details\?(?:.*&)?id=([A-Za-z0-9_.]+)(?:&.*)?")
_APP_STORE_PAGE = re.compile(r"https://(?:apps|itunes)\.apple\.com/(?:[^?#]*/)?id([0-9]+)(?:[?#].*)?")


def app_of_store_url(url: str) -> tuple[str, str] | None:
    """``(store, id)`` of an app's store page (Google Play or the App Store), None for another address."""
    if found := _PLAY_PAGE.fullmatch(url):
        return "google_play", found.group(1)
    if found := _APP_STORE_PAGE.fullmatch(url):
        return "app_store", found.group(1)
    return None


class App(StrictModel):
    """The mobile app an ``app_promotion`` campaign promotes.

    ``id`` is the app's id in its ``store``: a Google Play package name (``com.example.game``) or an App
    Store numeric id (``1234567890``); Google's app campaigns promote it by that id. ``meta_app_id`` is
    the app's id on Meta (the app registered in Meta's developer tools, which Meta's app-install ad sets
    promote), required when the campaign runs on Meta. ``store_url`` is the store page the ads send people
    to (default: the store's own page of ``id``, ``App.page``)."""

    store: AppStore
    id: Annotated[Text, BeforeValidator(int_to_text)]
    meta_app_id: Digits | None = None
    store_url: Url | None = None

    def page(self) -> str:
        """The app's store page: ``store_url``, or the standard one of its store."""
        if self.store_url is not None:
            return self.store_url
        if self.store == "google_play":
            return f"https://play.google.com/store/apps/details?id={self.id}"
        return f"https://apps.apple.com/app/id{self.id}"


class CampaignSpec(StrictModel):
    model_config = ConfigDict(json_schema_extra=_BUDGET_REQUIRED)

    platforms: Platforms
    objective: Objective
    status: Literal["active", "paused"] = "active"
    #: Required but on a Google-only campaign on a shared budget (``google.shared_budget``), which has none.
    budget: Budget = Field(default_factory=Budget)
    schedule: Schedule = Field(default_factory=Schedule)
    targeting: Targeting = Field(default_factory=Targeting)
    ad_groups: list[AdGroup] = Field(default_factory=list)
    creatives: list[Creative] = Field(default_factory=list)
    google: GoogleOptions = Field(default_factory=GoogleOptions)
    meta: MetaOptions = Field(default_factory=MetaOptions)
    lifecycle: Lifecycle = Field(default_factory=Lifecycle)
    #: Required on an ``app_promotion`` campaign, and only there.
    app: App | None = None
    #: The query string (UTM tags …) appended to every ad's links on both platforms: the Google campaign's
    #: final URL suffix, and every Meta creative's ``url_tags`` but those of a creative with its own.
    url_parameters: UrlParameters | None = None

    def link_of(self, creative: Creative) -> str:
        """Where ``creative``'s ads send people: its ``final_url``, or the promoted app's store page (the
        checks make sure one of them exists)."""
        if creative.final_url is not None:
            return creative.final_url
        if self.app is None:
            raise ValueError(f"creative {creative.name!r} has no final_url and the campaign promotes no app")
        return self.app.page()

    def sends_nowhere(self, creative: Creative) -> bool:
        """Whether ``creative`` is a Meta ad that sends people nowhere: an image or video creative
        (``LINKLESS_CREATIVE_TYPES``) without ``final_url`` or call to action in an ``awareness`` or
        ``engagement`` campaign (``LINKLESS_OBJECTIVES``), whose ads are seen or watched, not clicked through:
        a video ad's video data without a link, an image ad's photo post (``photo_data``). The checks keep it
        off Google, whose ads all need a final URL."""
        return sends_nowhere(creative.type, creative.final_url, creative.call_to_action, self.objective)

    def call_to_action_of(self, creative: Creative) -> CallToAction:
        """``creative``'s call to action: as written, or by default ``install_app`` in an ``app_promotion``
        campaign (Meta's app-install ads need one: its docs, Instagram "Data and Call To Action
        Requirements": "For a MOBILE_APP_INSTALLS … ads, the call_to_action field … is required") and
        ``learn_more`` elsewhere."""
        if "call_to_action" not in creative.model_fields_set and self.objective == Objective.APP_PROMOTION:
            return CallToAction.INSTALL_APP
        return creative.call_to_action


#: The objectives whose Meta image and video ads may send people nowhere (a photo post, AdCreativePhotoData,
#: which has no link; AdCreativeVideoData without a link): reach and video views (OUTCOME_AWARENESS), post
#: engagement (OUTCOME_ENGAGEMENT). Believed from Ads Manager, where such ads need no website; Meta's pages
#: the search tool holds do not list them (unconfirmed).
LINKLESS_OBJECTIVES: Final = (Objective.AWARENESS, Objective.ENGAGEMENT)
#: The creatives that may send people nowhere there: a video watched, an image seen (a photo post).
LINKLESS_CREATIVE_TYPES: Final = ("image", "video")


def sends_nowhere(
    type_: str | None, final_url: str | None, call_to_action: str | None, objective: str | None
) -> bool:
    """Whether a creative of ``type_``, ``final_url`` and ``call_to_action`` (unified values) in a campaign of
    ``objective`` is a Meta ad sending people nowhere (``CampaignSpec.sends_nowhere``)."""
    return (
        not final_url
        and type_ in LINKLESS_CREATIVE_TYPES
        and objective in LINKLESS_OBJECTIVES
        and call_to_action == CallToAction.NONE
    )


class SharedBudgetSpec(StrictModel):
    """A Google Ads shared budget (a campaign budget with ``explicitly_shared``): one daily amount that
    every campaign of ``account`` naming it in ``google.shared_budget`` draws on. Its name on Google is the
    document's name. Google shares daily, standard-delivery budgets only: ``lifetime`` is here to be
    refused with a clear message."""

    account: Name
    daily: Money | None = None
    lifetime: Money | None = None
    currency: CurrencyCode = "USD"


class Scope(StrictModel):
    """Which campaigns a policy or rule covers: names, a label selector, platforms (all if empty)."""

    campaigns: list[Name] = Field(default_factory=list)
    labels: dict[Name, str] = Field(default_factory=dict)
    platforms: list[Literal["google", "meta"]] = Field(default_factory=list)


class PlatformBudgetLimits(StrictModel):
    """Daily sum of a policy's campaigns on one platform: at least ``min``, at most ``max``."""

    min: Money | None = None
    max: Money | None = None


class PerPlatformLimits(StrictModel):
    google: PlatformBudgetLimits | None = None
    meta: PlatformBudgetLimits | None = None


class BudgetPolicySpec(StrictModel):
    """Daily ``total`` shared by the campaigns in scope (``budget: {policy: NAME}``).

    ``target`` is money for goal target_cpa and a ratio for target_roas (required for both); a target
    acts on the marginal return (see ``optimizer.engine.recommend``). ``per_platform`` bounds each
    platform's daily sum; ``spend_floor`` is the least daily total a target goal may spend.
    """

    total: Money
    currency: CurrencyCode = "USD"
    scope: Scope = Field(default_factory=Scope)
    strategy: Literal["performance_based", "equal", "conservative"] = "equal"
    goal: Literal["max_conversions", "max_value", "target_cpa", "target_roas"] = "max_conversions"
    target: Money | None = None
    min_per_campaign: Money | None = None
    max_per_campaign: Money | None = None
    per_platform: PerPlatformLimits = Field(default_factory=PerPlatformLimits)
    spend_floor: Money | None = None
    max_change_pct: Percent = Decimal(20)
    lookback_days: Annotated[int, Strict(), Ge(1), Le(365)] = 30


class GuardrailSpec(StrictModel):
    """Limits every plan must respect; violations block apply unless overridden by flag."""

    currency: CurrencyCode = "USD"
    max_daily_budget_per_campaign: Money | None = None
    max_daily_budget_per_account: Money | None = None
    max_budget_change_pct: Percent | None = None
    forbid_deletes: Flag = False
    allowed_countries: list[CountryCode] = Field(default_factory=list)


#: Metrics whose thresholds are percentages (1.5 means 1.5 %).
PERCENT_METRICS = frozenset({"ctr", "cvr", "budget_utilization", "performance_drop"})


class AlertRuleSpec(StrictModel):
    """Fires when ``metric operator threshold`` holds over the window.

    Thresholds of ctr, cvr, budget_utilization and performance_drop are percentages (``1.5`` = 1.5 %);
    cpc, cpm, cpa and spend are money in the account currency; roas is a ratio. ``channels`` name
    webhooks from midas.yaml (none: the alert is only recorded).
    """

    metric: Literal[
        "ctr", "cpc", "cpm", "cvr", "cpa", "roas", "spend", "budget_utilization", "performance_drop"
    ]
    operator: Literal["<", "<=", ">", ">="]
    threshold: NonNegative
    window_days: Annotated[int, Strict(), Ge(1), Le(90)] = 3
    scope: Scope = Field(default_factory=Scope)
    min_impressions: Annotated[int, Strict(), Ge(0)] = 0
    severity: Literal["info", "warning", "critical"] = "warning"
    channels: list[Name] = Field(default_factory=list)
    cooldown_hours: Annotated[int, Strict(), Ge(0), Le(24 * 365)] = 24


class Consent(StrictModel):
    """The advertiser's attestation that the people on a customer list agreed to their data being used
    for advertising — what Google's Customer Match consent fields (EU user consent policy) and Meta's
    custom audience terms require. ``attested`` must be true; ``ad_user_data`` and ``ad_personalization``
    are sent as Google's consent status; ``attested_by`` says who vouches for it (kept in the audit log).
    """

    attested: Flag
    attested_by: Text
    ad_user_data: Literal["granted", "denied"] = "granted"
    ad_personalization: Literal["granted", "denied"] = "granted"


class CustomerList(StrictModel):
    """A CSV of customers (``path`` relative to the workspace root) with a header naming some of the
    columns email, phone, first_name, last_name, country, zip — and the consent attestation."""

    path: Text
    consent: Consent


class AudienceLocation(NamedTuple):
    """One account an audience is on, and where its spec names it (``("spec", "platforms", "google",
    "accounts", 1)``), for problems to point at."""

    platform: str
    account: str
    path: tuple[str | int, ...]


class AudienceTarget(StrictModel):
    """Where an audience is on one platform: its ``account`` — or, for an ``existing: true`` audience only,
    the ``accounts`` of that platform that each hold an audience of its name (say, the remarketing list
    every Google account of an agency has): a campaign targets the id the name has on its own account.
    Exactly one of the two (the spec checks say which is wrong)."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["account"]}, {"required": ["accounts"]}]}
    )

    account: Name | None = None
    accounts: list[Name] | None = None


class AudiencePlatforms(StrictModel):
    google: AudienceTarget | None = None
    meta: AudienceTarget | None = None

    def located(self) -> list[AudienceLocation]:
        """Every account the audience is on, Google's first, each as its spec lists it."""
        out = []
        for platform in ("google", "meta"):
            target: AudienceTarget | None = getattr(self, platform)
            if target is None:
                continue
            if target.account is not None:
                out.append(
                    AudienceLocation(platform, target.account, ("spec", "platforms", platform, "account"))
                )
            for index, account in enumerate(target.accounts or ()):
                out.append(
                    AudienceLocation(platform, account, ("spec", "platforms", platform, "accounts", index))
                )
        return out


class AudienceSpec(StrictModel):
    """Exactly one of ``customer_list`` (hashed per platform before anything leaves the machine),
    ``targeting`` (a unified targeting definition, the same shape as a campaign's) or ``existing: true``
    (an audience built outside MIDAS — a remarketing list, a website or lookalike audience, a list made
    in a console — found on each account by its name).

    ``platforms`` names the accounts, as a campaign's do: those a customer list is uploaded to (a Google
    Customer Match user list and / or a Meta custom audience, each planned and applied like any other
    resource; without it the list is only used locally, by ``midas audiences overlap``), or those an
    existing audience is found on (required; ``accounts``: several of one platform). MIDAS never creates,
    changes or deletes an existing audience: campaigns only target it by the id its name has on each
    account.
    """

    customer_list: CustomerList | None = None
    targeting: Targeting | None = None
    existing: Flag = False
    platforms: AudiencePlatforms | None = None
