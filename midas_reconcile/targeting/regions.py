"""ISO 3166-2 subdivisions (regions) MIDAS can name: code, English name and country.

``locations: [US-CA]`` in a spec is a subdivision code; the platforms know regions by their own ids and by
name, so the SDK connectors search them by name within the country (``find_subdivision``) and read ids
back into codes from the names the platforms report. Countries are in ``targeting.tables``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Subdivision:
    code: str  # ISO 3166-2, e.g. "US-CA"
    name: str
    country: str  # ISO 3166-1 alpha-2


_US_STATES: Final = [
    ("AK", "Alaska"), ("AL", "Alabama"), ("AR", "Arkansas"), ("AZ", "Arizona"), ("CA", "California"),
    ("CO", "Colorado"), ("CT", "Connecticut"), ("DC", "District of Columbia"), ("DE", "Delaware"),
    ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"), ("IA", "Iowa"), ("ID", "Idaho"),
    ("IL", "Illinois"), ("IN", "Indiana"), ("KS", "Kansas"), ("KY", "Kentucky"), ("LA", "Louisiana"),
    ("MA", "Massachusetts"), ("MD", "Maryland"), ("ME", "Maine"), ("MI", "Michigan"), ("MN", "Minnesota"),
    ("MO", "Missouri"), ("MS", "Mississippi"), ("MT", "Montana"), ("NC", "North Carolina"),
    ("ND", "North Dakota"), ("NE", "Nebraska"), ("NH", "New Hampshire"), ("NJ", "New Jersey"),
    ("NM", "New Mexico"), ("NV", "Nevada"), ("NY", "New York"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VA", "Virginia"),
    ("VT", "Vermont"), ("WA", "Washington"), ("WI", "Wisconsin"), ("WV", "West Virginia"), ("WY", "Wyoming"),
]  # fmt: skip
_CA_PROVINCES: Final = [
    ("AB", "Alberta"), ("BC", "British Columbia"), ("MB", "Manitoba"), ("NB", "New Brunswick"),
    ("NL", "Newfoundland and Labrador"), ("NS", "Nova Scotia"), ("NT", "Northwest Territories"),
    ("NU", "Nunavut"), ("ON", "Ontario"), ("PE", "Prince Edward Island"), ("QC", "Quebec"),
    ("SK", "Saskatchewan"), ("YT", "Yukon"),
]  # fmt: skip
_GB_NATIONS: Final = [("ENG", "England"), ("NIR", "Northern Ireland"), ("SCT", "Scotland"), ("WLS", "Wales")]
_AU_STATES: Final = [
    ("ACT", "Australian Capital Territory"), ("NSW", "New South Wales"), ("NT", "Northern Territory"),
    ("QLD", "Queensland"), ("SA", "South Australia"), ("TAS", "Tasmania"), ("VIC", "Victoria"),
    ("WA", "Western Australia"),
]  # fmt: skip
_DE_STATES: Final = [
    ("BW", "Baden-Württemberg"), ("BY", "Bavaria"), ("BE", "Berlin"), ("BB", "Brandenburg"),
    ("HB", "Bremen"), ("HH", "Hamburg"), ("HE", "Hesse"), ("NI", "Lower Saxony"),
    ("MV", "Mecklenburg-Vorpommern"), ("NW", "North Rhine-Westphalia"), ("RP", "Rhineland-Palatinate"),
    ("SL", "Saarland"), ("SN", "Saxony"), ("ST", "Saxony-Anhalt"), ("SH", "Schleswig-Holstein"),
    ("TH", "Thuringia"),
]  # fmt: skip

#: Country → its subdivisions (code without the country prefix, English name), in a stable order.
BLOCKS: Final = {"US": _US_STATES, "CA": _CA_PROVINCES, "GB": _GB_NATIONS, "AU": _AU_STATES, "DE": _DE_STATES}

SUBDIVISIONS: Final = tuple(
    Subdivision(f"{country}-{code}", name, country) for country, rows in BLOCKS.items() for code, name in rows
)
_INDEX: Final = {key.casefold(): s for s in SUBDIVISIONS for key in (s.code, s.name)}


def find_subdivision(name: str, country: str | None = None) -> Subdivision | None:
    """A subdivision by ISO 3166-2 code or English name, case-insensitively (within ``country`` if given)."""
    found = _INDEX.get(name.strip().casefold())
    if found is not None and country is not None and found.country != country.upper():
        return None
    return found
