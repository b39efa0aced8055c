"""A round's results: pages/views/audit_results.py."""

from django.urls import path

from pages.views import audit_results

urlpatterns = [
    path("<int:round_pk>/results/", audit_results.audit_round_results, name="audit_round_results"),
]
