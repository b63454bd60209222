"""MIDAS: Google Ads and Meta Ads as code."""
