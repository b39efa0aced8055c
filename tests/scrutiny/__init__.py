"""Tests of scrutiny/: reviews, judgements, challenges, reports, dashboards, charts and tasks."""
