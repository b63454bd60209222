"""The product groups of a Shopping ad group (``google.product_groups``): its listing group tree, its rules.

Google's product groups are a tree of listing group criteria (v26 ListingGroupInfo, type SUBDIVISION or
UNIT: developers.google.com/google-ads/api/docs/shopping-ads/create-listing-groups): the root, all products,
is split by one product attribute (a v26 ListingDimensionInfo case value) into a group per value and the
"Everything else" group (a case value of the dimension without a value), each a unit (biddable, or
excluded: a negative unit) or split again. The rules, each a v26 criterion_error:

* every split has its "everything else" group (LISTING_GROUP_SUBDIVISION_REQUIRES_OTHERS_CASE) and the
  groups it splits into share its dimension (LISTING_GROUP_REQUIRES_SAME_DIMENSION_TYPE_AS_SIBLINGS: one
  ``split_by`` per split says so), each value once (DUPLICATE_LISTING_DIMENSION_VALUE);
* only units bid (CANNOT_SET_BIDS_ON_LISTING_GROUP_SUBDIVISION); an excluded unit is a negative criterion,
  which has no bid;
* "A listing group tree can be no more than seven levels deep" (LISTING_GROUP_TREE_TOO_DEEP) and an ad
  group holds "up to 20,000 product groups" (developers.google.com/google-ads/shopping/full-automation/
  articles/t20); MIDAS makes a tree in one mutate request, which holds at most 10,000 operations, so it
  takes at most 10,000;
* product type and product category levels are "used in ascending order of their levels: L1, L2, L3, L4,
  L5 … sequentially and start from L1", and an "others" group "cannot be subdivided with a dimension of the
  same type but of a higher level" (INVALID_LISTING_DIMENSION_TYPE); a value "can not contain '==' or '&+'"
  (INVALID_LISTING_DIMENSION).

Text values (brands, item ids, custom labels, product types) are matched case-insensitively by Google's
Shopping product partitions (believed, from the Google Ads UI and the AdWords API's ProductDimension docs;
not confirmed in the v26 reference): MIDAS keeps them lower-cased, so two spellings of one value are one
value, and a console's capitals are no drift.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Final, get_args

from midas_reconcile.spec._yaml import PathKey
from midas_reconcile.spec.models import Money, ProductDimension, ProductGroup

Add = Callable[[PathKey, str], None]

#: Every dimension a product group splits by, in the spec's order.
DIMENSIONS: Final[tuple[str, ...]] = get_args(ProductDimension)
#: The dimensions whose values are words of an enum (v26 ProductConditionEnum, ProductChannelEnum).
WORDS: Final[dict[str, tuple[str, ...]]] = {
    "condition": ("new", "refurbished", "used"),
    "channel": ("online", "local"),
}
#: The dimensions whose values are Google product category ids (v26 ProductCategoryInfo.category_id).
CATEGORY: Final = "category"
PRODUCT_TYPE: Final = "product_type"
#: Levels of a tree, the root (all products) included.
MAX_DEPTH: Final = 7
#: Product groups (nodes) of one ad group's tree: Google takes 20,000, but MIDAS makes (and rewrites) a tree
#: in one mutate request, of at most 10,000 operations (``connectors.google_schema``).
MAX_GROUPS: Final = 10_000
#: What a dimension value cannot contain (v26 criterion_error.INVALID_LISTING_DIMENSION).
_FORBIDDEN: Final = ("==", "&+")


def levelled(dimension: str) -> tuple[str, int] | None:
    """``product_type_l3`` → ("product_type", 3), ``category_l1`` → ("category", 1); None for the others."""
    family, _, level = dimension.rpartition("_l")
    return (family, int(level)) if family in (PRODUCT_TYPE, CATEGORY) and level.isdigit() else None


def value_key(dimension: str, value: str) -> str:
    """A value as MIDAS keeps it: a category id without leading zeros, anything else lower-cased (text
    values match case-insensitively; words are the spec's lower-case ones)."""
    if (levelled(dimension) or ("",))[0] == CATEGORY and value.isdigit():
        return str(int(value))
    return value.lower()


def value_problem(dimension: str, value: str) -> str | None:
    """Why ``value`` cannot be a value of ``dimension`` (None when it can)."""
    if not value:
        return "found an empty value; expected the value products are grouped by"
    if dimension in WORDS:
        if value.lower() not in WORDS[dimension]:
            return f"found {value!r}; a {dimension} is one of {', '.join(WORDS[dimension])}"
        return None
    if (levelled(dimension) or ("",))[0] == CATEGORY:
        if not value.isdigit() or int(value) == 0:
            return (
                f"found {value!r}; a {dimension} value is a Google product category id (digits, such as "
                "187 for Shoes)"
            )
        return None
    bad = next((s for s in _FORBIDDEN if s in value), None)
    if bad is not None:
        return f"found {value!r}, which contains {bad!r}; Google refuses a product group value with it"
    return None


def check_product_groups(
    add: Add, path: PathKey, tree: ProductGroup, default_bid: Money | None, manual_cpc: bool
) -> None:
    """Every rule of one ad group's ``product_groups`` (at ``path``), at the offending node; ``default_bid``
    is the ad group's ``cpc_bid``, which its units without a bid of their own take."""
    if tree.split_by is None:
        add(
            (*path, "split_by"),
            "found product_groups without split_by; one group of all products is the ad group's own "
            "(google.cpc_bid): expected split_by, the product attribute to group products by",
        )
        return
    checker = _Checker(add, default_bid, manual_cpc)
    checker.node(path, tree, (), 1)
    if checker.groups > MAX_GROUPS:
        add(
            path,
            f"found {checker.groups} product groups; MIDAS makes a tree in one request of at most "
            f"{MAX_GROUPS} operations (Google allows an ad group 20,000): expected at most {MAX_GROUPS}",
        )


def check_product_filter(add: Add, path: PathKey, tree: ProductGroup) -> None:
    """Every rule of a Demand Gen ad group's ``product_groups`` (at ``path``): the products of its
    campaign's Merchant Center account it shows. The tree's rules are a Shopping tree's, but nothing bids
    (a Demand Gen campaign's bidding is its own: believed, unconfirmed, that Google takes no bid on its
    listing groups), and the root alone (``{}``) is all products, never excluded."""
    if tree.split_by is None and tree.exclude:
        add(
            (*path, "exclude"),
            "found exclude on all products; a product filter that shows none would leave the ad "
            "group's product ads nothing to show: expected split_by and exclude: true on the groups it "
            "splits into",
        )
    if tree.split_by is not None and _shows_none(tree):
        add(
            path,
            "found every group of the product filter excluded; it would show none of the products, leaving "
            "the ad group's product ads nothing to show: expected at least one group shown, written without "
            "exclude: true (as `a: {}`)",
        )
    checker = _Checker(add, None, manual_cpc=False, bids=False)
    checker.node(path, tree, (), 1)
    if checker.groups > MAX_GROUPS:
        add(path, f"found {checker.groups} product groups; expected at most {MAX_GROUPS}")


def _shows_none(node: ProductGroup) -> bool:
    """Whether every product of ``node`` is excluded: it is an excluded unit, or a split each of whose
    groups (its everything-else too: none means a group shown) shows none."""
    if node.split_by is None:
        return node.exclude
    return (
        node.everything_else is not None
        and _shows_none(node.everything_else)
        and all(_shows_none(child) for child in node.values.values())
    )


def product_group_bids(path: PathKey, tree: ProductGroup | None) -> Iterator[tuple[PathKey, Money]]:
    """Every ``cpc_bid`` of a tree (at ``path``), with where it is written."""
    if tree is None:
        return
    if tree.cpc_bid is not None:
        yield (*path, "cpc_bid"), tree.cpc_bid
    for value, child in tree.values.items():
        yield from product_group_bids((*path, "values", value), child)
    yield from product_group_bids((*path, "everything_else"), tree.everything_else)


class _Checker:
    def __init__(self, add: Add, default_bid: Money | None, manual_cpc: bool, bids: bool = True) -> None:
        self.add = add
        self.default_bid = default_bid
        self.manual_cpc = manual_cpc
        #: Whether a group may bid (a Shopping tree's) or not (a Demand Gen product filter's).
        self.bids = bids
        self.groups = 0

    def no_bid(self, path: PathKey, node: ProductGroup) -> bool:
        """Report a bid of a tree that takes none; whether there was one."""
        if self.bids or node.cpc_bid is None:
            return False
        self.add(
            (*path, "cpc_bid"),
            "found cpc_bid; a Demand Gen ad group's product filter bids nothing (the campaign's bidding "
            "strategy sets its bids): expected the group without cpc_bid (exclude: true to show none of it)",
        )
        return True

    def node(
        self, path: PathKey, node: ProductGroup, ancestry: tuple[tuple[str, bool], ...], level: int
    ) -> None:
        """One product group at tree ``level`` (the root is 1), under splits ``ancestry`` ((dimension,
        whether through a value rather than everything else), root first)."""
        self.groups += 1
        if node.split_by is None:
            self.unit(path, node)
            return
        add, dimension = self.add, node.split_by
        if not self.no_bid(path, node) and node.cpc_bid is not None:
            add(
                (*path, "cpc_bid"),
                f"found cpc_bid on a group split by {dimension}; Google bids on the groups a split makes, "
                "never on the split: expected the bids on its values and everything_else",
            )
        if node.exclude:
            add(
                (*path, "exclude"),
                f"found exclude on a group split by {dimension}; expected exclude: true on the groups it "
                "splits into, or no split",
            )
        if level >= MAX_DEPTH:
            add(
                (*path, "split_by"),
                f"found a split at level {level}; a product group tree is at most {MAX_DEPTH} levels deep "
                "(all products the first): expected fewer splits",
            )
            return
        self.dimension(path, dimension, ancestry)
        if not node.values:
            add(
                (*path, "values"),
                f"found no values; a group split by {dimension} splits into a group per value: expected "
                "values",
            )
        seen: dict[str, str] = {}
        for value, child in node.values.items():
            at: PathKey = (*path, "values", value)
            problem = value_problem(dimension, value)
            key = value_key(dimension, value)
            if problem is not None:
                add(at, problem)
            elif key in seen:
                add(
                    at,
                    f"found {value!r} and {seen[key]!r}, one {dimension} (values compare "
                    "case-insensitively): expected each value once",
                )
            seen.setdefault(key, value)
            self.node(at, child, (*ancestry, (dimension, True)), level + 1)
        if node.everything_else is None:
            add(
                path,
                f"found a split by {dimension} without everything_else; every split has a group for the "
                "products of no value listed (Google's 'Everything else'): expected everything_else",
            )
        else:
            self.node(
                (*path, "everything_else"), node.everything_else, (*ancestry, (dimension, False)), level + 1
            )

    def unit(self, path: PathKey, node: ProductGroup) -> None:
        add = self.add
        if node.values:
            add(
                (*path, "values"),
                "found values without split_by; expected split_by, the attribute they are of",
            )
        if node.everything_else is not None:
            add((*path, "everything_else"), "found everything_else without split_by; expected split_by")
        if not self.no_bid(path, node) and node.exclude and node.cpc_bid is not None:
            add(
                (*path, "cpc_bid"),
                "found cpc_bid on an excluded product group; excluded products get no bid: expected one "
                "of cpc_bid and exclude",
            )
        if self.manual_cpc and not node.exclude and node.cpc_bid is None and self.default_bid is None:
            add(
                path,
                "found no cpc_bid; a product group of an ad group bidding manual CPC needs a max CPC: "
                "expected cpc_bid here (or the ad group's google.cpc_bid) or exclude: true",
            )

    def dimension(self, path: PathKey, dimension: str, ancestry: tuple[tuple[str, bool], ...]) -> None:
        """A split's dimension against the splits above it: once per branch, levels in order."""
        at: PathKey = (*path, "split_by")
        level = levelled(dimension)
        if level is None:
            if any(d == dimension for d, _ in ancestry):
                self.add(
                    at,
                    f"found {dimension} split again below a split by {dimension}: expected another attribute",
                )
            return
        family, number = level
        above = [(levelled(d) or ("", 0))[1] for d, _ in ancestry if (levelled(d) or ("",))[0] == family]
        through_value = [via for d, via in ancestry if (levelled(d) or ("",))[0] == family]
        if above != list(range(1, number)) or (above and not through_value[-1]):
            expected = (
                f"no other {family} split above it"
                if number == 1
                else f"a value of a split by {family}_l{number - 1} above it"
            )
            self.add(
                at,
                f"found {dimension}; {family} levels split in order, from level 1, each below a value of the "
                f"level before (not its everything_else): expected {expected}",
            )
