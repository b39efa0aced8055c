"""Spreadsheet import and export URLs, mounted under /partnerships/<slug>/."""

urlpatterns = []
