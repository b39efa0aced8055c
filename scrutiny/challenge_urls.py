"""Challenge log URLs, mounted under /partnerships/<slug>/challenges/."""

from django.urls import path

from scrutiny.views import challenges

urlpatterns = [
    path("", challenges.challenge_list, name="challenge_list"),
    path("new/", challenges.challenge_create, name="challenge_create"),
    path("<int:challenge_pk>/", challenges.challenge_detail, name="challenge_detail"),
    path("<int:challenge_pk>/respond/", challenges.challenge_respond, name="challenge_respond"),
    path("<int:challenge_pk>/accept/", challenges.challenge_accept, name="challenge_accept"),
    path("<int:challenge_pk>/ask-again/", challenges.challenge_ask_again, name="challenge_ask_again"),
    path("<int:challenge_pk>/escalate/", challenges.challenge_escalate, name="challenge_escalate"),
]
