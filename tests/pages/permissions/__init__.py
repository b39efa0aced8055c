"""The permission tables: every URL of the site against every persona (tests/support/permission_table.py)."""
