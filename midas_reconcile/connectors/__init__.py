"""Connectors: the only I/O to ad platforms (sandbox, google_ads, meta_ads)."""
