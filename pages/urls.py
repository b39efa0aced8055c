"""Every page's URL. The project's root URLs (project/urls.py) mount these."""

from django.urls import include, path

from pages.views import (
    accessibility,
    actions,
    board_summary,
    challenges,
    evidence,
    home,
    reports,
    reviews,
    statements,
    transfer,
)

evidence_patterns = [
    path("", evidence.evidence_list, name="evidence_list"),
    path("new/", evidence.evidence_create, name="evidence_create"),
    path("export.<str:fmt>", transfer.evidence_export, name="evidence_export"),
    path("<int:evidence_pk>/", evidence.evidence_detail, name="evidence_detail"),
    path("<int:evidence_pk>/edit/", evidence.evidence_edit, name="evidence_edit"),
    path("<int:evidence_pk>/withdraw/", evidence.evidence_withdraw, name="evidence_withdraw"),
    path("<int:evidence_pk>/grade/", evidence.evidence_grade, name="evidence_grade"),
    path(
        "<int:evidence_pk>/attachments/<int:attachment_pk>/",
        evidence.attachment_download,
        name="attachment_download",
    ),
]

review_patterns = [
    path("", reviews.review_list, name="review_list"),
    path("new/", reviews.review_create, name="review_create"),
    path("<int:review_pk>/", reviews.review_detail, name="review_detail"),
    path("<int:review_pk>/edit/", reviews.review_edit, name="review_edit"),
    path("<int:review_pk>/publish/", reviews.review_publish, name="review_publish"),
    path("<int:review_pk>/board-summary/", board_summary.board_summary_edit, name="board_summary_edit"),
    path("<int:review_pk>/judgements/<str:code>/", reviews.judgement_detail, name="judgement_detail"),
    path("<int:review_pk>/questions/<str:code>/", reviews.question_response_detail, name="question_response_detail"),
    path("<int:review_pk>/reports/new/", reports.report_request, name="report_request"),
]

challenge_patterns = [
    path("", challenges.challenge_list, name="challenge_list"),
    path("new/", challenges.challenge_create, name="challenge_create"),
    path("<int:challenge_pk>/", challenges.challenge_detail, name="challenge_detail"),
    path("<int:challenge_pk>/respond/", challenges.challenge_respond, name="challenge_respond"),
    path("<int:challenge_pk>/accept/", challenges.challenge_accept, name="challenge_accept"),
    path("<int:challenge_pk>/ask-again/", challenges.challenge_ask_again, name="challenge_ask_again"),
    path("<int:challenge_pk>/escalate/", challenges.challenge_escalate, name="challenge_escalate"),
]

action_patterns = [
    path("", actions.action_list, name="action_list"),
    path("new/", actions.action_create, name="action_create"),
    path("export.<str:fmt>", transfer.action_export, name="action_export"),
    path("import/", transfer.action_import, name="action_import"),
    path("import/template.<str:fmt>", transfer.action_import_template, name="action_import_template"),
    path("<int:action_pk>/", actions.action_detail, name="action_detail"),
    path("<int:action_pk>/edit/", actions.action_edit, name="action_edit"),
    path("<int:action_pk>/updates/", actions.action_update, name="action_update"),
    path("<int:action_pk>/verify/", actions.action_verify, name="action_verify"),
]

statement_patterns = [
    path("", statements.statement_list, name="statement_list"),
    path("new/", statements.statement_create, name="statement_create"),
    path("<int:statement_pk>/", statements.statement_detail, name="statement_detail"),
    path("<int:statement_pk>/edit/", statements.statement_edit, name="statement_edit"),
    path("<int:statement_pk>/reports/new/", statements.statement_report_request, name="statement_report_request"),
]

report_patterns = [
    path("", reports.report_detail, name="report_detail"),
    path("download/", reports.report_download, name="report_download"),
    path("download/docx/", reports.report_download_docx, name="report_download_docx"),
    path("retry/", reports.report_retry, name="report_retry"),
    path("sign-off/", reports.report_sign_off, name="report_sign_off"),
    path("sign-off/offer/", reports.report_offer_for_sign_off, name="report_offer_for_sign_off"),
]

partnership_patterns = [
    path("", home.partnership_overview, name="partnership_overview"),
    path("recommendations/<str:code>/", home.recommendation_detail, name="recommendation_detail"),
    path("agencies/", home.agency_matrix, name="agency_matrix"),
    path("evidence/", include(evidence_patterns)),
    path("reviews/", include(review_patterns)),
    path("statements/", include(statement_patterns)),
    path("challenges/", include(challenge_patterns)),
    path("actions/", include(action_patterns)),
    path("indicators/import/", include("pages.urls_indicator_import")),
    path("indicators/", include("pages.urls_indicators")),
    path("audits/", include("pages.urls_audit_rounds")),
    path("audits/", include("pages.urls_audit_moderation")),
    path("audits/", include("pages.urls_audit_results")),
    path("surveys/", include("pages.urls_survey_rounds")),
    path("surveys/", include("pages.urls_survey_results")),
    path("reports/<uuid:report_pk>/", include(report_patterns)),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("accessibility/", accessibility.accessibility_statement, name="accessibility"),
    path("partnerships/<slug:slug>/", include(partnership_patterns)),
    path("answer/", include("pages.urls_survey_answers")),
]
