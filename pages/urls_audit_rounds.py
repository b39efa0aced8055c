"""Audit rounds, their cases and the agencies' returns: pages/views/audit_rounds.py and pages/views/audit_returns.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
