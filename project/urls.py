from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pages.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

# 403 and 404 are Django's own handlers, rendering templates/403.html and 404.html.
handler500 = "pages.views.errors.server_error"
