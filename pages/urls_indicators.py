"""The partnership's indicators and their values: pages/views/indicators.py."""

urlpatterns = []
