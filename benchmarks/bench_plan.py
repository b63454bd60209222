"""Benchmark the core loop on the sandbox: validate, plan (empty accounts), apply, plan again (no changes).

    python benchmarks/bench_plan.py --campaigns 1000 [--connector sandbox|google_ads|meta_ads] [--json]

Builds a workspace of N unified campaigns (Google + Meta, 2 ad groups / ad sets each, targeting, 2 creatives,
keywords) in a temporary directory and reports wall and CPU time per phase, peak RSS, and API calls per
platform next to the physical minimum:

- reads: one query per resource type per account for Google; ⌈objects / page size⌉ per edge for Meta; plus
  one name-resolution call per kind (the answers are cached in the state store);
- writes: ⌈operations / batch limit⌉ per account (Google 10,000 operations per mutate; Meta 50 per batch).

Each ``midas`` command is a process of its own, and so is each command here, run as the CLI runs it:
``validate`` (load and validate every spec: ``parse_validate``), ``apply`` (a plan on the empty accounts,
``plan_empty``, then its apply, as ``midas apply --auto-approve``) and ``plan`` (the no-change plan,
``plan_noop``). A command's Session (which reads the workspace) is built before its phases are timed. Peak
RSS is the largest of the three processes' peaks (each is reported).

Plans are measured as ``midas plan`` runs them (no ``--out``: the live state is not fingerprinted).

``--connector google_ads`` / ``meta_ads`` runs that platform's account on the real SDK connector against
its local wire fake (``tests/fakes``: gRPC for Google Ads, HTTP for the Graph API), served from this
process over a simulator of its own; the other account stays on the sandbox. The report then adds
``wire_requests``, what the fake received, next to the same physical minimum.

Targets (issue #2): API calls equal to the minimum; ``plan_noop`` CPU time within 5× of ``parse_validate``
at N = 10,000; peak memory ≤ 1 GiB.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
import types
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from midas_reconcile.resources import KIND_ORDER
from midas_reconcile.session import Session
from midas_reconcile.spec import load_workspace

T = TypeVar("T")

INTERESTS = ("Running", "Travel")

MIDAS_YAML = """\
version: 1
accounts:
  google-main: {platform: google, connector: sandbox, customer_id: "1234567890", currency: USD}
  meta-main: {platform: meta, connector: sandbox, ad_account_id: act_1234567890, currency: USD, pixel_id: 1}
"""
#: How midas.yaml points an account at its wire fake (``{target}`` is the fake's address).
WIRE_ACCOUNTS = {
    "google_ads": (
        "google-main",
        '{{platform: google, connector: google_ads, customer_id: "1234567890", currency: USD, credentials: '
        "{{developer_token_env: BENCH_GOOGLE_DEV_TOKEN, access_token_env: BENCH_GOOGLE_TOKEN}}}}",
    ),
    "meta_ads": (
        "meta-main",
        "{{platform: meta, connector: meta_ads, ad_account_id: act_1234567890, currency: USD, "
        'page_id: "1122334455", pixel_id: 1, graph_url: "{target}", '
        "credentials: {{access_token_env: BENCH_META_TOKEN, app_secret_env: BENCH_META_SECRET}}}}",
    ),
}
#: Test credentials of the fakes (not secrets: nothing real accepts them).
WIRE_ENV = {
    "BENCH_GOOGLE_DEV_TOKEN": "bench-developer-token",
    "BENCH_GOOGLE_TOKEN": "bench-access-token",
    "BENCH_META_TOKEN": "bench-meta-token",
    "BENCH_META_SECRET": "bench-meta-secret",
}
TESTS_DIR = Path(__file__).resolve().parents[1] / "tests"

CAMPAIGN = """\
apiVersion: midas/v1
kind: Campaign
metadata: {{name: bench-{i:06d}}}
spec:
  platforms: {{google: {{account: google-main}}, meta: {{account: meta-main}}}}
  objective: sales
  budget: {{daily: {budget}, currency: USD, split: {{by: share, google: 0.5, meta: 0.5}}}}
  targeting:
    ages: {{min: 25, max: 54}}
    genders: [female]
    locations: [US, CA]
    languages: [en]
    interests: [{interests}]
  ad_groups:
    - name: core
      keywords: [{{text: shoes {i}, match: exact}}, {{text: running gear {i}, match: phrase}}]
    - name: broad
      targeting: {{ages: {{min: 35, max: 64}}}}
      keywords: [{{text: sport {i}, match: broad}}]
  creatives:
    - name: main
      headlines: [Shop Spring Deals {i}, Fast Free Shipping, New Arrivals Daily]
      descriptions: [Everything for your next run, in one place., Free returns on every order, always.]
      final_url: https://shop.example.com/c/{i}
    - name: alt
      headlines: [Gear Up for Spring, Top Brands On Sale, Members Save More]
      descriptions: [Lightweight gear for every season and trail., Order today and get it this week.]
      final_url: https://shop.example.com/c/{i}/alt
