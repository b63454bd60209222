"""Customer-list fields normalised and SHA-256-hashed by each platform's documented rules.

Sources: Google Ads API, Customer Match "normalize and hash" (``OfflineUserAddressInfo``, ``UserIdentifier``)
and Meta Marketing API, custom audience "hashing" (the ``EXTERN_ID/EMAIL/PHONE/FN/LN/COUNTRY/ZIP``
schema). Both platforms want the same e-mail, and differ elsewhere:

=========== ============================================ ==================================================
field       Google Customer Match                        Meta custom audience
=========== ============================================ ==================================================
email       trimmed, lower case, SHA-256                 trimmed, lower case, SHA-256
phone       E.164 *with* "+" (``+14155552671``), SHA-256 digits with country code, *no* "+", SHA-256
first/last  lower case, no punctuation, single spaces,   the same (Meta: "a-z lower case, no punctuation,
            SHA-256                                      UTF-8 for special characters"), SHA-256
country     ISO 3166-1 alpha-2 upper case, *not* hashed  ISO 3166-1 alpha-2 lower case, SHA-256
zip         *not* hashed; US: 5 digits, others as        lower case, no spaces or dashes; US: 5 digits;
            written (trimmed, upper case)                SHA-256
=========== ============================================ ==================================================

A value that cannot be normalised raises ``FieldProblem`` whose message never repeats the value: these
are personal data, and error messages end up in logs and CI output.
"""

from __future__ import annotations

import functools
import hashlib
import re
import string
import unicodedata
from typing import Final

from midas_reconcile.spec._codes import country_problem


class FieldProblem(ValueError):
    """A field that cannot be normalised; the message names what is wrong, never the value itself."""


# Deliberately loose (the platforms do the real matching): one @, no spaces, a dotted domain.
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_SEPARATORS: Final = str.maketrans("", "", " ()./-")
#: ASCII punctuation and symbols deleted; the fast path of ``name`` for ASCII text.
_ASCII_PUNCTUATION: Final = str.maketrans("", "", string.punctuation)
_US_ZIP: Final = re.compile(r"^([0-9]{5})(?:-?[0-9]{4})?$")
_ZIP_ALLOWED: Final = re.compile(r"^[0-9A-Za-z][0-9A-Za-z -]{0,11}$")

#: E.164: at most 15 digits with the country code; fewer than 8 is no real subscriber number.
E164_MIN_DIGITS: Final = 8
E164_MAX_DIGITS: Final = 15

#: Country calling codes (ITU-T E.164 assignments) of the countries whose national numbers we can
#: complete. A phone from elsewhere must be written internationally (with "+" or "00").
CALLING_CODES: Final[dict[str, str]] = {
    "AE": "971", "AR": "54", "AT": "43", "AU": "61", "BE": "32", "BG": "359", "BR": "55", "CA": "1",
    "CH": "41", "CL": "56", "CN": "86", "CO": "57", "CY": "357", "CZ": "420", "DE": "49", "DK": "45",
    "EE": "372", "EG": "20", "ES": "34", "FI": "358", "FR": "33", "GB": "44", "GR": "30", "HK": "852",
    "HR": "385", "HU": "36", "ID": "62", "IE": "353", "IL": "972", "IN": "91", "IS": "354", "IT": "39",
    "JP": "81", "KE": "254", "KR": "82", "LT": "370", "LU": "352", "LV": "371", "MA": "212", "MT": "356",
    "MX": "52", "MY": "60", "NG": "234", "NL": "31", "NO": "47", "NZ": "64", "PE": "51", "PH": "63",
    "PK": "92", "PL": "48", "PR": "1", "PT": "351", "RO": "40", "RS": "381", "SA": "966", "SE": "46",
    "SG": "65", "SI": "386", "SK": "421", "TH": "66", "TR": "90", "TW": "886", "UA": "380", "US": "1",
    "VN": "84", "ZA": "27",
}  # fmt: skip
#: Countries whose national numbers keep their leading 0 after the country code (no trunk prefix).
_KEEPS_LEADING_ZERO: Final = frozenset({"IT"})


