"""A backup code signs a person in once. Two sign-ins with the same code at the same moment: only one
passes, because spending a code is a conditional delete that only one of them can win."""

import threading

import pytest
from django.db import connection
from django_otp import verify_token

from accounts import two_factor
from accounts.models import BackupCode, BackupCodeDevice


@pytest.fixture
def codes(personas):
    device = two_factor.pending_authenticator(personas["lead"])
    return two_factor.confirm_authenticator(device)


def test_a_code_works_once(personas, codes):
    device = two_factor.backup_codes_device(personas["lead"])
    assert verify_token(personas["lead"], device.persistent_id, codes[0].upper()) == device
    device.throttle_reset()
    assert verify_token(personas["lead"], device.persistent_id, codes[0]) is None
    assert two_factor.backup_codes_left(personas["lead"]) == 9
    # The others still work, each once.
    device.throttle_reset()
    assert verify_token(personas["lead"], device.persistent_id, codes[1]) == device
    assert two_factor.backup_codes_left(personas["lead"]) == 8


def test_when_another_sign_in_spends_the_code_first_this_one_fails(personas, codes, monkeypatch):
    """Both sign-ins have found the code; the other spends it before this one does."""
    this = two_factor.backup_codes_device(personas["lead"])
    other = BackupCodeDevice.objects.get(pk=this.pk)
    real_use = BackupCode.use
    outcomes = []

    def use_after_the_other(code):
        monkeypatch.setattr(BackupCode, "use", real_use)
        outcomes.append(("other", other.verify_token(codes[0])))
        return real_use(code)

    monkeypatch.setattr(BackupCode, "use", use_after_the_other)
    outcomes.append(("this", this.verify_token(codes[0])))
    assert outcomes == [("other", True), ("this", False)]
    assert two_factor.backup_codes_left(personas["lead"]) == 9


def test_the_same_code_row_is_spent_by_one_caller_only(personas, codes):
    first = BackupCode.objects.filter(device__user=personas["lead"]).first()
    second = BackupCode.objects.get(pk=first.pk)  # the same row, as a second sign-in read it
    assert first.use() is True
    assert second.use() is False


@pytest.mark.django_db(transaction=True)
def test_two_sign_ins_at_once_on_postgresql_one_passes(personas):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database that lets two transactions run at once")
    codes = two_factor.confirm_authenticator(two_factor.pending_authenticator(personas["lead"]))
    device = two_factor.backup_codes_device(personas["lead"])
    barrier = threading.Barrier(2)
    results = []

    def sign_in():
        try:
            barrier.wait()
            results.append(verify_token(personas["lead"], device.persistent_id, codes[0]) is not None)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_in) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert two_factor.backup_codes_left(personas["lead"]) == 9