"""


def build_workspace(root: Path, campaigns: int, wire: tuple[str, str] | None = None) -> None:
    (root / "specs").mkdir(parents=True)
    (root / "policies").mkdir()
    settings = MIDAS_YAML
    if wire is not None:
        connector, target = wire
        account, line = WIRE_ACCOUNTS[connector]
        lines = [
            f"  {account}: {line.format(target=target)}" if f"  {account}:" in row else row
            for row in settings.splitlines()
        ]
        # The fakes protect no real quota: pace as the sandbox does (the platforms' documented pace,
        # e.g. Meta's 10 write requests per second, would make the run mostly sleep). Tokens are requests:
        # Meta's are 50 to a full batch.
        google, meta = "{calls_per_second: 50, burst: 100}", "{calls_per_second: 2500, burst: 5000}"
        lines.append(f"rate_limits: {{google: {google}, meta: {meta}}}")
        settings = "\n".join(lines) + "\n"
    (root / "midas.yaml").write_text(settings)
    per_file = 100
    for start in range(0, campaigns, per_file):
        docs = [
            CAMPAIGN.format(i=i, budget=f"{20 + i % 50}.00", interests=", ".join(INTERESTS))
            for i in range(start, min(start + per_file, campaigns))
        ]
        (root / "specs" / f"batch-{start // per_file:05d}.yaml").write_text("---\n".join(docs))


def timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    """Result, wall seconds and CPU seconds of ``fn()``."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def peak_rss_mib() -> float:
    """This process's peak resident memory so far."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def call_counts(stats: dict[str, Any]) -> dict[str, dict[str, int]]:
    """{platform: {read, write}} API calls from the sandbox's counters."""
    out: dict[str, dict[str, int]] = {}
    for platform, accounts in stats["calls"].items():
        totals = out.setdefault(platform, {"read": 0, "write": 0})
        for per_kind in accounts.values():
            for kind in ("read", "write"):
                totals[kind] += sum(per_kind.get(kind, {}).values())
    return out


def write_operations(stats: dict[str, Any]) -> dict[str, int]:
    return {
        platform: sum(sum(per_kind.get("write", {}).values()) for per_kind in accounts.values())
        for platform, accounts in stats["operations"].items()
    }


def plan_reads_minimum(meta_objects: Counter[str], ad_groups: bool) -> dict[str, int]:
    """Reads one full plan needs: the Google labels and every Google resource type in one query each, but
    asset groups (with their links and assets) and page feeds, read only for an account with a Performance
    Max or a Dynamic Search Ads campaign, which the benchmark's workspace has none of, and the ad groups'
    bid modifiers, read only for an account with ad groups (``ad_groups``: after the apply); every Meta edge
    in ⌈objects / page size⌉ pages (at least one)."""
    meta_page = 500
    return {
        "google": 1
        + len([kind for kind in KIND_ORDER["google"] if kind not in ("asset_group", "ad_group_bid_modifier")])
        + (1 if ad_groups else 0),
        "meta": sum(max(1, math.ceil(meta_objects[kind] / meta_page)) for kind in KIND_ORDER["meta"]),
    }


