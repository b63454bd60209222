"""Webhook deliveries against a local receiver: signature, retries, stored-then-retried, never twice."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from midas_reconcile.errors import MidasError
from midas_reconcile.session import Session
from midas_reconcile.webhooks import Channel, check_url, send

SECRET = "hook-secret-value"
NOTICE = {
    "event": "firing",
    "rule": "low-ctr",
    "subject": "spring@google",
    "severity": "warning",
    "message": "low-ctr: spring@google ctr 1.20 (threshold 1.50)",
    "at": "2026-11-25T08:00:00+00:00",
}


class Receiver:
    """An HTTP receiver on 127.0.0.1 that answers ``statuses`` in turn (then 200) and keeps what it got."""

    def __init__(self) -> None:
        self.statuses: list[int] = []
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                data = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, data))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.close()


def test_only_https_or_loopback_http_urls_are_used() -> None:
    check_url("a", "https://hooks.example.com/T0KEN")
    check_url("b", "http://127.0.0.1:8080/x")
    check_url("c", "http://localhost/x")
    with pytest.raises(MidasError) as caught:
        check_url("d", "http://hooks.example.com/T0KEN")
    assert "T0KEN" not in str(caught.value)


def test_a_delivery_is_signed_over_timestamp_and_body(receiver: Receiver) -> None:
    assert send(Channel("ops", receiver.url, SECRET, "json"), NOTICE, clock=lambda: 1_764_057_600.0) is None
    [(headers, data)] = receiver.received
    assert json.loads(data) == NOTICE and headers["x-midas-timestamp"] == "1764057600"
    expected = hmac.new(SECRET.encode(), b"1764057600." + data, hashlib.sha256).hexdigest()
    assert headers["x-midas-signature"] == f"sha256={expected}"
    send(Channel("chat", receiver.url, None, "slack"), NOTICE)
    headers, data = receiver.received[-1]
    assert "x-midas-signature" not in headers
    assert json.loads(data) == {"text": f":warning: *firing* [warning] {NOTICE['message']}"}


def test_failures_are_retried_with_back_off_and_a_refusal_is_not(receiver: Receiver) -> None:
    naps: list[float] = []
    receiver.statuses = [500, 503]
    assert send(Channel("ops", receiver.url, None, "json"), NOTICE, sleep=naps.append) is None
    assert (len(receiver.received), naps) == (3, [1.0, 2.0])
    receiver.statuses = [400]
    assert (
        send(Channel("ops", receiver.url, None, "json"), NOTICE, sleep=naps.append)
        == "HTTP 400 after 1 attempt(s)"
    )


def test_undelivered_notices_are_kept_and_sent_exactly_once_later(
    tmp_path: Path, state_url: str, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "midas.yaml").write_text(
        "version: 1\nwebhooks:\n  ops: {url_env: TEST_HOOK_URL, secret_env: TEST_HOOK_SECRET}\n"
    )
    monkeypatch.setenv("TEST_HOOK_SECRET", SECRET)
    monkeypatch.setenv("TEST_HOOK_URL", "http://127.0.0.1:9/down")  # nobody listens: not delivered
    with Session(tmp_path, state_url=state_url, sleep=lambda _s: None) as session:
        session.store.queue_deliveries([("ops", NOTICE), ("ops", {**NOTICE, "event": "resolved"})])
        first = session.performance.deliver_webhooks()
        assert [error for _, error in first] == ["no answer after 3 attempt(s)"] * 2
        assert all(SECRET not in (error or "") and "127.0.0.1" not in (error or "") for _, error in first)
    monkeypatch.setenv("TEST_HOOK_URL", receiver.url)
    with Session(tmp_path, state_url=state_url, sleep=lambda _s: None) as session:
        assert [error for _, error in session.performance.deliver_webhooks()] == [None, None]
        assert session.performance.deliver_webhooks() == []  # sent ones are never sent again
        assert session.store.pending_deliveries() == []
    assert [json.loads(data)["event"] for _, data in receiver.received] == ["firing", "resolved"]
