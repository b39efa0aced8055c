"""A round's results: pages/views/audit_results.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
