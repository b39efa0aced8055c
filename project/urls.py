from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import forms
from accounts.views import SignInView
from scrutiny.views import accessibility, pages, reports, reviews

account_patterns = [
    path(
        "sign-in/",
        SignInView.as_view(template_name="accounts/sign_in.html", authentication_form=forms.SignInForm),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html", form_class=forms.ChangePasswordForm
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            form_class=forms.ResetPasswordForm,
            email_template_name="accounts/email/password_reset.txt",
            html_email_template_name="accounts/email/password_reset.html",
            subject_template_name="accounts/email/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html", form_class=forms.SetNewPasswordForm
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

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
    path("accounts/", include(account_patterns)),
    path("accessibility/", accessibility.accessibility_statement, name="accessibility"),
    path("accounts/", include("accounts.urls")),
    path("partnerships/<slug:slug>/", include(partnership_patterns)),
    path("admin/", admin.site.urls),
]

# 403 and 404 are Django's own handlers, rendering templates/403.html and 404.html.
handler500 = "scrutiny.views.errors.server_error"
