"""Moderating a round's cases, its findings and publishing it: pages/views/audit_moderation.py."""

from django.urls import path  # noqa: F401

urlpatterns = []
