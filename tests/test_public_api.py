"""The package's public names: sorted, importable, and each one documented."""

from __future__ import annotations

from pathlib import Path

import midas_reconcile


def test_all_is_sorted_and_unique() -> None:
    assert midas_reconcile.__all__ == sorted(set(midas_reconcile.__all__))


def test_every_public_name_exists_and_is_documented() -> None:
    missing = [name for name in midas_reconcile.__all__ if not hasattr(midas_reconcile, name)]
    assert missing == []
    undocumented = [name for name in midas_reconcile.__all__ if not getattr(midas_reconcile, name).__doc__]
    assert undocumented == []


def test_importing_the_package_and_cli_does_not_load_the_ad_sdks() -> None:
    # In a fresh interpreter: other tests in this process load the SDKs on purpose.
    import subprocess
    import sys

    probe = (
        "import sys, midas_reconcile, midas_reconcile.cli, midas_reconcile.session; "
        "print(sorted({'google.ads.googleads', 'facebook_business'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_name_in_all_is_exported_lazily() -> None:
    assert sorted(midas_reconcile._EXPORTS) == midas_reconcile.__all__


def test_exported_names_are_not_shadowed_by_submodules() -> None:
    import importlib

    for name in midas_reconcile.__all__:
        assert importlib.util.find_spec(f"midas_reconcile.{name}") is None, name


def test_share_strings_keeps_values_and_makes_equal_text_one_object() -> None:
    import json

    from midas_reconcile.resources import Address, Resource, share_strings

    def read(status: str) -> Resource:
        fields = json.loads(json.dumps({"name": "x", "status": status, "labels": ["midas-managed"]}))
        return Resource(Address("google", "g", "ad_group", f"c/{status}"), fields)

    first, second = read("ENABLED"), read("ENABLED")
    assert first.fields["status"] is not second.fields["status"]
    before = [dict(first.fields), dict(second.fields)]
    share_strings([first, second])
    assert [first.fields, second.fields] == before
    assert first.fields["status"] is second.fields["status"]
    assert first.fields["labels"][0] is second.fields["labels"][0]


def test_python_dash_m_midas_reconcile_runs_the_midas_command_and_passes_its_exit_code(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    helped = subprocess.run(
        [sys.executable, "-m", "midas_reconcile", "--help"], capture_output=True, text=True, cwd=tmp_path
    )
    assert helped.returncode == 0 and "Usage:" in helped.stdout, helped.stderr
    # No workspace here: the command fails as ``midas`` does, with exit code 1.
    failed = subprocess.run(
        [sys.executable, "-m", "midas_reconcile", "validate"], capture_output=True, text=True, cwd=tmp_path
    )
    assert failed.returncode == 1, (failed.stdout, failed.stderr)
