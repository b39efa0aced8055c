"""The history on an object's page reads as a person would write it: names, words and dates, not raw values."""

import re

from common.history import history_entries
from partnerships.evidence import withdraw_evidence
from partnerships.models import Membership


def test_withdrawal_reads_as_withdrawn_with_a_formatted_date(personas, world):
    evidence = world["health_evidence"]
    membership = Membership.objects.get(user=personas["lead"], partnership=evidence.partnership)
    withdraw_evidence(membership=membership, evidence=evidence, reason="Uploaded to the wrong partnership")
    latest = history_entries(evidence)[0]
    assert latest.what == "Withdrawn"
    assert latest.who == "lead"
    changes = {change.field: change for change in latest.changes}
    assert changes["Withdrawal reason"].new == "Uploaded to the wrong partnership"
    withdrawn_at = changes["Withdrawn at"].new
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", withdrawn_at), withdrawn_at


def test_choice_values_read_as_their_labels(client, personas, world):
    client.force_login(personas["scrutineer"])
    url = f"/partnerships/northmere/reviews/{world['review'].pk}/judgements/R6/"
    client.post(url, {"version": "0", "level": "limited", "rationale": "First"})
    (change,) = [c for c in history_entries(world["judgement"])[0].changes if c.field == "Level"]
    assert (change.old, change.new) == ("Not yet assessed", "Limited assurance")
