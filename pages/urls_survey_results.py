"""A survey round's results, their export, and making them evidence: pages/views/survey_results.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
