"""Meta custom audiences over the Graph API, through the ``facebook-business`` session of a
``MetaAdsConnector`` (its ``FacebookAdsApi.call``, so usage headers, credentials and the error
translation are the connector's).

* Read: ``GET act_<id>/customaudiences`` with the list fields, page by page (``after`` cursors); every
  subtype, so that audiences built outside MIDAS (website, lookalike, engagement audiences) are known by
  name too — campaigns target them as ``existing`` audiences, and MIDAS owns only those it applied.
* Write: ``POST act_<id>/customaudiences`` (create), ``POST /<id>`` (update), ``DELETE /<id>``.
* Members: ``POST`` / ``DELETE /<id>/users`` with ``payload`` and ``session`` JSON-encoded
  (``audience_wire.users_request``). The SDK sends a ``DELETE``'s parameters in the URL, so removals
  go in smaller requests (``REMOVE_ROWS_PER_REQUEST``) than additions (10,000 rows).
"""

from __future__ import annotations

from typing import Final

from facebook_business.api import FacebookAdsApi

from midas_reconcile.connectors import audience_wire as wire
from midas_reconcile.connectors.base import MemberBatch, QueryRetry, WriteOp, WriteResult, call_once
from midas_reconcile.connectors.meta_graph import PAGE_SIZE
from midas_reconcile.connectors.meta_pages import Translated, edge_nodes, page_reader
from midas_reconcile.errors import ConnectorError
from midas_reconcile.resources import META, AddressBook, Resource

#: Rows per ``DELETE /<id>/users``: about 200 bytes a row in the query string keeps URLs near 40 kB.
REMOVE_ROWS_PER_REQUEST: Final = 200
_FIELDS: Final = "id,name,description,customer_file_source,subtype"


class MetaAudiences:
    """The custom audiences of one ad account (``act``: ``act_<id>``)."""

    member_batch_size = wire.META_ROWS_PER_REQUEST
    member_remove_batch_size = REMOVE_ROWS_PER_REQUEST

    def __init__(self, api: FacebookAdsApi, act: str, account: str, translated: Translated) -> None:
        self._api = api
        self.act = act
        self.account = account
        self._translated = translated
        #: Graph write requests sent (``CountsWriteRequests``).
        self.write_requests = 0

    def read(self, retry: QueryRetry = call_once) -> list[Resource]:
        """Every custom audience of the account, each page one request through ``retry``."""
        book = AddressBook(META, self.account)
        what = f"reading the custom audiences of {self.act}"
        fetch = page_reader(self._api, self._translated, (self.act, "customaudiences"), what)
        return [
            wire.list_resource(book, node)
            for node in edge_nodes(fetch, {"fields": _FIELDS, "limit": PAGE_SIZE}, retry)
        ]

    def write(self, op: WriteOp) -> WriteResult:
        """One audience operation (one request)."""
        try:
            with self._translated(f"writing {op.address} to {self.act}", ambiguous=op.action == "create"):
                if op.action == "create":
                    params = wire.meta_audience_create(op.fields)
                    self.write_requests += 1
                    body = self._api.call("POST", (self.act, "customaudiences"), params=params).json()
                    return WriteResult(op.address, True, str(body["id"]))
                assert op.platform_id is not None
                if op.action == "delete":
                    self.write_requests += 1
                    self._api.call("DELETE", (op.platform_id,))
                elif changed := wire.list_fields(op.fields):  # member stand-ins alone change nothing
                    self.write_requests += 1
                    self._api.call("POST", (op.platform_id,), params=changed)
                return WriteResult(op.address, True, op.platform_id)
        except ConnectorError as exc:
            return WriteResult(op.address, False, op.platform_id, exc)

    def upload_members(self, platform_id: str, batch: MemberBatch) -> None:
        method, payload, session = wire.users_request(batch)
        with self._translated(f"sending {len(batch.rows)} audience member(s) to {platform_id}"):
            self._api.call(method, (platform_id, "users"), params={"payload": payload, "session": session})
