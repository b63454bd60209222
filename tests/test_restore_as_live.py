"""A restore's fields taken as they are live (``session._taken_as_live``): a creative's further images of an
old snapshot, which cannot be mapped back to the library, are live's; never a mixed feed the apply refuses."""

from __future__ import annotations

from typing import Any

import pytest

from midas_reconcile.resources import Address, Resource
from midas_reconcile.session import _taken_as_live

CREATIVE = Address.parse("adcreative/media/default/spring@meta:meta-main")
H1, H2 = "5d41402abc4b2a76b9719d911017c592", "7d793037a0760186574b0282f2f435e7"
A, B = "https://cdn.example.com/a.png", "https://cdn.example.com/b.png"
V = ["111", "222"]


@pytest.mark.parametrize(
    ("desired", "live", "taken"),
    [
        (  # live images of the story's kind: taken; the snapshot's videos kept as it had them
            {"image_hash": H1, "media_options": {"videos": V}},
            {"image_hash": H1, "media_options": {"images": [H2]}},
            {"image_hash": H1, "media_options": {"videos": V, "images": [H2]}},
        ),
        (  # live images by URL beside the snapshot's story hash (made anew): none sent
            {"image_hash": H1, "media_options": {"videos": V}},
            {"image_url": A, "media_options": {"images": [B]}},
            {"image_hash": H1, "media_options": {"videos": V}},
        ),
        (  # likewise, nothing else to send: no media options at all
            {"image_hash": H1},
            {"image_url": A, "media_options": {"images": [B]}},
            {"image_hash": H1},
        ),
        (  # live's own mix beside the same story image: left as it runs (no change planned for it)
            {"image_hash": H1},
            {"image_hash": H1, "media_options": {"images": [B]}},
            {"image_hash": H1, "media_options": {"images": [B]}},
        ),
        (  # live's own mix, but another field differs: the creative is remade (immutable), so none sent
            {"image_hash": H1, "body": "Run faster"},
            {"image_hash": H1, "body": "Run lighter", "media_options": {"images": [B]}},
            {"image_hash": H1, "body": "Run faster"},
        ),
        (  # no live images: none
            {"image_hash": H1, "media_options": {"videos": V}},
            {"image_hash": H1},
            {"image_hash": H1, "media_options": {"videos": V}},
        ),
    ],
    ids=[
        "same-kind",
        "mixed-dropped",
        "mixed-dropped-alone",
        "live-own-mix",
        "live-own-mix-remade",
        "none-live",
    ],
)
def test_a_restore_takes_only_live_further_images_and_never_a_mixed_feed(
    desired: dict[str, Any], live: dict[str, Any], taken: dict[str, Any]
) -> None:
    [out] = _taken_as_live(
        [Resource(CREATIVE, desired)], [Resource(CREATIVE, live)], {CREATIVE: ("media_options.images",)}
    )
    assert out.fields == taken


def test_a_restore_keeps_live_own_mix_when_only_a_mutable_field_differs() -> None:
    """Labels are updated in place (no remake): live's own mix beside the same story image is left."""
    desired = {"image_hash": H1, "adlabels": [{"name": "midas"}]}
    live = {"image_hash": H1, "adlabels": [{"name": "console"}], "media_options": {"images": [B]}}
    [out] = _taken_as_live(
        [Resource(CREATIVE, desired)], [Resource(CREATIVE, live)], {CREATIVE: ("media_options.images",)}
    )
    assert out.fields == {**desired, "media_options": {"images": [B]}}
