"""Benchmark ``midas audiences overlap`` on a 1,000,000-row and a 400,000-row customer list, end to end.

    python benchmarks/bench_audiences.py [--rows-a 1000000] [--rows-b 400000] [--workers N] [--json]

Writes two synthetic CSVs (email, phone, first_name, last_name, country, zip; mixed-case e-mails with
stray spaces, national US phone numbers, ZIP+4 codes, one bad row in 1,000) into a temporary workspace
whose specs declare them as Audiences, then runs, in this process, what the CLI runs:

- ``exact``: ``midas audiences overlap a b --format json`` — read, validate, normalise and key both
  lists, exact overlap;
- ``sketch``: ``midas audiences overlap a b --sketch --format json`` on a fresh state store — the same
  reading, plus building, storing and intersecting Theta sketches (lg_k 16).

Wall and CPU time (this process plus its workers) are both reported: on a shared machine the CPU time
divided by the cores says what an idle machine would take.

Half of list B is in list A (200,000 shared members at the default sizes), known by construction.
Targets (issue #7, point 10): ``exact`` ≤ 5 s and ≤ 500 MiB peak RSS; the sketch's intersection within
3 % of the exact one. Peak RSS is reported for this process and for the largest worker process (workers
are forked from it and share its pages, so their sum overstates the total).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from midas_reconcile.cli import App, main

MIDAS_YAML = """\
version: 1
accounts:
  google-main: {platform: google, connector: sandbox, customer_id: "1234567890", currency: USD}
"""
AUDIENCES = """\
apiVersion: midas/v1
kind: Audience
metadata: {name: a}
spec:
  customer_list: {path: data/a.csv, consent: {attested: true, attested_by: benchmark}}
---
apiVersion: midas/v1
kind: Audience
metadata: {name: b}
spec:
  customer_list: {path: data/b.csv, consent: {attested: true, attested_by: benchmark}}
"""
FIRST_NAMES = ("Ann", "José", "Mary-Kate", "Li", "O'Brien", "Zoë")
HEADER = "email,phone,first_name,last_name,country,zip\n"


def write_list(path: Path, members: list[range], shared: range) -> None:
    """One row per member number; every 1,000th member outside ``shared`` gets a malformed e-mail."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        lines = []
        for i in (i for part in members for i in part):
            bad = i % 1000 == 999 and i not in shared
            email = f"bad{i}@" if bad else f" Customer.{i}@Example.COM "
            lines.append(
                f"{email},({200 + i % 700}) {i % 1000:03d}-{i % 10000:04d},{FIRST_NAMES[i % 6]},"
                f"Smith,US,{10000 + i % 89999}-{i % 10000:04d}\n"
            )
            if len(lines) == 50_000:
                handle.writelines(lines)
                lines.clear()
        handle.writelines(lines)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_cli(root: Path, state_url: str, *args: str) -> tuple[float, float, dict[str, Any]]:
    out = io.StringIO()
    started, cpu = time.perf_counter(), cpu_seconds()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(["-C", str(root), "--state-url", state_url, "audiences", "overlap", *args], app=App())
    elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    if code != 0:
        raise SystemExit(f"midas audiences overlap {' '.join(args)} failed with exit code {code}")
    (pair,) = json.loads(out.getvalue())["overlaps"]
    return elapsed, cpu, pair


def main_bench(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows-a", type=int, default=1_000_000)
    parser.add_argument("--rows-b", type=int, default=400_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    shared = args.rows_b // 2
    with tempfile.TemporaryDirectory(prefix="midas-bench-aud-") as folder:
        root = Path(folder)
        (root / "midas.yaml").write_text(MIDAS_YAML, encoding="utf-8")
        (root / "specs").mkdir()
        (root / "specs" / "audiences.yaml").write_text(AUDIENCES, encoding="utf-8")
        (root / "data").mkdir()
        started = time.perf_counter()
        # B: its first half are A's last members (shared), its second half new members (from 10**7).
        both = range(args.rows_a - shared, args.rows_a)
        write_list(root / "data" / "a.csv", [range(args.rows_a)], both)
        write_list(root / "data" / "b.csv", [both, range(10**7, 10**7 + args.rows_b - shared)], both)
        generated = time.perf_counter() - started
        sizes = {name: (root / "data" / f"{name}.csv").stat().st_size for name in ("a", "b")}

        exact_s, exact_cpu, exact = run_cli(
            root, f"sqlite:///{root}/.midas/exact.db", "a", "b", "--format", "json"
        )
        main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        sketch_s, sketch_cpu, sketch = run_cli(
            root, f"sqlite:///{root}/.midas/sketch.db", "a", "b", "--sketch", "--format", "json"
        )
    error = abs(sketch["intersection"] - exact["intersection"]) / max(exact["intersection"], 1)
    result = {
        "rows": {"a": args.rows_a, "b": args.rows_b, "shared_by_construction": shared},
        "file_mib": {k: round(v / 2**20, 1) for k, v in sizes.items()},
        "generate_s": round(generated, 2),
        "exact": {
            "seconds": round(exact_s, 2),
            "cpu_seconds": round(exact_cpu, 2),
            "size_a": exact["size_a"],
            "size_b": exact["size_b"],
            "intersection": exact["intersection"],
            "jaccard": exact["jaccard"],
            "overlap_percentage": exact["overlap_percentage"],
            "efficiency_score": exact["efficiency_score"],
        },
        "sketch": {
            "seconds": round(sketch_s, 2),
            "cpu_seconds": round(sketch_cpu, 2),
            "intersection": sketch["intersection"],
            "bounds": sketch["intersection_bounds"],
            "relative_error": round(error, 5),
        },
        "peak_rss_mib": {"main": round(main_peak, 1), "largest_worker": round(worker_peak, 1)},
        "targets": {
            "exact_within_5_s": exact_s <= 5,
            "peak_within_500_mib": main_peak <= 500 and worker_peak <= 500,
            "sketch_within_3_pct": error <= 0.03,
            "exact_equals_construction": exact["intersection"] == shared,
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        e, s, p = result["exact"], result["sketch"], result["peak_rss_mib"]
        print(f"lists: {args.rows_a:,} rows ({sizes['a'] / 2**20:.0f} MiB) and {args.rows_b:,} rows")
        print(
            f"exact:  {e['seconds']:.2f} s ({e['cpu_seconds']:.1f} CPU-s)  |A|={e['size_a']:,} "
            f"|B|={e['size_b']:,} |A∩B|={e['intersection']:,} Jaccard={e['jaccard']:.4f}"
        )
        print(
            f"sketch: {s['seconds']:.2f} s ({s['cpu_seconds']:.1f} CPU-s)  |A∩B|≈{s['intersection']:,} "
            f"(error {100 * s['relative_error']:.2f} %)"
        )
        print(f"peak RSS: main {p['main']:.0f} MiB, largest worker {p['largest_worker']:.0f} MiB")
        print("targets:", ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in result["targets"].items()))
    return result


if __name__ == "__main__":
    outcome = main_bench(sys.argv[1:])
    sys.exit(0 if all(outcome["targets"].values()) else 1)
