"""Audit rounds, their cases and the agencies' returns: pages/views/audit_rounds.py and pages/views/audit_returns.py."""

from django.urls import path

from pages.views import audit_returns, audit_rounds

RETURN = "<int:round_pk>/cases/<int:case_pk>/returns/<int:agency_pk>/"

urlpatterns = [
    path("", audit_rounds.audit_round_list, name="audit_round_list"),
    path("new/", audit_rounds.audit_round_create, name="audit_round_create"),
    path("<int:round_pk>/", audit_rounds.audit_round_detail, name="audit_round_detail"),
    path("<int:round_pk>/edit/", audit_rounds.audit_round_edit, name="audit_round_edit"),
    path("<int:round_pk>/cases/new/", audit_rounds.audit_case_create, name="audit_case_create"),
    path("<int:round_pk>/cases/<int:case_pk>/", audit_rounds.audit_case_detail, name="audit_case_detail"),
    path("<int:round_pk>/cases/<int:case_pk>/edit/", audit_rounds.audit_case_edit, name="audit_case_edit"),
    path(RETURN, audit_returns.audit_return_edit, name="audit_return_edit"),
    path(f"{RETURN}reopen/", audit_returns.audit_return_reopen, name="audit_return_reopen"),
]
