"""Fixed code tables the spec validator checks against (ISO 3166-1 alpha-2, ISO 639-1).

Shipped as data so validation never needs the network. Names → platform ids live in the targeting
mapper; here we only answer "is this a code at all".
"""

from __future__ import annotations

import difflib
import re
import zoneinfo
from functools import cache
from typing import Final

from midas_reconcile.spec._places import (
    DMA_CODES,
    google_geo_id,
    google_geo_problem,
    is_google_geo,
    is_radius,
    parse_place,
    parse_radius,
    place_shape_problem,
    radius_problem,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: ISO 3166-1 alpha-2 (all 249 assigned codes) plus XK (Kosovo), which both ad platforms target.
COUNTRIES: Final = _words(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
    BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
    ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT
    HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
    LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI
    NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG
    SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
    UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
    """
)

#: ISO 639-1 two-letter language codes.
LANGUAGES: Final = _words(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de
    dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id
    ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu
    lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu
    rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr
    ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """
)

#: Codes people commonly write that ISO spells differently.
COMMON_MISTAKES: Final = {"UK": "GB", "EL": "GR", "USA": "US", "UAE": "AE"}

_COUNTRY_SHAPE = re.compile(r"[A-Z]{2}")
_REGION_SHAPE = re.compile(r"([A-Z]{2})-[A-Z0-9]{1,3}")
_LANGUAGE_SHAPE = re.compile(r"[a-z]{2}")


def country_problem(code: str, *, assigned: bool = True) -> str | None:
    """Why ``code`` is not an ISO 3166-1 alpha-2 country code (a sentence tail after "found X"), or None.

    With ``assigned=False`` only the shape is checked (two capital letters).
    """
    if not _COUNTRY_SHAPE.fullmatch(code):
        return "; expected an ISO 3166-1 alpha-2 country code such as 'US'"
    if assigned and code not in COUNTRIES:
        hint = f"; did you mean {COMMON_MISTAKES[code]!r}?" if code in COMMON_MISTAKES else ""
        return f", which is not an assigned ISO 3166-1 alpha-2 country code{hint}"
    return None


def location_problem(code: str, *, assigned: bool = True) -> str | None:
    """Why ``code`` is not a location of the spec language, or None: a country (``US``), an ISO 3166-2
    region (``US-CA``), a city with its region or country (``San Francisco, US-CA``, ``Paris, FR``) or a
    postal code with its country (``US:94103``), a US DMA (``DMA:807``), or a radius around a city or a
    point (``25 mi around San Francisco, US-CA``), or a place of another kind by its Google geo target
    constant (``geoTargetConstants/9059413``); see ``spec._places``."""
    if is_google_geo(code):
        return google_geo_problem(code) or _google_geo_named_otherwise(code)
    if is_radius(code):
        shape = radius_problem(code)
        radius = parse_radius(code) if shape is None else None
        if assigned and radius is not None and radius.country is not None and radius.country not in COUNTRIES:
            return f"; {radius.country!r} is not an assigned ISO 3166-1 alpha-2 country code"
        return shape
    if "," in code or ":" in code:
        shape = place_shape_problem(code)
        if shape:
            return shape
        place = parse_place(code)
        country = place.country if place is not None else ""
        if assigned and country not in COUNTRIES:
            return f"; {country!r} is not an assigned ISO 3166-1 alpha-2 country code"
        return None
    region = _REGION_SHAPE.fullmatch(code)
    if region:
        country = region.group(1)
        if assigned and country not in COUNTRIES:
            return f"; {country!r} is not an assigned ISO 3166-1 alpha-2 country code"
        return None
    if "-" in code:
        return "; expected an ISO 3166-2 region code such as 'US-CA'"
    if not _COUNTRY_SHAPE.fullmatch(code):
        named = COMMON_MISTAKES.get(code) or _location_code_named(code)
        # YAML's flow list [San Francisco, US-CA] splits a city from its region: say how to keep them one.
        hint = f"; did you mean {named!r}?" if named else f"; {QUOTE_A_CITY}"
        return f"; expected {LOCATION_FORMS}{hint}"
    return country_problem(code, assigned=assigned)


def _google_geo_named_otherwise(code: str) -> str | None:
    """Why a Google geo target constant entry should be written as the country or DMA it is (``US``,
    ``DMA:807``: Meta targets those too), or None. Told by its id alone: a country's constant is 2000 plus
    its ISO 3166-1 numeric code, a DMA Region's 200000 plus its Nielsen code."""
    # Imported here: the targeting package imports the spec models this module checks values for.
    from midas_reconcile.targeting.tables import google_geo_to_iso

    geo_id = int(google_geo_id(code) or 0)
    named = google_geo_to_iso(code) or (f"DMA:{geo_id - 200_000}" if geo_id - 200_000 in DMA_CODES else None)
    if named is None:
        return None
    return (
        f", which is the {'DMA' if named.startswith('DMA:') else 'country'} {named!r}; expected it written "
        f"{named!r} (a place of another kind is written by its Google geo target constant)"
    )


#: The places a spec may name where it may name no radius.
PLACES_BUT_A_RADIUS: Final = "a country, region, city, postal code or DMA"
#: A radius a spec may exclude: around a city or a point (Meta's alone: a city with a radius, or a custom
#: location, in its excluded places).
EXCLUDED_RADIUS_EXAMPLE: Final = "'2 km around 37.7749,-122.4194'"
#: How to keep a city and its region one entry in YAML (a flow list splits them at the comma).
QUOTE_A_CITY: Final = (
    "a city and its region or country are one entry: quote it in a flow list, ['Austin, US-TX']"
)
#: The forms a location takes, for messages.
LOCATION_FORMS: Final = (
    "an ISO 3166-1 alpha-2 country code such as 'US', an ISO 3166-2 region code such as 'US-CA', a city "
    "with its region or country after a comma such as 'San Francisco, US-CA', a postal code after its "
    "country and a colon such as 'US:94103', a US Nielsen market such as 'DMA:807', a radius around a "
    "city or a point such as '25 mi around San Francisco, US-CA', or another kind of place by its Google geo "
    "target constant such as 'geoTargetConstants/9059413'"
)


def _location_code_named(text: str) -> str | None:
    """The code of the country or region whose English name ``text`` is, or nearly is (``California`` →
    ``US-CA``, ``Germny`` → ``DE``), else None."""
    # Imported here: the targeting package imports the spec models this module checks values for.
    from midas_reconcile.targeting.regions import SUBDIVISIONS
    from midas_reconcile.targeting.tables import countries

    by_name = {c.name.casefold(): c.alpha_2 for c in countries().values()}
    by_name.update({s.name.casefold(): s.code for s in SUBDIVISIONS})
    close = difflib.get_close_matches(text.casefold(), list(by_name), n=1, cutoff=0.8)
    return by_name[close[0]] if close else None


def language_problem(code: str, *, assigned: bool = True) -> str | None:
    """Why ``code`` is not an ISO 639-1 language code (two lower-case letters, and a known one), or None."""
    if not _LANGUAGE_SHAPE.fullmatch(code):
        return "; expected an ISO 639-1 language code such as 'en'"
    if assigned and code not in LANGUAGES:
        return ", which is not an ISO 639-1 language code"
    return None


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def time_zone_problem(name: str) -> str | None:
    """Why ``name`` is not an IANA time zone (a sentence tail after "found X"), or None.

    Without a time zone database on the machine every name is accepted rather than every name refused.
    """
    known = _time_zones()
    if not known or name in known:
        return None
    close = [zone for zone in known if zone.lower() == name.lower()]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"; expected an IANA time zone such as 'America/New_York' or 'UTC'{hint}"
