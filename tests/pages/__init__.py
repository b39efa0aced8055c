"""Tests of pages/: what the pages show, their errors and markup, and their query counts."""