def minimum_calls(plan_reads: list[dict[str, int]], ops: dict[str, int]) -> dict[str, dict[str, int]]:
    """The physical minimum for the plans' reads, the name lookups and one apply of ``ops`` writes."""
    # Names are resolved once, then cached: Google answers all interest names in one query; Meta's
    # targeting search takes one name per request.
    resolution = {"google": 1, "meta": len(INTERESTS)}
    batch = {"google": 10_000, "meta": 50}
    return {
        platform: {
            "read": sum(reads[platform] for reads in plan_reads) + resolution[platform],
            "write": math.ceil(ops[platform] / batch[platform]),
        }
        for platform in ("google", "meta")
    }


def session_for(root: Path) -> Session:
    return Session(root, state_url=f"sqlite:///{root}/.midas/state.db", actor="bench")


def validate_command(root: Path) -> dict[str, Any]:
    _, wall, cpu = timed(lambda: load_workspace(root))
    return {"timings_s": {"parse_validate": wall}, "cpu_s": {"parse_validate": cpu}}


def apply_command(root: Path) -> dict[str, Any]:
    session = session_for(root)
    session.factory.sandbox_world().reset_stats()
    empty, plan_wall, plan_cpu = timed(lambda: session.plan(fingerprints=False))
    result, apply_wall, apply_cpu = timed(functools.partial(session.apply, empty))
    if not result.ok:
        raise SystemExit(f"apply failed: {result.failures[:3]}")
    resources = len(empty.plan.actionable)
    session.close()
    return {
        "resources": resources,
        "timings_s": {"plan_empty": plan_wall, "apply": apply_wall},
        "cpu_s": {"plan_empty": plan_cpu, "apply": apply_cpu},
    }


def plan_command(root: Path) -> dict[str, Any]:
    session = session_for(root)
    noop, wall, cpu = timed(lambda: session.plan(fingerprints=False))
    if noop.plan.has_changes:
        raise SystemExit(f"plan after apply is not empty: {noop.plan.summary()}")
    live_kinds = Counter(
        c.before.address.kind for c in noop.plan.changes if c.before and c.address.platform == "meta"
    )
    stats = session.factory.sandbox_world().stats()
    session.close()
    return {
        "timings_s": {"plan_noop": wall},
        "cpu_s": {"plan_noop": cpu},
        "meta_live_kinds": dict(live_kinds),
        "calls": call_counts(stats),
        "operations": write_operations(stats),
    }


@contextlib.contextmanager
def google_routing(target: str | None) -> Iterator[None]:
    """In a command's process: send the Google Ads SDK's channels to the fake at ``target``."""
    if target is None:
        yield
        return
    sys.path.insert(0, str(TESTS_DIR))
    from fakes.google_ads_server import route_google_ads_to

    with route_google_ads_to(types.SimpleNamespace(target=target)):  # type: ignore[arg-type]
        yield


COMMANDS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "validate": validate_command,
    "apply": apply_command,
    "plan": plan_command,
}


