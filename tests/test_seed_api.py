"""The seed-named helpers of the Python API: thin compositions of the library's own functions."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from pydantic import ValidationError

from midas_reconcile import GoogleAdsConfig, MetaAdsConfig, TargetingMapper
from midas_reconcile.manager import _document
from midas_reconcile.spec import Targeting
from midas_reconcile.targeting import similarity

UNIFIED = Targeting(locations=["US", "CA"], ages={"min": 25, "max": 54}, languages=["en"], genders=["female"])


def test_map_google_to_meta_is_from_google_then_to_meta_keeping_both_legs_warnings() -> None:
    mapper = TargetingMapper()
    google = mapper.to_google(UNIFIED)
    mapped = mapper.map_google_to_meta(google)
    unified, warnings = mapper.from_google([c.fields for c in google.criteria])
    expected = mapper.to_meta(unified)
    assert mapped.spec == expected.spec and mapped.warnings == [*warnings, *expected.warnings]
    # Criterion objects and field dicts read from the API are accepted alike.
    assert mapper.map_google_to_meta(google.criteria).spec == mapped.spec
    assert mapper.map_google_to_meta([c.fields for c in google.criteria]).spec == mapped.spec
    assert mapped.spec["geo_locations"] == {"countries": ["CA", "US"]}
    assert (mapped.spec["age_min"], mapped.spec["age_max"]) == (25, 54)


def test_map_meta_to_google_round_trips_an_exact_targeting() -> None:
    mapper = TargetingMapper()
    meta = mapper.to_meta(UNIFIED)
    google = mapper.map_meta_to_google(meta.spec)
    assert [c.key for c in google.criteria] == [c.key for c in mapper.to_google(UNIFIED).criteria]


def test_calculate_similarity_is_similarity() -> None:
    other = Targeting(locations=["US"], ages={"min": 18, "max": 34})
    assert TargetingMapper().calculate_similarity(UNIFIED, other) == similarity(UNIFIED, other)
    assert TargetingMapper().calculate_similarity(UNIFIED, UNIFIED).total == 1.0


def test_a_short_config_and_a_whole_document_write_the_same_yaml() -> None:
    spec = {"objective": "sales", "budget": {"daily": Decimal("12.50"), "currency": "USD"}}
    short = _document("Campaign", {"name": "x", "labels": {"team": "a"}, **spec}, "specs")
    whole = _document("Campaign", {"metadata": {"name": "x", "labels": {"team": "a"}}, "spec": spec}, "specs")
    assert short == whole
    name, file, text = short
    assert (name, file) == ("x", "specs/x.yaml")
    assert yaml.safe_load(text)["spec"]["budget"]["daily"] == 12.5 and "daily: 12.50" in text


def test_platform_configs_validate_ids_and_hide_secrets() -> None:
    with pytest.raises(ValidationError, match="10 digits"):
        GoogleAdsConfig(customer_id="123-456-7890", developer_token="tok-SECRET")
    with pytest.raises(ValidationError, match="extra"):
        MetaAdsConfig(access_token="tok-SECRET", password="nope")  # type: ignore[call-arg]
    config = MetaAdsConfig(ad_account_id="act_1", access_token="tok-SECRET", app_secret="app-SECRET")
    assert "SECRET" not in repr(config) + str(config) + config.model_dump_json()
    assert config.secrets() == {"access_token": "tok-SECRET", "app_secret": "app-SECRET"}
