"""The Graph API shapes both Meta connectors share: error translation, usage headers, insights rows."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from midas_reconcile.connectors.addressing import Batch, DependencyFailed
from midas_reconcile.connectors.base import WriteOp
from midas_reconcile.connectors.meta_graph import (
    CATALOG_FORMAT_WIRE,
    DEFAULT_THROTTLE_SECONDS,
    DERIVED_FIELDS,
    NO_SPEND_CAP,
    READ_FIELDS,
    batch_request,
    daily_metrics,
    error_from_graph,
    header_map,
    normalise,
    regain_seconds,
    story_fields,
    story_spec,
    to_resources,
    unexpressed_creative,
    unsent_card_settings,
    usage_pct,
)
from midas_reconcile.connectors.sandbox import meta_rules
from midas_reconcile.errors import AuthError, PermanentError, TransientError
from midas_reconcile.resources import MANAGED_MARKER, META, PRODUCT_CARD, TEMPLATE_FORMAT_OPTION, Address


def _error(code: int, subcode: int | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"message": f"(#{code}) boom", "type": "OAuthException", "code": code, **extra}
    if subcode is not None:
        body["error_subcode"] = subcode
    return {"error": body}


def _buc(**entry: Any) -> dict[str, str]:
    return {"x-business-use-case-usage": json.dumps({"1234": [{"type": "ads_management", **entry}]})}


@pytest.mark.parametrize("code", [4, 17, 32, 613, 80000, 80004, 80014])
def test_throttling_codes_are_transient_and_wait_as_long_as_meta_says(code: int) -> None:
    headers = _buc(call_count=100, total_cputime=20, total_time=30, estimated_time_to_regain_access=7)
    error = error_from_graph(_error(code, 2446079), headers)
    assert isinstance(error, TransientError)
    assert error.retry_after == 7 * 60
    assert error.code == f"{code}/2446079"


def test_a_throttle_that_does_not_say_how_long_waits_the_default() -> None:
    error = error_from_graph(_error(613), {})
    assert isinstance(error, TransientError) and error.retry_after == DEFAULT_THROTTLE_SECONDS


def test_other_transient_errors_retry_without_a_forced_wait() -> None:
    error = error_from_graph(_error(2, is_transient=True), {})
    assert isinstance(error, TransientError) and error.retry_after is None


@pytest.mark.parametrize(
    ("code", "hint"), [(190, "access token"), (102, "access token"), (200, "ads_management")]
)
def test_token_and_permission_errors_say_how_to_fix_them(code: int, hint: str) -> None:
    error = error_from_graph(_error(code), {})
    assert isinstance(error, AuthError)
    assert hint in error.fix


def test_validation_errors_keep_metas_message_detail_and_field() -> None:
    body = _error(
        100,
        1487045,
        error_user_msg="The end time must be after the start time.",
        error_data=json.dumps({"blame_field_specs": [["end_time"]]}),
    )
    error = error_from_graph(body, {})
    assert isinstance(error, PermanentError)
    assert (error.code, error.field) == ("100/1487045", "end_time")
    assert error.message == "(#100) boom: The end time must be after the start time."


def test_an_answer_that_is_not_a_graph_error_is_still_a_clear_permanent_error() -> None:
    error = error_from_graph("<html>502 Bad Gateway</html>", {})
    assert isinstance(error, PermanentError) and "502 Bad Gateway" in error.message


def test_usage_is_the_highest_share_of_any_quota_in_any_header() -> None:
    headers = {
        **_buc(call_count=12, total_cputime=40, total_time=9),
        "x-app-usage": json.dumps({"call_count": 3, "total_cputime": 1, "total_time": 2}),
        "x-ad-account-usage": json.dumps({"acc_id_util_pct": 55.5, "reset_time_duration": 0}),
    }
    assert usage_pct(headers) == 55.5
    headers["x-app-usage"] = json.dumps({"call_count": 91, "total_cputime": 1, "total_time": 2})
    assert usage_pct(headers) == 91
    assert usage_pct({}) is None
    assert usage_pct({"x-app-usage": "not json"}) is None


def test_regain_time_comes_from_either_header() -> None:
    assert regain_seconds(_buc(estimated_time_to_regain_access=2)) == 120
    assert regain_seconds({"x-ad-account-usage": json.dumps({"reset_time_duration": 45})}) == 45
    assert regain_seconds(_buc(estimated_time_to_regain_access=0)) is None


def test_header_map_reads_mappings_and_batch_header_lists_case_insensitively() -> None:
    assert header_map({"X-App-Usage": "{}"}) == {"x-app-usage": "{}"}
    assert header_map([{"name": "X-Ad-Account-Usage", "value": "{}"}]) == {"x-ad-account-usage": "{}"}
    assert header_map(None) == {}


def test_insights_rows_count_the_configured_conversion_action() -> None:
    row = {
        "campaign_id": "120",
        "campaign_name": "spring",
        "impressions": "1500",
        "clicks": "42",
        "spend": "12.34",
        "actions": [
            {"action_type": "link_click", "value": "42"},
            {"action_type": "offsite_conversion.fb_pixel_purchase", "value": "3"},
            {"action_type": "purchase", "value": "4"},
        ],
        "action_values": [{"action_type": "offsite_conversion.fb_pixel_purchase", "value": "99.90"}],
        "date_start": "2026-11-01",
    }
    pixel = daily_metrics(
        row, account="m", currency="EUR", conversion_action="offsite_conversion.fb_pixel_purchase"
    )
    assert (pixel.date, pixel.impressions, pixel.clicks, pixel.spend) == (
        dt.date(2026, 11, 1),
        1500,
        42,
        Decimal("12.34"),
    )
    assert (pixel.conversions, pixel.conversion_value) == (Decimal(3), Decimal("99.90"))
    purchases = daily_metrics(row, account="m", currency="EUR", conversion_action="purchase")
    assert (purchases.conversions, purchases.conversion_value) == (Decimal(4), Decimal(0))


def test_batch_requests_refer_to_ids_created_earlier_in_the_batch() -> None:
    campaign = Address(META, "m", "campaign", "spring")
    adset = Address(META, "m", "adset", "spring/core")
    ops = [
        WriteOp("create", campaign, {"name": "spring", "adlabels": [MANAGED_MARKER]}),
        WriteOp("create", adset, {"name": "core", "daily_budget": 5000}, refs={"campaign": campaign}),
        WriteOp("update", Address(META, "m", "adset", "old/x"), {"end_time": None}, platform_id="77"),
        WriteOp("delete", Address(META, "m", "ad", "old/x/y"), platform_id="78"),
    ]
    batch = Batch(META, ops)
    batch.creators[campaign] = 0
    batch.creators[adset] = 1
    requests = [batch_request("act_1", i, op, batch) for i, op in enumerate(ops)]
    assert [(r.method, r.relative_url) for r in requests] == [
        ("POST", "act_1/campaigns"),
        ("POST", "act_1/adsets"),
        ("POST", "77"),
        ("DELETE", "78"),
    ]
    assert requests[0].params["adlabels"] == [{"name": MANAGED_MARKER}]
    assert requests[1].params["campaign_id"] == "{result=op0:$.id}"
    assert requests[2].params == {"end_time": None}
    batch.fail(0, PermanentError("no", platform=META))
    with pytest.raises(DependencyFailed):
        batch_request("act_1", 1, ops[1], batch)


@pytest.mark.parametrize("derived", sorted(DERIVED_FIELDS))
@pytest.mark.parametrize("action", ["create", "update"])
def test_a_derived_creative_field_is_never_sent(derived: str, action: str) -> None:
    """A field MIDAS derives from another as it reads (``asset_feed_unheld``, from ``asset_feed_spec``) is no
    parameter of Meta's: a restore, or any desired state made of what was read, sends it never."""
    creative = Address(META, "m", "adcreative", "spring/core/hello")
    fields = {"name": "hello", "title": "Hi", "link_url": "https://example.com/", derived: {"x": [1]}}
    op = WriteOp(action, creative, fields, platform_id=None if action == "create" else "91")
    params = batch_request("act_1", 0, op, Batch(META, [op])).params
    assert derived not in params and derived not in json.dumps(params), params
    assert params["name"] == "hello"


