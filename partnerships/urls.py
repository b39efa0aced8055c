"""Evidence URLs, mounted under /partnerships/<slug>/evidence/."""

urlpatterns = []
