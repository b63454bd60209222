"""A Meta link ad's display link (``spec._meta_display_link``): its normalisation, its wire shapes (a link
ad's ``link_data.caption``, a dynamic creative's feed link's ``display_url``) and their reads, what import
still refuses by name, and the compile."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_compile import CREATIVE, campaign, compiled, get

from midas_reconcile.connectors.meta_graph import normalise, story_fields, story_spec, unexpressed_creative
from midas_reconcile.spec._meta_display_link import check_display_link, display_link_of
from midas_reconcile.spec._meta_dynamic_creative import dynamic_wire, read_dynamic_feed
from midas_reconcile.spec.models import CampaignSpec, display_link_problem

_LINK = "https://shop.example.com/shoes"
_AD = {
    "link_url": _LINK,
    "body": "New shoes.",
    "title": "Shoes",
    "image_url": "https://cdn.example.com/s.png",
}


@pytest.mark.parametrize(
    ("caption", "link", "expected"),
    [
        ("example.com/shoes", _LINK, "example.com/shoes"),
        ("shop.example.com", _LINK, None),
        ("SHOP.EXAMPLE.COM/", _LINK, None),
        ("https://www.shop.example.com", _LINK, None),
        ("shop.example.com/shoes", _LINK, "shop.example.com/shoes"),
        ("", _LINK, None),
        (None, _LINK, None),
        ("example.com", None, "example.com"),
    ],
    ids=[
        "another",
        "the-domain",
        "domain-cased",
        "domain-with-scheme",
        "domain-and-path",
        "empty",
        "none",
        "no-link",
    ],
)
def test_a_display_link_that_is_the_link_s_own_domain_reads_as_none(
    caption: Any, link: Any, expected: str | None
) -> None:
    assert display_link_of(caption, link) == expected


def test_a_link_ad_s_display_link_is_sent_as_its_caption_and_read_back() -> None:
    fields = {**_AD, "display_link": "example.com/shoes"}
    story = story_spec(fields)
    assert story["link_data"]["caption"] == "example.com/shoes"
    assert story_fields(story) == fields
    assert "caption" not in story_spec(_AD)["link_data"]
    assert unexpressed_creative({"object_story_spec": story}) is None


def test_a_caption_echoing_the_link_s_domain_reads_as_no_display_link() -> None:
    story = story_spec(_AD)
    story["link_data"]["caption"] = "shop.example.com"
    assert story_fields(story) == _AD


def test_a_caption_echoing_the_domain_of_a_call_to_action_s_link_reads_as_no_display_link() -> None:
    """A hand-built link ad may carry its link in its call to action alone (no ``link_data.link``): the
    caption is compared with the link read, wherever it came from."""
    action = {"type": "SHOP_NOW", "value": {"link": _LINK}}
    story = {"link_data": {"message": "New shoes.", "call_to_action": action, "caption": "shop.example.com"}}
    fields = story_fields(story)
    assert fields["link_url"] == _LINK and "display_link" not in fields, fields
    story["link_data"]["caption"] = "example.com/shoes"
    assert story_fields(story)["display_link"] == "example.com/shoes"


def test_a_carousel_s_caption_and_a_call_to_action_s_link_caption_stay_refused_by_name() -> None:
    card = {"link": _LINK, "picture": "https://cdn.example.com/a.png"}
    carousel = {"link_data": {"link": _LINK, "caption": "example.com/x", "child_attachments": [card, card]}}
    found = unexpressed_creative({"object_story_spec": carousel})
    assert found is not None and "object_story_spec.link_data.caption 'example.com/x'" in found
    action = {"type": "LEARN_MORE", "value": {"link": _LINK, "link_caption": "example.com/x"}}
    video = {
        "video_data": {
            "video_id": "7",
            "image_url": "https://cdn.example.com/t.png",
            "call_to_action": action,
        }
    }
    found = unexpressed_creative({"object_story_spec": video})
    assert found is not None and "video_data.call_to_action.value.link_caption 'example.com/x'" in found


def test_a_dynamic_creative_s_display_link_is_its_feed_link_s_display_url_and_reads_back() -> None:
    fields = {**_AD, "page_id": "1", "display_link": "example.com/shoes", "dynamic_creative": True}
    _, feed = dynamic_wire(fields)
    assert feed["link_urls"] == [{"website_url": _LINK, "display_url": "example.com/shoes"}]
    read, rest = read_dynamic_feed(feed)
    assert (read["link_url"], read["display_link"]) == (_LINK, "example.com/shoes")
    assert "link_urls" not in rest
    _, plain = dynamic_wire({k: v for k, v in fields.items() if k != "display_link"})
    assert plain["link_urls"] == [{"website_url": _LINK}]
    echoed, _ = read_dynamic_feed({"link_urls": [{"website_url": _LINK, "display_url": "shop.example.com"}]})
    assert "display_link" not in echoed


def test_a_dynamic_creative_read_through_normalise_holds_its_display_url() -> None:
    node = {
        "name": "c",
        "object_story_spec": {"page_id": "1"},
        "asset_feed_spec": {
            "images": [{"url": "https://cdn.example.com/s.png"}],
            "link_urls": [{"website_url": _LINK, "display_url": "example.com/shoes"}],
            "call_to_action_types": ["SHOP_NOW"],
            "ad_formats": ["SINGLE_IMAGE"],
        },
    }
    fields = normalise("adcreative", node)
    assert fields["display_link"] == "example.com/shoes"
    assert not fields.get("asset_feed_unheld"), fields


@pytest.mark.parametrize(
    ("shown", "sent"),
    [("example.com/shoes", "example.com/shoes"), ("Example.com", ""), (None, None)],
    ids=["shown", "the-link-s-domain", "unset"],
)
def test_meta_display_link_compiles_to_the_creative_s_display_link(
    tmp_path: Path, shown: str | None, sent: str | None
) -> None:
    creative = {**CREATIVE, **({"meta": {"display_link": shown}} if shown is not None else {})}
    resources = compiled(tmp_path, campaign(platforms={"meta": {"account": "m"}}, creatives=[creative]))
    fields = get(resources, "meta", "adcreative", "c/default/main").fields
    assert fields.get("display_link") == sent  # "": the link's own domain, held but sent as none
    assert story_spec(fields)["link_data"].get("caption") == (sent or None)


def _findings(**spec: Any) -> list[tuple[Any, str]]:
    found: list[tuple[Any, str]] = []
    check_display_link(lambda at, message: found.append((at, message)), CampaignSpec.model_validate(spec))
    return found


_SHOWN = {"display_link": "example.com/shoes"}
_BASE: dict[str, Any] = {
    "platforms": {"meta": {"account": "m"}},
    "objective": "traffic",
    "budget": {"daily": "10.00", "currency": "USD"},
    "targeting": {"locations": ["US"]},
}


@pytest.mark.parametrize(
    ("spec", "said"),
    [
        (
            {
                "creatives": [
                    {**CREATIVE, "type": "image", "image_url": "https://c.example/a.png", "meta": _SHOWN}
                ]
            },
            None,
        ),
        ({"creatives": [{**CREATIVE, "meta": _SHOWN}]}, None),
        (
            {"creatives": [{**CREATIVE, "type": "video", "video_id": "7", "meta": _SHOWN}]},
            "Meta shows no display link of a video ad MIDAS can confirm",
        ),
        (
            {
                "ad_groups": [{"name": "dyn", "meta": {"dynamic_creative": True}}],
                "creatives": [{**CREATIVE, "type": "video", "video_id": "7", "meta": _SHOWN}],
            },
            None,
        ),
        (
            {
                "objective": "awareness",
                "creatives": [
                    {
                        "name": "seen",
                        "type": "image",
                        "image_url": "https://c.example/a.png",
                        "headlines": [],
                        "descriptions": [],
                        "call_to_action": "none",
                        "meta": _SHOWN,
                    }
                ],
            },
            "a creative sending people nowhere",
        ),
        (
            {
                "ad_groups": [{"name": "chat", "meta": {"destination": "messenger"}}],
                "objective": "engagement",
                "creatives": [{**CREATIVE, "meta": _SHOWN}],
            },
            "an ad set opening a conversation",
        ),
        (
            {"platforms": {"google": {"account": "g"}}, "creatives": [{**CREATIVE, "meta": _SHOWN}]},
            None,
        ),
    ],
    ids=["image", "text", "video", "dynamic-video", "sends-nowhere", "conversation", "google-alone"],
)
def test_a_display_link_is_checked_on_the_kinds_of_meta_ad_that_can_show_one(
    spec: dict[str, Any], said: str | None
) -> None:
    found = _findings(**{**_BASE, **spec})
    if said is None:
        assert found == []
    else:
        [(at, message)] = found
        assert at[-2:] == ("meta", "display_link") and said in message, found


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("example.com/shoes", None),
        ("https://example.com?ref=fb", None),
        ("shop.example.com:8080/boots", None),
        ("my_shop.example.com", None),
        ("example.com/" + "x" * 200, None),
        ("shoes", "has no host of two labels or more"),
        ("shop!.example.com", "has no host of two labels or more"),
        ("example..com", "has no host of two labels or more"),
        ("example.com:http/a", "is no web address"),
        ("me@example.com", "names a user"),
        ("example.com/a b", "has whitespace"),
    ],
)
def test_display_link_problem_takes_what_meta_s_url_type_plausibly_takes(
    value: str, problem: str | None
) -> None:
    found = display_link_problem(value)
    assert found == problem if problem is None else (found is not None and found.startswith(problem)), found