def test_read_targeting_is_canonical_so_metas_echo_does_not_diff() -> None:
    echoed = {
        "geo_locations": {"countries": ["CA", "US"], "location_types": ["home", "recent"]},
        "age_min": 25,
        "genders": [1, 2],
        "flexible_spec": [{"interests": [{"id": 6003, "name": "Running"}]}],
    }
    rows: dict[str, list[dict[str, Any]]] = {
        "campaigns": [{"id": "1", "name": "c", "adlabels": [{"id": "9", "name": MANAGED_MARKER}]}],
        "adsets": [{"id": "2", "name": "s", "campaign_id": "1", "targeting": echoed}],
        "ads": [],
        "adcreatives": [],
    }
    adset = next(r for r in to_resources("m", rows) if r.address.kind == "adset")
    assert adset.fields["targeting"] == {
        "age_max": 65,
        "age_min": 25,
        "geo_locations": {"countries": ["CA", "US"]},
        "interests": [{"id": "6003", "name": "Running"}],
    }
    assert adset.managed


@pytest.mark.parametrize(
    ("promoted", "read"),
    [
        # An app's id may arrive as a number: ids are strings here, as compiled.
        (
            {"application_id": 42, "object_store_url": "https://apps.apple.com/app/id1"},
            {"application_id": "42", "object_store_url": "https://apps.apple.com/app/id1"},
        ),
        # More than MIDAS sends (an app event) is kept, to be seen as a difference.
        (
            {"application_id": "42", "object_store_url": "u", "custom_event_type": "PURCHASE"},
            {"application_id": "42", "custom_event_type": "PURCHASE", "object_store_url": "u"},
        ),
        # A pixel's (the conversions an ad set counts) is read too, its id as a string.
        (
            {"pixel_id": 7, "custom_event_type": "PURCHASE"},
            {"custom_event_type": "PURCHASE", "pixel_id": "7"},
        ),
        # Keys Meta sets beside the ones MIDAS compiles are not compared.
        (
            {"pixel_id": "7", "custom_event_type": "PURCHASE", "smart_pse_enabled": False},
            {"pixel_id": "7", "custom_event_type": "PURCHASE"},
        ),
        # A custom conversion is read by its id; a pixel and event beside it are its own, not compared.
        ({"custom_conversion_id": 5550001}, {"custom_conversion_id": "5550001"}),
        (
            {"custom_conversion_id": "5550001", "pixel_id": "7", "custom_event_type": "OTHER"},
            {"custom_conversion_id": "5550001"},
        ),
        # A pixel's custom event is read by its name, exactly (Meta's names are case-sensitive) ...
        (
            {"pixel_id": "7", "custom_event_type": "OTHER", "custom_event_str": "Booked Demo"},
            {"pixel_id": "7", "custom_event_type": "OTHER", "custom_event_str": "Booked Demo"},
        ),
        # ... and a custom conversion's event name beside its id is its own, not compared.
        (
            {"custom_conversion_id": "5550001", "custom_event_type": "OTHER", "custom_event_str": "Booked"},
            {"custom_conversion_id": "5550001"},
        ),
        # A pixel rule is read by its meaning: key order and spacing are no difference ...
        (
            {
                "pixel_id": "7",
                "custom_event_type": "LEAD",
                "pixel_rule": '{ "url": {"i_contains": "ok"}, "a": 1 }',
            },
            {"pixel_id": "7", "custom_event_type": "LEAD", "pixel_rule": '{"a":1,"url":{"i_contains":"ok"}}'},
        ),
        # ... and text that is no rule stays as read, to be seen as a difference.
        (
            {"pixel_id": "7", "custom_event_type": "LEAD", "pixel_rule": "thanks"},
            {"pixel_id": "7", "custom_event_type": "LEAD", "pixel_rule": "thanks"},
        ),
        # A page's promoted object MIDAS does not compile: it leaves it alone, as it always has.
        ({"page_id": "7"}, None),
        (None, None),
    ],
)
def test_an_ad_set_reads_its_promoted_object_when_it_promotes_an_app_a_pixel_or_a_custom_conversion(
    promoted: dict[str, Any] | None, read: dict[str, Any] | None
) -> None:
    rows: dict[str, list[dict[str, Any]]] = {
        "campaigns": [{"id": "1", "name": "c"}],
        "adsets": [{"id": "2", "name": "s", "campaign_id": "1", "promoted_object": promoted}],
        "ads": [],
        "adcreatives": [],
    }
    adset = next(r for r in to_resources("m", rows) if r.address.kind == "adset")
    assert adset.fields.get("promoted_object") == read
    assert "promoted_object" in READ_FIELDS["adsets"]


@pytest.mark.parametrize(
    ("campaign_budget", "campaign_strategy", "adset_strategy", "read"),
    [
        # Under a campaign budget, an ad set bidding as its campaign does (Meta reads it with the campaign's
        # strategy) has none of its own.
        (True, "COST_CAP", "COST_CAP", None),
        (True, None, "LOWEST_COST_WITHOUT_CAP", None),
        (True, "COST_CAP", None, None),
        # Another is the ad set's own (set in the console).
        (True, "COST_CAP", "LOWEST_COST_WITH_BID_CAP", "LOWEST_COST_WITH_BID_CAP"),
        # On a budget of its own, the strategy the ad set bids with, its campaign's when it states none: a
        # console change of the campaign's is the campaign's alone.
        (False, "COST_CAP", "COST_CAP", "COST_CAP"),
        (False, "COST_CAP", None, "COST_CAP"),
        (False, None, None, "LOWEST_COST_WITHOUT_CAP"),
        (False, None, "COST_CAP", "COST_CAP"),
    ],
)
def test_an_ad_set_reads_the_bid_strategy_it_bids_with_on_its_own_budget_and_under_a_campaign_s_its_own_alone(
    campaign_budget: bool, campaign_strategy: str | None, adset_strategy: str | None, read: str | None
) -> None:
    campaign = {"id": "1", "name": "c", "bid_strategy": campaign_strategy}
    adset = {"id": "2", "name": "s", "campaign_id": "1", "bid_strategy": adset_strategy}
    (campaign if campaign_budget else adset)["daily_budget"] = "1000"
    rows: dict[str, list[dict[str, Any]]] = {
        "campaigns": [campaign],
        "adsets": [adset],
        "ads": [],
        "adcreatives": [],
    }
    read_adset = next(r for r in to_resources("m", rows) if r.address.kind == "adset")
    assert read_adset.fields.get("bid_strategy") == read
    assert "bid_strategy" in READ_FIELDS["adsets"]


