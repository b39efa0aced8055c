"""Tests of audit/: access events, what they record and who may read them."""
