"""Tests of operations/: backup and restore, and the demo."""
