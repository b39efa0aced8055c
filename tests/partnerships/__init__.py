"""Tests of partnerships/: memberships, evidence and attachments, the action plan, its import and export,
and the reading budget."""