LINK_CREATIVE = {
    "name": "spring/core/hero",
    "title": "Run faster",
    "body": "Light shoes for long runs.",
    "description": "Free returns within 30 days.",
    "link_url": "https://shop.example/run",
    "call_to_action_type": "SHOP_NOW",
    "image_url": "https://cdn.example/hero.jpg",
    "page_id": "1122334455",
}


def test_creatives_travel_as_an_object_story_spec_and_read_back_flat() -> None:
    story = story_spec(LINK_CREATIVE)
    assert story == {
        "page_id": "1122334455",
        "link_data": {
            "link": "https://shop.example/run",
            "message": "Light shoes for long runs.",
            "name": "Run faster",
            "description": "Free returns within 30 days.",
            "picture": "https://cdn.example/hero.jpg",
            "call_to_action": {"type": "SHOP_NOW", "value": {"link": "https://shop.example/run"}},
        },
    }
    assert story_fields(story) == {k: v for k, v in LINK_CREATIVE.items() if k != "name"}
    video = {**LINK_CREATIVE, "video_id": "998877"}
    assert set(story_spec(video)) == {"page_id", "video_data"}
    assert story_fields(story_spec(video)) == {k: v for k, v in video.items() if k != "name"}
    assert story_fields(None) == {} and story_fields({"photo_data": {}}) == {}


@pytest.mark.parametrize("media", [{}, {"video_id": "998877"}], ids=["link-ad", "video-ad"])
def test_a_lead_ad_s_form_travels_in_its_button_s_value_and_reads_back_as_sent(media: dict[str, str]) -> None:
    """``lead_gen_form_id`` rides the link or video data's call to action beside its link (Meta's lead ads
    example), reads back flat (a number as text), and is no setting MIDAS cannot write on such an ad."""
    fields = {**LINK_CREATIVE, **media, "call_to_action_type": "SIGN_UP", "lead_gen_form_id": "901234567890"}
    story = story_spec(fields)
    block = "video_data" if media else "link_data"
    assert story[block]["call_to_action"] == {
        "type": "SIGN_UP",
        "value": {"link": "https://shop.example/run", "lead_gen_form_id": "901234567890"},
    }
    assert story_fields(story) == {k: v for k, v in fields.items() if k != "name"}
    story[block]["call_to_action"]["value"]["lead_gen_form_id"] = 901234567890
    assert story_fields(story)["lead_gen_form_id"] == "901234567890"
    assert unexpressed_creative({"object_story_spec": story}) is None


def test_an_image_of_the_library_travels_as_its_image_hash_in_link_data_video_data_and_cards() -> None:
    """facebook-business AdCreativeLinkData, AdCreativeVideoData and AdCreativeLinkDataChildAttachment each
    take ``image_hash``: the image (or thumbnail) of the ad account's library, read back as it was sent."""
    image = {k: v for k, v in LINK_CREATIVE.items() if k != "image_url"} | {"image_hash": "ab" * 16}
    assert story_spec(image)["link_data"]["image_hash"] == "ab" * 16
    assert "picture" not in story_spec(image)["link_data"]
    video = {**image, "video_id": "998877"}
    assert story_spec(video)["video_data"]["image_hash"] == "ab" * 16
    card = {"link_url": "https://x.example/1", "image_hash": "cd" * 16, "call_to_action_type": "SHOP_NOW"}
    carousel = {"link_url": "https://x.example", "cards": [card, {**card, "video_id": "7"}]}
    assert story_spec(carousel)["link_data"]["child_attachments"][1]["image_hash"] == "cd" * 16
    for fields in (image, video, carousel):
        assert story_fields(story_spec(fields)) == {k: v for k, v in fields.items() if k != "name"}


@pytest.mark.parametrize(
    ("live", "read"), [("50000", 50000), ("0", None), (str(NO_SPEND_CAP), None), (None, None)]
)
def test_a_campaign_spending_limit_reads_in_minor_units_and_meta_s_no_limit_values_as_none(
    live: str | None, read: int | None
) -> None:
    rows: dict[str, list[dict[str, Any]]] = {
        "campaigns": [{"id": "1", "name": "c", "spend_cap": live}],
        **{edge: [] for edge in ("adsets", "ads", "adcreatives")},
    }
    [campaign] = to_resources("m", rows)
    assert campaign.fields.get("spend_cap") == read


def test_a_spending_limit_dropped_from_the_spec_is_sent_as_meta_s_no_limit_value() -> None:
    address = Address(META, "m", "campaign", "c")
    dropped = WriteOp("update", address, {"spend_cap": None}, platform_id="1")
    assert batch_request("act_1", 0, dropped, Batch(META, [dropped])).params == {"spend_cap": NO_SPEND_CAP}
    kept = WriteOp("update", address, {"spend_cap": 125050}, platform_id="1")
    assert batch_request("act_1", 0, kept, Batch(META, [kept])).params == {"spend_cap": 125050}


def test_an_image_without_a_link_travels_as_a_photo_post_and_reads_back_flat() -> None:
    """An image creative without a link, title or call to action (an image sending people nowhere) is a photo
    post made for the ad: facebook-business AdCreativePhotoData ``url`` or ``image_hash`` (Meta's reference:
    "Specify this field or url but not both") and ``caption`` ("The description of the image"), its body."""
    still = {"name": "c/s/still", "body": "New in store.", "image_url": "https://cdn.example/s.jpg"}
    story = story_spec({**still, "page_id": "1122334455"})
    assert story == {
        "page_id": "1122334455",
        "photo_data": {"url": "https://cdn.example/s.jpg", "caption": "New in store."},
    }
    assert story_fields(story) == {k: v for k, v in still.items() if k != "name"} | {"page_id": "1122334455"}
    hashed = {"name": "c/s/still", "image_hash": "ab" * 16}
    assert story_spec(hashed) == {"photo_data": {"image_hash": "ab" * 16}}
    # Meta may echo the URL it derives from the hash: the hash is what was sent.
    echoed = {"photo_data": {"image_hash": "ab" * 16, "url": "https://scontent.example/derived.jpg"}}
    assert story_fields(echoed) == {"image_hash": "ab" * 16}
    assert unexpressed_creative({"object_story_spec": story}) is None


