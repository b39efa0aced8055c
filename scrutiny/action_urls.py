"""Action plan URLs, mounted under /partnerships/<slug>/actions/."""

urlpatterns = []
