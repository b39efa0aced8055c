"""Links in the emails Django's own views send (the password reset): built from SITE_URL.

Django's PasswordResetForm gives its templates `protocol` and `domain` from the request, whose Host
header the sender chooses; these templates use `{% site_link %}` instead.
"""

from django import template
from django.urls import reverse

from common.emails import site_link as absolute

register = template.Library()


@register.simple_tag
def site_link(view_name, *args, **kwargs):
    """`{% site_link 'password_reset_confirm' uidb64=uid token=token %}`: SITE_URL + the view's path."""
    return absolute(reverse(view_name, args=args, kwargs=kwargs))