def test_a_creative_create_sends_the_story_spec_not_the_flat_fields() -> None:
    op = WriteOp(
        "create", Address(META, "m", "adcreative", "spring/core/hero"), {**LINK_CREATIVE, "adlabels": ["x"]}
    )
    request = batch_request("act_1", 0, op, Batch(META, [op]))
    assert set(request.params) == {"name", "adlabels", "object_story_spec"}
    assert request.params["object_story_spec"] == story_spec(LINK_CREATIVE)


def test_a_creative_made_without_a_story_spec_reads_from_its_flat_fields() -> None:
    rows: dict[str, list[dict[str, Any]]] = {
        "campaigns": [{"id": "1", "name": "c"}],
        "adsets": [{"id": "2", "name": "s", "campaign_id": "1"}],
        "ads": [{"id": "3", "name": "a", "adset_id": "2", "creative": {"id": "4"}}],
        "adcreatives": [
            {"id": "4", "name": "old", "title": "Hi", "body": "There", "link_url": "https://x.example"}
        ],
    }
    creative = next(r for r in to_resources("m", rows) if r.address.kind == "adcreative")
    assert creative.fields == {"name": "old", "title": "Hi", "body": "There", "link_url": "https://x.example"}


def test_an_image_of_the_library_reads_as_its_hash_alone_beside_the_urls_meta_derives_from_it() -> None:
    """Meta derives an image URL from a hash (the creative node's ``image_url``, and a story's ``picture`` or
    ``image_url`` when it echoes one): read, they would differ from a spec saying the hash alone, so every
    plan would re-create the creative. Of a creative with a story spec, only the story is read."""
    derived = "https://scontent.example/derived.jpg"
    link = {"link": "https://x.example", "message": "Hi", "image_hash": "ab" * 16, "picture": derived}
    card = {"link": "https://x.example/1", "image_hash": "cd" * 16, "picture": derived}
    stories = [
        {"link_data": link},
        {"video_data": {"video_id": "7", "image_hash": "ab" * 16, "image_url": derived, "message": "Hi"}},
        {"link_data": {"link": "https://x.example", "child_attachments": [card, card]}},
    ]
    for story in stories:
        node = {"id": "4", "name": "c", "image_url": derived, "object_story_spec": story}
        fields = normalise("adcreative", node)
        assert "image_url" not in fields, fields
        assert all("image_url" not in c and c["image_hash"] == "cd" * 16 for c in fields.get("cards", []))


_LINK = {"link": "https://x.example"}
_CARD = {**_LINK, "picture": "https://cdn.x.example/1.jpg"}


@pytest.mark.parametrize(
    ("node", "note"),
    [
        ({"object_story_spec": {"link_data": {**_LINK, "message": "Hi"}}}, None),
        ({"object_story_spec": {"video_data": {"video_id": "9", "title": "Hi"}}}, None),
        ({"title": "Hi", "link_url": "https://x.example"}, None),  # flat fields only: an old link ad
        ({"object_story_spec": {"link_data": {**_LINK, "child_attachments": [_CARD, _CARD]}}}, None),
        ({"object_story_id": "11_22"}, None),  # an existing Page post
        (
            {"object_story_spec": {"link_data": {**_LINK, "child_attachments": [_CARD, {"picture": "p"}]}}},
            "is a carousel ad (object_story_spec.link_data.child_attachments) whose card 2 has no link",
        ),
        # A card of an image of the account's library (image_hash) is one a spec says.
        (
            {
                "object_story_spec": {
                    "link_data": {**_LINK, "child_attachments": [_CARD, {**_LINK, "image_hash": "h"}]}
                }
            },
            None,
        ),
        (
            {"object_story_spec": {"link_data": {**_LINK, "child_attachments": [_CARD, _LINK]}}},
            "is a carousel ad (object_story_spec.link_data.child_attachments) whose card 2 shows neither "
            "picture, image_hash nor video_id",
        ),
        (
            {
                "object_story_spec": {
                    "link_data": {
                        **_LINK,
                        "child_attachments": [_CARD, {**_CARD, "call_to_action": {"type": "BUY"}}],
                    }
                }
            },
            "is a carousel ad (object_story_spec.link_data.child_attachments) whose cards have different "
            "calls to action (BUY, none)",
        ),
        # A photo post made for the ad (an image sending people nowhere): its image by URL or hash.
        ({"object_story_spec": {"photo_data": {"url": "u", "caption": "Hi"}}}, None),
        ({"object_story_spec": {"photo_data": {"image_hash": "h"}}}, None),
        (
            {"object_story_spec": {"photo_data": {"caption": "Hi"}}},
            "is a photo page post ad (object_story_spec.photo_data) without an image",
        ),
        (
            {"object_story_spec": {"photo_data": {"url": "u", "page_welcome_message": "Hello"}}},
            "has object_story_spec.photo_data.page_welcome_message 'Hello'",
        ),
        (
            {"object_story_spec": {"link_data": {"message": "Hi", "picture": "p"}}},
            "is a link ad without a link (neither object_story_spec.link_data.link nor a call to action's",
        ),
        ({"object_story_spec": {"text_data": {"message": "m"}}}, "is a text page post ad"),
        ({"object_story_spec": {"template_data": _LINK}}, None),
        (
            {"object_story_spec": {"template_data": {"message": "{{product.name}}"}}},
            "is a catalog ad template (object_story_spec.template_data) without a link",
        ),
        (
            {"object_story_spec": {"product_data": [{"product_id": "1"}]}},
            "is a catalog products ad (object_story_spec.product_data), which the spec language "
            "cannot express (MIDAS makes link, video and carousel ads, photo ads sending people nowhere "
            "and ads running an existing Page post): Meta's reference gives product_data (product_id, "
            "product_source) only as products that enable a catalog related experience, and none of its "
            "guides makes an ad of it; a catalog ad MIDAS makes is a template (type: catalog",
        ),
        ({"object_story_spec": {"page_id": "1"}}, "has an object_story_spec without link_data or video_data"),
    ],
    ids=[
        "link",
        "video",
        "flat",
        "carousel",
        "page-post",
        "carousel-card-without-link",
        "carousel-card-of-an-image-hash",
        "carousel-card-without-media",
        "carousel-cards-of-other-calls-to-action",
        "photo-by-url",
        "photo-of-the-library",
        "photo-without-an-image",
        "photo-with-a-welcome-message",
        "link-data-without-a-link",
        "text",
        "template",
        "template-without-a-link",
        "products",
        "empty",
    ],
)
def test_a_creative_of_a_kind_midas_does_not_make_is_named_by_its_kind(
    node: dict[str, Any], note: str | None
) -> None:
    """facebook-business AdCreativeObjectStorySpec's page posts other than a link or video ad, a carousel
    (AdCreativeLinkData ``child_attachments``) and an ad running a published post (AdCreative
    ``object_story_id``) each say which kind they are; MIDAS's own kinds say nothing."""
    found = unexpressed_creative(node)
    assert found == note if note is None else (found is not None and found.startswith(note))


