"""Challenge log URLs, mounted under /partnerships/<slug>/challenges/."""

urlpatterns = []
