"""Passwords: at least 12 characters and not on Django's list of about 20,000 common passwords,
wherever a password is chosen."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.support.builders import PASSWORD


def problems(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def test_eleven_characters_are_too_few():
    assert "at least 12 characters" in problems("tulip-ocean")


def test_twelve_uncommon_characters_are_enough():
    assert problems("tulip-ocean7") == ""


@pytest.mark.parametrize("common", ["qwerty123456", "qwertyqwerty", "telechargement"])
def test_common_passwords_of_twelve_or_more_are_refused(common):
    assert "too common" in problems(common)


def test_numbers_alone_are_refused():
    assert "entirely numeric" in problems("204867913578")


def test_a_new_password_on_the_change_form_is_held_to_the_rules(client, personas):
    client.force_login(personas["lead"])
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "qwerty123456", "new_password2": "qwerty123456"},
    )
    assert response.status_code == 200
    assert b"This password is too common" in response.content
    personas["lead"].refresh_from_db()
    assert personas["lead"].check_password(PASSWORD)