def test_a_read_creative_of_another_kind_carries_its_kind_as_a_warning() -> None:
    rows: dict[str, list[dict[str, Any]]] = {
        "campaigns": [{"id": "1", "name": "c"}],
        "adsets": [{"id": "2", "name": "s", "campaign_id": "1"}],
        "ads": [{"id": "3", "name": "a", "adset_id": "2", "creative": {"id": "4"}}],
        "adcreatives": [{"id": "4", "name": "post", "object_story_spec": {"text_data": {"message": "m"}}}],
    }
    creative = next(r for r in to_resources("m", rows) if r.address.kind == "adcreative")
    assert creative.warnings == (
        "is a text page post ad (object_story_spec.text_data), which the spec language cannot express "
        "(MIDAS makes link, video and carousel ads, photo ads sending people nowhere and ads running an "
        "existing Page post): a post of text alone is no ad format Meta's guide to making ad creatives "
        "offers (image, video or carousel); write it as an image or video creative, or publish the post on "
        "the Page and run it as a type: post creative",
    )


@pytest.mark.parametrize("used", ["old", "new"])
def test_a_marked_creative_no_ad_uses_is_read_at_its_name_even_where_another_creative_is(used: str) -> None:
    """An apply killed while replacing a creative leaves two at its path, the ad running either: both are
    read there, marked (the planner tells them apart by the record and the journal)."""
    marked = [{"name": MANAGED_MARKER}]
    ad_of = {"old": "4", "new": "5"}[used]
    rows: dict[str, list[dict[str, Any]]] = {
        "campaigns": [{"id": "1", "name": "c", "adlabels": marked}],
        "adsets": [{"id": "2", "name": "s", "campaign_id": "1"}],
        "ads": [{"id": "3", "name": "a", "adset_id": "2", "creative": {"id": ad_of}}],
        "adcreatives": [
            {"id": creative, "name": "c/s/a", "adlabels": marked, "title": title}
            for creative, title in (("4", "Old"), ("5", "New"))
        ],
    }
    creatives = [r for r in to_resources("m", rows) if r.address.kind == "adcreative"]
    assert sorted((r.platform_id, str(r.address), r.managed) for r in creatives) == [
        ("4", "adcreative/c/s/a@meta:m", True),
        ("5", "adcreative/c/s/a@meta:m", True),
    ]


CAROUSEL = {
    "name": "spring/core/deck",
    "body": "Four new trail shoes.",
    "link_url": "https://shop.example/trail",
    "cards": [
        {"link_url": "https://shop.example/ridge", "title": "Ridge", "image_url": "https://cdn.example/r.jpg",
         "call_to_action_type": "SHOP_NOW"},
        {"link_url": "https://shop.example/mesa", "title": "Mesa", "description": "Grip", "video_id": "99",
         "image_url": "https://cdn.example/m.jpg", "call_to_action_type": "SHOP_NOW"},
    ],
    "multi_share_optimized": False,
    "page_id": "1122334455",
}  # fmt: skip


def test_a_carousel_travels_as_child_attachments_and_reads_back_to_its_cards() -> None:
    """facebook-business AdCreativeLinkData ``child_attachments`` (AdCreativeLinkDataChildAttachment: link,
    name, description, picture, video_id, call_to_action) and ``multi_share_optimized``."""
    story = story_spec(CAROUSEL)
    assert story == {
        "page_id": "1122334455",
        "link_data": {
            "link": "https://shop.example/trail",
            "message": "Four new trail shoes.",
            "multi_share_optimized": False,
            "child_attachments": [
                {"link": "https://shop.example/ridge", "name": "Ridge", "picture": "https://cdn.example/r.jpg",
                 "call_to_action": {"type": "SHOP_NOW", "value": {"link": "https://shop.example/ridge"}}},
                {"link": "https://shop.example/mesa", "name": "Mesa", "description": "Grip",
                 "picture": "https://cdn.example/m.jpg", "video_id": "99",
                 "call_to_action": {"type": "SHOP_NOW", "value": {"link": "https://shop.example/mesa"}}},
            ],
        },
    }  # fmt: skip
    assert story_fields(story) == {k: v for k, v in CAROUSEL.items() if k != "name"}
    assert unexpressed_creative({"object_story_spec": story}) is None


def test_a_page_post_creative_sends_the_post_id_alone_and_reads_it_back() -> None:
    fields = {"name": "spring/core/boost", "object_story_id": "1122334455_987", "adlabels": ["midas-managed"]}
    op = WriteOp("create", Address(META, "m", "adcreative", "spring/core/boost"), fields)
    request = batch_request("act_1", 0, op, Batch(META, [op]))
    assert request.params == {
        "name": "spring/core/boost",
        "object_story_id": "1122334455_987",
        "adlabels": [{"name": "midas-managed"}],
    }
    rows: dict[str, list[dict[str, Any]]] = {
        "campaigns": [{"id": "1", "name": "c"}],
        "adsets": [{"id": "2", "name": "s", "campaign_id": "1"}],
        "ads": [{"id": "3", "name": "a", "adset_id": "2", "creative": {"id": "4"}}],
        "adcreatives": [{"id": "4", "name": "boost", "object_story_id": "1122334455_987"}],
    }
    creative = next(r for r in to_resources("m", rows) if r.address.kind == "adcreative")
    assert creative.fields == {"name": "boost", "object_story_id": "1122334455_987"}
    assert creative.warnings == ()
    assert "object_story_id" in READ_FIELDS["adcreatives"]
    # A creative made from a story spec runs the post Meta made of it: not a Page post creative.
    story = {"link_data": _LINK}
    rows["adcreatives"] = [{"id": "4", "name": "x", "object_story_id": "1_2", "object_story_spec": story}]
    creative = next(r for r in to_resources("m", rows) if r.address.kind == "adcreative")
    assert "object_story_id" not in creative.fields


_SHOP = {"type": "SHOP_NOW", "value": {"link": "https://x.example"}}


