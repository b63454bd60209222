"""Graph API edge reads page by page, each page one request retried on its own.

Graph pages an edge with cursors: the same path again with ``after=<paging.cursors.after>`` while the
answer has ``paging.next`` (PLATFORM_NOTES; the SDK's ``Cursor.load_next_page`` does the same). Here each
page is one call through a ``QueryRetry``, so a transient failure of page N asks for page N again, from
the cursor that named it, and the pages read before it stand.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any

from facebook_business.api import FacebookAdsApi

from midas_reconcile.connectors.base import QueryRetry, call_once
from midas_reconcile.errors import PermanentError, TransientError
from midas_reconcile.resources import META

#: The connector's error translation (``MetaAdsConnector._translated``): ``translated(what, **options)``.
Translated = Callable[..., AbstractContextManager[None]]
#: Asks for one page of an edge: ``fetch(params, page)`` (``page`` counts from 1, for messages).
PageFetch = Callable[[Mapping[str, Any], int], Mapping[str, Any]]


def edge_nodes(
    fetch: PageFetch, params: Mapping[str, Any], retry: QueryRetry = call_once
) -> Iterator[Mapping[str, Any]]:
    """Every node of an edge in Graph's order, page after page, each page through ``retry``."""
    query = dict(params)
    for page in itertools.count(1):
        body = retry(functools.partial(fetch, dict(query), page))
        yield from body.get("data") or []
        paging = body.get("paging") or {}
        after = (paging.get("cursors") or {}).get("after")
        if "next" not in paging or not after:
            return
        query["after"] = after


def page_reader(api: FacebookAdsApi, translated: Translated, path: tuple[str, ...], what: str) -> PageFetch:
    """The ``fetch`` of ``edge_nodes`` for ``GET path`` on the connector's session, its errors translated
    as a read's (``translated(…, read=True)``) and named after ``what`` and the page."""

    def fetch(params: Mapping[str, Any], page: int) -> Mapping[str, Any]:
        doing = f"{what}, page {page}"
        with translated(doing, read=True):
            response = api.call("GET", path, params=dict(params))
        body = response.json()
        if isinstance(body, Mapping):
            return body
        # The SDK takes a body that is not JSON (a proxy's error page) for a success (``is_success``).
        status = int(response.status() or 0)
        error = TransientError if status >= 500 else PermanentError
        raise error(f"{doing}: the Graph API answered HTTP {status} without JSON", platform=META)

    return fetch
