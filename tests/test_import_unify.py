"""importing.unify: the two platforms' halves of one campaign become one document (the app it promotes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from midas_reconcile.importing.derive import CreativeView, GroupView, PlatformView
from midas_reconcile.importing.unify import unified_document
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