@pytest.mark.parametrize(
    ("link_data", "note"),
    [
        (
            {**_LINK, "call_to_action": _SHOP, "child_attachments": [_CARD, _CARD]},
            "has object_story_spec.link_data.call_to_action {'type': 'SHOP_NOW', 'value': {'link': "
            "'https://x.example'}}, which the spec language cannot express: MIDAS gives a carousel's "
            "call_to_action to each of its cards (child_attachments[].call_to_action)",
        ),
        (
            {**_LINK, "child_attachments": [_CARD, {**_CARD, "image_crops": {"100x100": [[0, 0], [9, 9]]}}]},
            "has object_story_spec.link_data.child_attachments[1].image_crops {'100x100': [[0, 0], [9, 9]]}, "
            "which the spec language cannot express",
        ),
        (
            {**_LINK, "child_attachments": [{**_CARD, "caption": "x.example", "static_card": True}, _CARD]},
            "has object_story_spec.link_data.child_attachments[0].caption 'x.example' and "
            "object_story_spec.link_data.child_attachments[0].static_card True, which the spec language "
            "cannot express",
        ),
        (
            {
                **_LINK,
                "child_attachments": [
                    {
                        **_CARD,
                        "call_to_action": {"type": "INSTALL_MOBILE_APP", "value": {"app_link": "a://b"}},
                    },
                    {**_CARD, "call_to_action": {"type": "INSTALL_MOBILE_APP"}},
                ],
            },
            "has object_story_spec.link_data.child_attachments[0].call_to_action.value.app_link 'a://b'",
        ),
        # What Meta may echo with its default (an empty or false setting) is no setting.
        ({**_LINK, "child_attachments": [{**_CARD, "static_card": False, "caption": ""}, _CARD]}, None),
    ],
    ids=["carousel-call-to-action", "card-image-crops", "card-caption", "card-app-link", "card-defaults"],
)
def test_a_carousel_s_settings_a_spec_cannot_say_are_named(
    link_data: dict[str, Any], note: str | None
) -> None:
    """facebook-business AdCreativeLinkData ``call_to_action`` beside ``child_attachments``, and
    AdCreativeLinkDataChildAttachment's keys other than link, name, description, picture, image_hash,
    video_id and call_to_action (``image_crops``, ``caption``, ``static_card`` …): MIDAS never sends them, so
    a carousel that has them is refused naming each, not imported without them."""
    found = unexpressed_creative({"object_story_spec": {"link_data": link_data}})
    assert found == note if note is None else (found is not None and found.startswith(note)), found


def test_a_carousel_s_call_to_action_and_its_cards_other_settings_read_so_a_plan_compares_them() -> None:
    """Read as MIDAS sends it, a carousel differs from one with a call to action of its own or a card's crops
    or caption: a creative changed so in the console is drift, and the plan replaces it."""
    ours = story_spec(CAROUSEL)
    link = ours["link_data"]
    cards = link["child_attachments"]
    extra = {"image_crops": {"100x100": [[0, 0], [9, 9]]}, "caption": "shop.example"}
    changed = {**ours, "link_data": {**link, "child_attachments": [{**cards[0], **extra}, cards[1]]}}
    assert story_fields(changed)["cards"][0] == {**story_fields(ours)["cards"][0], **extra}
    with_action = {**ours, "link_data": {**link, "call_to_action": _SHOP}}
    assert story_fields(with_action) == {**story_fields(ours), "call_to_action_type": "SHOP_NOW"}


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ({"destination_type": "WEBSITE", "promoted_object": {"page_id": "42"}}, {}),
        ({"destination_type": "UNDEFINED"}, {}),
        (
            {
                "destination_type": "WHATSAPP",
                "promoted_object": {"page_id": "42", "whatsapp_phone_number": "+1555"},
            },
            {
                "destination_type": "WHATSAPP",
                "promoted_object": {"page_id": "42", "whatsapp_phone_number": "+1555"},
            },
        ),
        ({"destination_type": "INSTAGRAM_DIRECT"}, {"destination_type": "INSTAGRAM_DIRECT"}),
    ],
    ids=["a-website-s-with-a-page", "none-set", "whatsapp-s-page-and-number", "one-midas-does-not-make"],
)
def test_an_ad_set_s_destination_reads_as_none_for_a_website_and_a_conversation_names_its_page(
    node: dict[str, Any], expected: dict[str, Any]
) -> None:
    """Ad sets made before MIDAS sent a destination read as they compile (none); one opening a conversation
    reads with the Page and number it names, and another destination as it is (for import to refuse)."""
    fields = normalise("adset", {"name": "a", **node})
    assert {k: v for k, v in fields.items() if k in ("destination_type", "promoted_object")} == expected


def test_a_click_to_message_creative_s_button_names_the_app_it_opens_both_ways() -> None:
    fields = {"link_url": "https://api.whatsapp.com/send", "call_to_action_type": "WHATSAPP_MESSAGE",
              "app_destination": "WHATSAPP", "body": "Ask us."}  # fmt: skip
    story = story_spec(fields)
    assert story["link_data"]["call_to_action"] == {
        "type": "WHATSAPP_MESSAGE",
        "value": {"link": "https://api.whatsapp.com/send", "app_destination": "WHATSAPP"},
    }
    assert story_fields(story) == fields
    assert unexpressed_creative({"object_story_spec": story}) is None
    other = {
        **story["link_data"]["call_to_action"],
        "value": {"app_destination": "MESSAGING_MESSENGER_WHATSAPP"},
    }
    refused = unexpressed_creative(
        {"object_story_spec": {"link_data": {**story["link_data"], "call_to_action": other}}}
    )
    assert refused is not None and "app_destination 'MESSAGING_MESSENGER_WHATSAPP'" in refused


def test_a_click_to_instagram_direct_creative_runs_as_its_instagram_account_both_ways() -> None:
    """Its story spec names the Instagram account (``instagram_user_id``), read back as sent, and read from
    the older ``instagram_actor_id`` too."""
    fields = {"link_url": "https://www.instagram.com/", "call_to_action_type": "INSTAGRAM_MESSAGE",
              "app_destination": "INSTAGRAM_DIRECT", "body": "DM us.", "page_id": "11",
              "instagram_user_id": "178"}  # fmt: skip
    story = story_spec(fields)
    assert (story["instagram_user_id"], story["page_id"]) == ("178", "11")
    assert story["link_data"]["call_to_action"] == {
        "type": "INSTAGRAM_MESSAGE",
        "value": {"link": "https://www.instagram.com/", "app_destination": "INSTAGRAM_DIRECT"},
    }
    assert story_fields(story) == fields
    assert unexpressed_creative({"object_story_spec": story}) is None
    older = {k: v for k, v in story.items() if k != "instagram_user_id"} | {"instagram_actor_id": "178"}
    assert story_fields(older) == fields
    assert unexpressed_creative({"object_story_spec": older}) is None


@pytest.mark.parametrize(
    "fields",
    [
        {"link_url": "https://example.com/", "body": "Hi", "image_url": "https://cdn.example.com/a.png"},
        {"video_id": "77", "body": "Watch", "image_url": "https://cdn.example.com/t.png"},
        {"link_url": "https://example.com/", "body": "Hi", "cards": [
            {"link_url": "https://example.com/a", "image_url": "https://cdn.example.com/a.png"},
            {"link_url": "https://example.com/b", "image_url": "https://cdn.example.com/b.png"},
        ]},
        {"template": True, "link_url": "https://shop.example.com/", "title": "{{product.name}}"},
    ],
    ids=["link", "video", "carousel", "catalog-template"],
)  # fmt: skip
def test_any_story_runs_as_its_instagram_account_both_ways(fields: dict[str, Any]) -> None:
    """A link, video, carousel or catalog template ad run as the Instagram account
    (``spec._meta_instagram_identity``): sent on the story, read back as the creative's own, by either key,
    and not refused."""
    fields = {**fields, "page_id": "11", "instagram_user_id": "178"}
    story = story_spec(fields)
    assert (story["instagram_user_id"], story["page_id"]) == ("178", "11")
    assert story_fields(story)["instagram_user_id"] == "178"
    assert unexpressed_creative({"object_story_spec": story}) is None
    older = {k: v for k, v in story.items() if k != "instagram_user_id"} | {"instagram_actor_id": "178"}
    assert story_fields(older) == story_fields(story)
    assert unexpressed_creative({"object_story_spec": older}) is None
    alone = story_spec({k: v for k, v in fields.items() if k != "instagram_user_id"})
    assert "instagram_user_id" not in story_fields(alone)


