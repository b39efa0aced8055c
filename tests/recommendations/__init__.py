"""Tests of recommendations/: the framework loader and files, and the language guidance."""
