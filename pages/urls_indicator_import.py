"""Importing indicator values from spreadsheets: pages/views/indicator_import.py."""

urlpatterns = []