def test_a_creative_naming_two_instagram_accounts_runs_as_none_midas_writes() -> None:
    """Both keys naming different accounts: no one account is the creative's (a managed one's is drift), and
    import names both rather than keep one and drop the other without a word."""
    fields = {"link_url": "https://www.instagram.com/", "call_to_action_type": "INSTAGRAM_MESSAGE",
              "app_destination": "INSTAGRAM_DIRECT", "body": "DM us.", "page_id": "11",
              "instagram_user_id": "178"}  # fmt: skip
    story = {**story_spec(fields), "instagram_actor_id": "999"}
    assert "instagram_user_id" not in story_fields(story)
    refused = unexpressed_creative({"object_story_spec": story})
    assert (
        refused is not None and "instagram_actor_id '999'" in refused and "instagram_user_id '178'" in refused
    )
    same = {**story_spec(fields), "instagram_actor_id": "178"}
    assert story_fields(same) == fields and unexpressed_creative({"object_story_spec": same}) is None


_MULTI, _SLIDES = "carousel_images_multi_items", "carousel_slideshows"
_SINGLE_ITEM = "carousel_images_single_item"
_TEMPLATE = {"template": True, "link_url": "https://shop.example.com/", "title": "{{product.name}}"}
_UNHELD = TEMPLATE_FORMAT_OPTION


@pytest.mark.parametrize(
    ("own", "wire", "accepted"),
    [
        ({}, {}, True),
        ({"catalog_format": "single"}, {"force_single_link": True}, True),
        (
            {"catalog_format": "product_images"},
            {"force_single_link": True, "show_multiple_images": True, "multi_share_end_card": False},
            True,
        ),
        ({"catalog_format": "slideshows"}, {"format_option": "carousel_slideshows"}, True),
        ({"multi_share_end_card": False}, {"multi_share_end_card": False}, True),
        (
            {"catalog_format": "slideshows", "multi_share_end_card": False},
            {"format_option": "carousel_slideshows", "multi_share_end_card": False},
            True,
        ),
        # A format no spec says, as read from Meta, goes back as what it was read from: a format_option alone
        # (one of the SDK's, or not: the sandbox refuses that) or show_multiple_images without
        # force_single_link (which the sandbox refuses), with its end card as read.
        ({"catalog_format": "format_option=collection_video"}, {"format_option": "collection_video"}, True),
        (
            {"catalog_format": "format_option=single", "multi_share_end_card": False},
            {"format_option": "single", "multi_share_end_card": False},
            False,
        ),
        ({"catalog_format": "show_multiple_images=true"}, {"show_multiple_images": True}, False),
    ],
    ids=["default-carousel", "single", "product-images", "slideshows", "no-end-card",
         "slideshows-no-end-card", "read-only-format", "read-only-option-named-like-a-format",
         "images-without-single-link"],
)  # fmt: skip
def test_a_catalog_template_s_format_travels_in_its_template_data_and_reads_back_as_sent(
    own: dict[str, Any], wire: dict[str, Any], accepted: bool
) -> None:
    """Meta's guide to Advantage+ catalog ads: a template without settings is a carousel of several
    products; ``force_single_link`` one product; ``show_multiple_images`` (with ``force_single_link`` and no
    end card) one product's images; ``format_option`` ``carousel_slideshows`` a carousel of slideshows. Each
    wire shape is one the sandbox's rules take, but those read from Meta that its guide does not make."""
    data = story_spec({**_TEMPLATE, **own})["template_data"]
    assert {k: v for k, v in data.items() if k not in ("link", "name")} == wire
    assert story_fields({"template_data": data}) == {**_TEMPLATE, **own}
    creative = {"name": "t", "object_story_spec": {"template_data": data}}
    if accepted:
        meta_rules.check_creative(creative)
    else:
        with pytest.raises(PermanentError):
            meta_rules.check_creative(creative)


@pytest.mark.parametrize(
    "own",
    [
        {"catalog_format": "product_images", "multi_share_end_card": True},
        {"catalog_format": "product_images", "multi_share_end_card": False},
        {"catalog_format": "single", "multi_share_end_card": True},
        {"catalog_format": "single", "multi_share_end_card": False},
    ],
    ids=["images-with-end-card", "images-without-end-card", "single-with-end-card",
         "single-without-end-card"],
)  # fmt: skip
def test_an_end_card_is_a_carousel_s_alone_never_sent_on_one_product_s_template(own: dict[str, Any]) -> None:
    """The end card belongs to carousels (Meta: "Use this in carousel format"): one held beside a single
    product's or one product's images (a snapshot taken before MIDAS read it as none) is never sent, and one
    product's images always go without it, as Meta's guide requires (never force_single_link,
    show_multiple_images and an end card)."""
    data = story_spec({**_TEMPLATE, **own})["template_data"]
    expected = CATALOG_FORMAT_WIRE[own["catalog_format"]]
    assert {k: v for k, v in data.items() if k not in ("link", "name")} == expected
    meta_rules.check_creative({"name": "t", "object_story_spec": {"template_data": data}})
    assert story_fields({"template_data": data}) == {**_TEMPLATE, "catalog_format": own["catalog_format"]}


