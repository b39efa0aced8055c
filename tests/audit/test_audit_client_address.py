"""The audit log's client address: REMOTE_ADDR, or behind a proxy the entry the proxy added."""

import pytest
from django.test import override_settings

from audit.records import client_ip
from tests.support.environment import run_settings

BEHIND_ONE_PROXY = {"AUDIT_CLIENT_IP_HEADER": "X-Forwarded-For", "AUDIT_TRUSTED_PROXIES": 1}


def test_without_a_proxy_the_connecting_address_is_used(rf):
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "198.51.100.7"


@override_settings(**BEHIND_ONE_PROXY)
def test_behind_a_proxy_the_address_it_appended_is_used_not_one_the_client_sent(rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"


@override_settings(AUDIT_CLIENT_IP_HEADER="X-Forwarded-For", AUDIT_TRUSTED_PROXIES=2)
def test_behind_two_proxies_the_second_entry_from_the_right_is_used(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.3")
    assert client_ip(request) == "203.0.113.9"


@override_settings(**BEHIND_ONE_PROXY)
@pytest.mark.parametrize("header", ["", "not-an-address", "  ,  "])
def test_a_missing_or_malformed_header_records_no_address(rf, header):
    assert client_ip(rf.get("/", HTTP_X_FORWARDED_FOR=header)) is None


def test_ipv6_is_recorded_in_its_short_form(rf):
    assert client_ip(rf.get("/", REMOTE_ADDR="2001:0db8:0000:0000:0000:0000:0000:0001")) == "2001:db8::1"


def test_start_up_stops_when_no_proxy_is_trusted():
    # Zero would take the left-most entry, which the client writes itself.
    result = run_settings(DEBUG="1", AUDIT_TRUSTED_PROXIES="0")
    assert result.returncode != 0
    assert "AUDIT_TRUSTED_PROXIES must be 1 or more" in result.stderr
