"""Edge reads page by page (``meta_pages``): cursors followed, each page one retried call, and what a
page that is not JSON means. The wire itself is covered against the Graph fake (``test_meta_ads``,
``e2e/test_meta_read_pages``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest
from facebook_business.api import FacebookResponse

from midas_reconcile.connectors.meta_pages import edge_nodes, page_reader
from midas_reconcile.errors import ConnectorError, PermanentError, TransientError

T = TypeVar("T")
PAGES: dict[str | None, dict[str, Any]] = {
    None: {"data": [{"id": "1"}, {"id": "2"}], "paging": {"cursors": {"after": "A"}, "next": "…"}},
    "A": {"data": [{"id": "3"}], "paging": {"cursors": {"after": "B"}, "next": "…"}},
    "B": {"data": [{"id": "4"}], "paging": {"cursors": {"before": "A", "after": "C"}}},
}


def test_pages_follow_the_after_cursor_until_there_is_no_next_each_through_the_retry() -> None:
    asked: list[tuple[str | None, int]] = []
    retried: list[int] = []

    def fetch(params: Mapping[str, Any], page: int) -> Mapping[str, Any]:
        asked.append((params.get("after"), page))
        return PAGES[params.get("after")]

    def retry(query: Callable[[], T]) -> T:
        retried.append(len(asked))
        return query()

    nodes = [n["id"] for n in edge_nodes(fetch, {"limit": 2}, retry)]

    assert nodes == ["1", "2", "3", "4"]
    assert asked == [(None, 1), ("A", 2), ("B", 3)]
    assert retried == [0, 1, 2]  # one call of the retry per page, before its request


def test_a_retried_page_is_asked_for_from_its_own_cursor() -> None:
    asked: list[str | None] = []
    failures = iter([True])

    def fetch(params: Mapping[str, Any], page: int) -> Mapping[str, Any]:
        asked.append(params.get("after"))
        if page == 2 and next(failures, False):
            raise TransientError("throttled")
        return PAGES[params.get("after")]

    def retry(query: Callable[[], T]) -> T:
        try:
            return query()
        except TransientError:
            return query()

    assert [n["id"] for n in edge_nodes(fetch, {}, retry)] == ["1", "2", "3", "4"]
    assert asked == [None, "A", "A", "B"]


class _Api:
    def __init__(self, response: FacebookResponse) -> None:
        self.response = response

    def call(self, method: str, path: tuple[str, ...], params: Mapping[str, Any]) -> FacebookResponse:
        return self.response


@contextmanager
def _untranslated(what: str, **options: Any) -> Iterator[None]:
    assert options == {"read": True}
    yield


@pytest.mark.parametrize(("status", "error"), [(502, TransientError), (404, PermanentError)])
def test_a_page_that_is_not_json_is_transient_only_from_a_server_error(
    status: int, error: type[ConnectorError]
) -> None:
    # The SDK counts an HTML body as a success (``FacebookResponse.is_success``): the reader must not.
    api = _Api(FacebookResponse(body="<html>Bad Gateway</html>", http_status=status))
    fetch = page_reader(api, _untranslated, ("act_1", "ads"), "reading the ads of act_1")  # type: ignore[arg-type]
    with pytest.raises(error, match=f"reading the ads of act_1, page 4: .*HTTP {status} without JSON"):
        fetch({}, 4)