def run_command(root: Path, command: str, google_target: str | None = None) -> dict[str, Any]:
    """Run one command in a fresh process (as the CLI would); its report with its peak RSS."""
    routing = ["--google-target", google_target] if google_target else []
    done = subprocess.run(
        [sys.executable, __file__, "--command", command, "--root", str(root), *routing],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **WIRE_ENV, "NO_PROXY": "127.0.0.1,localhost"},
    )
    if done.returncode != 0:
        raise SystemExit(f"the {command} command failed:\n{done.stderr[-4000:]}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


class WireFake:
    """A wire fake served from this process for one connector, over a simulated platform of its own."""

    def __init__(self, connector: str, root: Path) -> None:
        sys.path.insert(0, str(TESTS_DIR))
        from midas_reconcile.connectors.sandbox import SandboxWorld
        from midas_reconcile.resources import GOOGLE, META

        self.connector = connector
        self.world = SandboxWorld(root / "platform.db")
        if connector == "google_ads":
            from fakes import GoogleAdsFake

            self.world.register_account(GOOGLE, "1234567890", "USD")
            self.fake: Any = GoogleAdsFake(
                self.world,
                developer_token=WIRE_ENV["BENCH_GOOGLE_DEV_TOKEN"],
                access_token=WIRE_ENV["BENCH_GOOGLE_TOKEN"],
            ).start()
            self.address = self.fake.target
        else:
            from fakes import MetaGraphFake

            self.world.register_account(META, "1234567890", "USD")
            self.fake = MetaGraphFake(
                self.world,
                access_token=WIRE_ENV["BENCH_META_TOKEN"],
                app_secret=WIRE_ENV["BENCH_META_SECRET"],
            ).start()
            self.address = self.fake.url

    @property
    def google_target(self) -> str | None:
        return self.address if self.connector == "google_ads" else None

    def requests(self) -> dict[str, int]:
        """Requests the fake received, by method (Google) or HTTP method (Meta)."""
        return dict(Counter(r.method for r in self.fake.requests))

    def close(self) -> None:
        self.fake.close()
        self.world.close()


def _merge_stats(mine: dict[str, Any], wire: dict[str, Any]) -> None:
    """Add the wire fake's simulator counters to a command's sandbox counters."""
    for key in ("calls", "operations"):
        for platform, value in wire[key].items():
            mine[key][platform] = value


def run(campaigns: int, connector: str = "sandbox") -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="midas-bench-") as tmp:
        root = Path(tmp)
        wire = WireFake(connector, Path(tmp)) if connector != "sandbox" else None
        try:
            build_workspace(root / "ws", campaigns, (connector, wire.address) if wire else None)
            reports: dict[str, dict[str, Any]] = {}
            for command in COMMANDS:
                if wire is not None and command == "apply":
                    wire.world.reset_stats()
                    wire.fake.requests.clear()
                if wire is not None and command == "plan":
                    wire.fake.requests.clear()
                reports[command] = run_command(root / "ws", command, wire.google_target if wire else None)
            if wire is not None:
                stats = wire.world.stats()
                _merge_stats(
                    reports["plan"], {"calls": call_counts(stats), "operations": write_operations(stats)}
                )
                wire_requests = wire.requests()
        finally:
            if wire is not None:
                wire.close()
    timings = {k: round(v, 3) for r in reports.values() for k, v in r["timings_s"].items()}
    cpu = {k: round(v, 3) for r in reports.values() for k, v in r["cpu_s"].items()}
    plan = reports["plan"]
    plan_reads = [
        plan_reads_minimum(Counter(), ad_groups=False),
        plan_reads_minimum(Counter(plan["meta_live_kinds"]), ad_groups=True),
    ]
    peaks = {command: report["peak_rss_mib"] for command, report in reports.items()}
    report = {
        "campaigns": campaigns,
        "connector": connector,
        "resources": reports["apply"]["resources"],
        "timings_s": dict(sorted(timings.items())),
        "cpu_s": dict(sorted(cpu.items())),
        "plan_noop_cpu_vs_parse_validate": (
            round(cpu["plan_noop"] / cpu["parse_validate"], 2) if cpu["parse_validate"] else None
        ),
        "peak_rss_mib": max(peaks.values()),
        "peak_rss_mib_by_command": peaks,
        "write_operations": plan["operations"],
        "api_calls": plan["calls"],
        "api_calls_minimum": minimum_calls(plan_reads, plan["operations"]),
    }
    if wire is not None:
        report["wire_requests_in_no_change_plan"] = wire_requests
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--campaigns", type=int, default=1000, help="unified campaigns to generate")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--connector",
        choices=("sandbox", "google_ads", "meta_ads"),
        default="sandbox",
        help="run that platform's account on the SDK connector against its local wire fake",
    )
    parser.add_argument("--command", choices=sorted(COMMANDS), help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--google-target", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.command:  # one command's process (see run_command)
        with google_routing(args.google_target):
            report = COMMANDS[args.command](args.root)
        print(json.dumps({**report, "peak_rss_mib": peak_rss_mib()}))
        return 0
    report = run(args.campaigns, args.connector)
    if args.json:
        print(json.dumps(report, sort_keys=True))
    else:
        print(json.dumps(report, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
