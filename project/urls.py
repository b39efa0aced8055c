from django.contrib import admin
from django.urls import include, path

from scrutiny.views import accessibility, pages, reports, reviews

review_patterns = [
    path("", reviews.review_list, name="review_list"),
    path("new/", reviews.review_create, name="review_create"),
    path("<int:review_pk>/", reviews.review_detail, name="review_detail"),
    path("<int:review_pk>/edit/", reviews.review_edit, name="review_edit"),
    path("<int:review_pk>/publish/", reviews.review_publish, name="review_publish"),
    path("<int:review_pk>/judgements/<str:code>/", reviews.judgement_detail, name="judgement_detail"),
    path("<int:review_pk>/questions/<str:code>/", reviews.question_response_detail, name="question_response_detail"),
    path("<int:review_pk>/reports/new/", reports.report_request, name="report_request"),
]

partnership_patterns = [
    path("", pages.partnership_overview, name="partnership_overview"),
    path("recommendations/<str:code>/", pages.recommendation_detail, name="recommendation_detail"),
    path("agencies/", pages.agency_matrix, name="agency_matrix"),
    path("evidence/", include("scrutiny.evidence_urls")),
    path("reviews/", include(review_patterns)),
    path("challenges/", include("scrutiny.challenge_urls")),
    path("actions/", include("scrutiny.action_urls")),
    path("", include("scrutiny.transfer_urls")),
    path("reports/<uuid:report_pk>/", reports.report_detail, name="report_detail"),
    path("reports/<uuid:report_pk>/download/", reports.report_download, name="report_download"),
    path("reports/<uuid:report_pk>/retry/", reports.report_retry, name="report_retry"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("accessibility/", accessibility.accessibility_statement, name="accessibility"),
    path("accounts/", include("accounts.urls")),
    path("partnerships/<slug:slug>/", include(partnership_patterns)),
    path("admin/", admin.site.urls),
]

# 403 and 404 are Django's own handlers, rendering templates/403.html and 404.html.
handler500 = "scrutiny.views.errors.server_error"
