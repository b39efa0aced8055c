from django.urls import path

from accounts import views

urlpatterns = [
    path("two-factor/", views.manage, name="two_factor_manage"),
    path("two-factor/verify/", views.verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.enrol, name="two_factor_enrol"),
    path("two-factor/backup-codes/", views.backup_codes, name="two_factor_backup_codes"),
    path("two-factor/backup-codes/new/", views.renew_backup_codes, name="two_factor_backup_codes_renew"),
]