def sha256_hex(value: str) -> str:
    """Lower-case hex SHA-256 of the UTF-8 bytes: the digest both platforms expect."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def email(value: str) -> str:
    """Trimmed and lower-cased (both platforms). Raises FieldProblem unless it looks like an address."""
    normal = value.strip().lower()
    if not _EMAIL.match(normal):
        raise FieldProblem("email is not an address of the form name@domain.tld")
    return normal


def country(value: str) -> str:
    """ISO 3166-1 alpha-2, upper case (``us`` → ``US``). Raises FieldProblem for unassigned codes."""
    return _country(value.strip().upper())


@functools.lru_cache(maxsize=1024)  # a country code is not personal data; lists repeat a few codes
def _country(code: str) -> str:
    if len(code) != 2 or not code.isascii() or not code.isalpha() or country_problem(code) is not None:
        raise FieldProblem("country is not an ISO 3166-1 alpha-2 code (e.g. US)")
    return code


def phone_digits(value: str, country_code: str | None) -> str:
    """The international number as digits (country code first, no "+"): ``+1 (415) 555-2671`` →
    ``14155552671``.

    Written with "+" or "00": taken as international. Otherwise national, completed with the calling
    code of ``country_code`` (the row's country) after dropping a trunk "0" (and a NANP "1"). Raises
    FieldProblem for letters (extensions), a national number without a known country, or a length
    outside E.164's 8–15 digits.
    """
    digits = value.strip().translate(_PHONE_SEPARATORS)
    plus = digits.startswith("+")
    if plus:
        digits = digits[1:]
    if not (digits.isascii() and digits.isdigit()):
        raise FieldProblem("phone has characters other than digits, spaces, ()./- and a leading +")
    if not plus and digits.startswith("00"):
        digits = digits[2:]
    elif not plus:
        digits = _international(digits, country_code)
    if not E164_MIN_DIGITS <= len(digits) <= E164_MAX_DIGITS or digits.startswith("0"):
        raise FieldProblem(
            f"phone is not an E.164 number ({E164_MIN_DIGITS}–{E164_MAX_DIGITS} digits with the country code)"
        )
    return digits


def _international(national: str, country_code: str | None) -> str:
    calling = CALLING_CODES.get(country_code or "")
    if calling is None:
        where = f"country {country_code}" if country_code else "a row without a country"
        raise FieldProblem(
            f"phone has no country code and none is known for {where}; write it with + and its country code"
        )
    if calling == "1" and len(national) == 11 and national.startswith("1"):
        return national
    if national.startswith("0") and country_code not in _KEEPS_LEADING_ZERO:
        national = national[1:]
    return calling + national


def name(value: str) -> str:
    """Lower case, punctuation and symbols removed, whitespace collapsed (NFC, so that "é" written
    either way hashes alike). Raises FieldProblem when nothing is left."""
    if value.isascii():
        kept = value.lower().translate(_ASCII_PUNCTUATION)
    else:
        text = unicodedata.normalize("NFC", value).lower()
        kept = "".join(c for c in text if unicodedata.category(c)[0] not in "PS")
    normal = " ".join(kept.split())
    if not normal:
        raise FieldProblem("name has no letters")
    return normal


def zip_code(value: str, country_code: str | None) -> str:
    """Trimmed and upper case; a US zip is its first 5 digits (``94043-1351`` → ``94043``).

    Raises FieldProblem for a malformed US zip or, elsewhere, characters other than letters, digits,
    spaces and dashes (or more than 12 of them).
    """
    text = value.strip().upper()
    if country_code == "US":
        match = _US_ZIP.match(text)
        if match is None:
            raise FieldProblem("zip is not a US ZIP code (5 digits, optionally -4 more)")
        return match.group(1)
    if not _ZIP_ALLOWED.match(text):
        raise FieldProblem("zip has characters other than letters, digits, spaces and dashes")
    return text


def meta_zip(normal_zip: str) -> str:
    """Meta's zip: lower case without spaces or dashes (from the form ``zip_code`` returns)."""
    return normal_zip.lower().replace(" ", "").replace("-", "")
