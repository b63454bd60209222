"""Alert notices delivered to webhooks: signed, retried, stored until accepted, never sent twice.

Each notice of an alert check becomes one stored delivery per channel of its rule (``queue``). ``deliver``
then sends every pending delivery — this run's and any an earlier run could not deliver:

- body: JSON ``{"event", "rule", "subject", "severity", "message", "at"}``, or for a ``format: slack``
  channel a Slack-compatible ``{"text": …}``;
- headers: ``X-Midas-Timestamp`` (Unix seconds) and, when the channel has ``secret_env``,
  ``X-Midas-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>``;
- ``TIMEOUT_S`` per attempt, up to ``ATTEMPTS`` attempts with back-off; a delivery still failing stays
  pending (with its error, never the URL or secret) and is tried again on the next run;
- a delivery the receiver accepted (2xx) is marked sent in its own transaction before the next one is
  tried: it is never sent again.

Only ``https://`` URLs are used, or ``http://`` to a loopback address (for tests and local relays).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from midas_reconcile.errors import MidasError

TIMEOUT_S: Final = 10.0
ATTEMPTS: Final = 3
_SEVERITY_ICON: Final = {
    "info": ":information_source:",
    "warning": ":warning:",
    "critical": ":rotating_light:",
}


@dataclass(frozen=True)
class Channel:
    """A resolved webhook: where, how signed, in which format (never printed: the URL may hold a token)."""

    name: str
    url: str
    secret: str | None
    format: str

    def __repr__(self) -> str:
        return f"Channel({self.name!r}, <url>, format={self.format!r})"


def resolve_channels(webhooks: Mapping[str, Any], env: Mapping[str, str] | None = None) -> dict[str, Channel]:
    """Channels from midas.yaml's ``webhooks`` (URLs and secrets from the environment when named so)."""
    env = os.environ if env is None else env
    out = {}
    for name, hook in webhooks.items():
        url = hook.url or env.get(hook.url_env or "", "")
        if not url:
            raise MidasError(f"webhook {name!r}: environment variable {hook.url_env} is not set")
        check_url(name, url)
        secret = env.get(hook.secret_env) if hook.secret_env else None
        if hook.secret_env and not secret:
            raise MidasError(f"webhook {name!r}: environment variable {hook.secret_env} is not set")
        out[name] = Channel(name, url, secret, hook.format)
    return out


def check_url(name: str, url: str) -> None:
    """https://, or http:// to loopback only; the URL itself never appears in the error."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    loopback = host == "localhost"
    with contextlib.suppress(ValueError):  # a name, not an address
        loopback = loopback or ipaddress.ip_address(host).is_loopback
    if parts.scheme == "https" or (parts.scheme == "http" and loopback):
        return
    raise MidasError(f"webhook {name!r}: expected an https:// URL (http:// only to a loopback address)")


def body(notice: Mapping[str, Any], fmt: str) -> bytes:
    if fmt == "slack":
        icon = _SEVERITY_ICON.get(str(notice.get("severity")), "")
        text = f"{icon} *{notice['event']}* [{notice['severity']}] {notice['message']}".strip()
        return json.dumps({"text": text}).encode()
    return json.dumps(dict(notice), sort_keys=True).encode()


def signature(secret: str, timestamp: str, payload: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + payload, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


Post = Callable[[str, bytes, Mapping[str, str], float], int]


def post(url: str, data: bytes, headers: Mapping[str, str], timeout: float) -> int:
    """POST and return the HTTP status (0 when no answer came)."""
    request = urllib.request.Request(url, data=data, headers=dict(headers), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, TimeoutError, OSError):
        return 0


def send(
    channel: Channel,
    notice: Mapping[str, Any],
    *,
    clock: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
    transport: Post = post,
) -> str | None:
    """Deliver one notice, retrying; None on success, else why it failed (no URL, no secret)."""
    payload = body(notice, channel.format)
    why = ""
    for attempt in range(1, ATTEMPTS + 1):
        timestamp = str(int(clock()))
        headers = {"Content-Type": "application/json", "X-Midas-Timestamp": timestamp}
        if channel.secret:
            headers["X-Midas-Signature"] = signature(channel.secret, timestamp, payload)
        status = transport(channel.url, payload, headers, TIMEOUT_S)
        if 200 <= status < 300:
            return None
        why = f"HTTP {status}" if status else "no answer"
        if 400 <= status < 500 and status not in (408, 429):
            break  # the receiver refuses this payload: retrying now will not help
        if attempt < ATTEMPTS:
            sleep(2.0 ** (attempt - 1))
    return f"{why} after {attempt} attempt(s)"


def notice_dict(notice: Any, at: str) -> dict[str, Any]:
    return {
        "event": notice.kind,
        "rule": notice.rule,
        "subject": notice.subject,
        "severity": notice.severity,
        "message": notice.message,
        "at": at,
    }


def deliveries_for(notices: Sequence[Any], at: str) -> list[tuple[str, dict[str, Any]]]:
    """(channel, notice) for every channel of every notice."""
    return [(channel, notice_dict(n, at)) for n in notices for channel in n.channels]
