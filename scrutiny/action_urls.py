"""Action plan URLs, mounted under /partnerships/<slug>/actions/."""

from django.urls import path

from scrutiny.views import actions

urlpatterns = [
    path("", actions.action_list, name="action_list"),
    path("new/", actions.action_create, name="action_create"),
    path("<int:action_pk>/", actions.action_detail, name="action_detail"),
    path("<int:action_pk>/edit/", actions.action_edit, name="action_edit"),
    path("<int:action_pk>/updates/", actions.action_update, name="action_update"),
    path("<int:action_pk>/verify/", actions.action_verify, name="action_verify"),
]
