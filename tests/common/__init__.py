"""Tests of common/: identifiers, forms, history, naming, emails and limits on text."""