@pytest.mark.parametrize(
    ("echoed", "read"),
    [
        # A format_option alone reads as the format it agrees with, else as itself: never a spec format.
        ({"format_option": _MULTI}, {}),
        ({"format_option": _SINGLE_ITEM}, {"catalog_format": "product_images"}),
        ({"format_option": "single_image"}, {"catalog_format": "single"}),
        ({"format_option": _SLIDES, "multi_share_end_card": True}, {"catalog_format": "slideshows"}),
        ({"format_option": "collection_video"}, {"catalog_format": "format_option=collection_video"}),
        (
            {"format_option": "single", "multi_share_end_card": False},
            {"catalog_format": "format_option=single", "multi_share_end_card": False},
        ),
        # The settings say the format; an echoed format_option beside them agreeing with it is theirs.
        ({"force_single_link": True, "format_option": "single_image"}, {"catalog_format": "single"}),
        (
            {"force_single_link": True, "show_multiple_images": True, "format_option": _SINGLE_ITEM,
             "multi_share_end_card": False},
            {"catalog_format": "product_images"},
        ),
        # One disagreeing is held apart, never sent nor compared (import refuses it by name).
        (
            {"force_single_link": True, "format_option": _SINGLE_ITEM, "multi_share_end_card": False},
            {"catalog_format": "single", _UNHELD: _SINGLE_ITEM},
        ),
        ({"force_single_link": True, "format_option": _MULTI}, {"catalog_format": "single", _UNHELD: _MULTI}),
        (
            {"force_single_link": True, "format_option": "collection_video"},
            {"catalog_format": "single", _UNHELD: "collection_video"},
        ),
        (
            {"force_single_link": True, "format_option": _SLIDES},
            {"catalog_format": "single", _UNHELD: _SLIDES},
        ),
        (
            {"force_single_link": True, "show_multiple_images": True, "format_option": "single_image",
             "multi_share_end_card": False},
            {"catalog_format": "product_images", _UNHELD: "single_image"},
        ),
        # show_multiple_images without force_single_link is no spec's format: read as itself.
        ({"show_multiple_images": True}, {"catalog_format": "show_multiple_images=true"}),
        (
            {"format_option": _SINGLE_ITEM, "show_multiple_images": True, "multi_share_end_card": False},
            {"catalog_format": "show_multiple_images=true", _UNHELD: _SINGLE_ITEM,
             "multi_share_end_card": False},
        ),
        ({"force_single_link": False, "show_multiple_images": False}, {}),
        # The end card is a carousel's: none is read on a single product's template nor one product's images.
        ({"force_single_link": True, "multi_share_end_card": False}, {"catalog_format": "single"}),
        ({"format_option": "single_image", "multi_share_end_card": False}, {"catalog_format": "single"}),
        (
            {"force_single_link": True, "show_multiple_images": True, "multi_share_end_card": True},
            {"catalog_format": "product_images"},
        ),
        ({"format_option": _SINGLE_ITEM, "multi_share_end_card": True}, {"catalog_format": "product_images"}),
    ],
    ids=["multi-items-is-the-default", "single-item", "single-image", "end-card-default", "collection-video",
         "option-named-like-a-format", "single-image-beside-single-link", "single-item-beside-both",
         "single-item-beside-single-link", "multi-items-beside-single-link",
         "collection-video-beside-single-link", "slideshows-beside-single-link", "single-image-beside-both",
         "images-without-single-link", "single-item-beside-images-without-single-link", "settings-false",
         "single-link-without-end-card", "single-image-without-end-card", "images-with-end-card",
         "single-item-with-end-card"],
)  # fmt: skip
def test_a_template_s_format_reads_from_what_meta_may_echo(
    echoed: dict[str, Any], read: dict[str, Any]
) -> None:
    assert story_fields({"template_data": {**_TEMPLATE_WIRE, **echoed}}) == {**_TEMPLATE, **read}


_TEMPLATE_WIRE = {"link": "https://shop.example.com/", "name": "{{product.name}}"}


def test_several_images_are_sent_in_the_asset_feed_beside_the_story_s_first_and_texts() -> None:
    """``media_options`` travel as ``asset_feed_spec.images`` (the story's image first), over the feed of
    text options, with ``optimization_type`` DEGREES_OF_FREEDOM; the story keeps its picture and link."""
    creative = Address(META, "m", "adcreative", "spring/core/hello")
    fields = {
        "name": "hello",
        "link_url": "https://example.com/",
        "call_to_action_type": "LEARN_MORE",
        "image_url": "https://cdn.example.com/a.png",
        "page_id": "9",
        "text_options": {"titles": ["Hi", "Hello"]},
        "media_options": {"images": ["https://cdn.example.com/b.png"]},
    }
    op = WriteOp("create", creative, fields, platform_id=None)
    params = batch_request("act_1", 0, op, Batch(META, [op])).params
    assert params["asset_feed_spec"] == {
        "titles": [{"text": "Hi"}, {"text": "Hello"}],
        "images": [{"url": "https://cdn.example.com/a.png"}, {"url": "https://cdn.example.com/b.png"}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    assert "media_options" not in params and "text_options" not in params
    assert params["object_story_spec"]["link_data"]["picture"] == "https://cdn.example.com/a.png"
    video = {"name": "v", "link_url": "https://example.com/", "video_id": "7", "page_id": "9"}
    op = WriteOp("create", creative, {**video, "media_options": {"videos": ["8"]}}, platform_id=None)
    params = batch_request("act_1", 0, op, Batch(META, [op])).params
    assert params["asset_feed_spec"]["videos"] == [{"video_id": "7"}, {"video_id": "8"}]
    assert params["object_story_spec"]["video_data"]["video_id"] == "7"


def test_several_images_of_the_library_are_sent_by_hash_in_the_asset_feed_the_story_s_first() -> None:
    """A story's ``image_hash`` with ``media_options`` of the library (hashes): ``asset_feed_spec.images``
    of ``{"hash": …}`` entries alone, the story's first (Ads Manager's shape); the story keeps its
    ``image_hash`` and no picture."""
    first, second, third = "5d41402abc4b2a76b9719d911017c592", "7d793037a0760186574b0282f2f435e7", "0" * 32
    fields = {
        "name": "hello",
        "link_url": "https://example.com/",
        "call_to_action_type": "LEARN_MORE",
        "image_hash": first,
        "page_id": "9",
        "media_options": {"images": [second, third]},
    }
    op = WriteOp("create", Address(META, "m", "adcreative", "spring/core/hello"), fields, platform_id=None)
    params = batch_request("act_1", 0, op, Batch(META, [op])).params
    assert params["asset_feed_spec"] == {
        "images": [{"hash": first}, {"hash": second}, {"hash": third}],
        "optimization_type": "DEGREES_OF_FREEDOM",
    }
    link = params["object_story_spec"]["link_data"]
    assert link["image_hash"] == first and "picture" not in link


def test_a_template_s_product_card_settings_read_as_product_card_never_sent_and_named_unsent() -> None:
    """A console's ``image_crops`` on a template's product card reads as ``product_card`` (so that drift
    names it), which no write sends back and a restore names as unsent; import still refuses it by name. A
    product card of its texts and button alone reads none."""
    static = {"link": "https://s.example/c", "image_hash": "ab" * 16, "static_card": True, "name": "C"}
    product = {"name": "{{product.name}}", "call_to_action": {"type": "SHOP_NOW"}}
    crops = {"100x100": [[0, 0], [1, 1]]}
    story = {
        "page_id": "1",
        "template_data": {"link": "https://s.example", "child_attachments": [static, product]},
    }
    assert PRODUCT_CARD not in story_fields(story)
    story["template_data"]["child_attachments"][1] = {**product, "image_crops": crops}
    fields = story_fields(story)
    assert fields[PRODUCT_CARD] == {"image_crops": crops}
    assert unsent_card_settings(fields) == ["product_card.image_crops"]
    assert PRODUCT_CARD in DERIVED_FIELDS
    problem = unexpressed_creative({"object_story_spec": story})
    assert problem is not None and "(the product card) with image_crops" in problem, problem
    assert "image_crops" not in json.dumps(story_spec(fields))
