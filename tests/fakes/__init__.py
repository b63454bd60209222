"""Wire fakes: the sandbox simulators behind local servers, so the real SDK connectors run end to end.

``tests/`` is on ``sys.path`` when pytest collects (its ``conftest.py`` sits there without a package
``__init__``), so tests import these as ``from fakes import MetaGraphFake, GoogleAdsFake``.
"""

from fakes.google_ads_server import GoogleAdsFake, RecordedCall
from fakes.meta_graph_server import MetaGraphFake, RecordedRequest

__all__ = ["GoogleAdsFake", "MetaGraphFake", "RecordedCall", "RecordedRequest"]
