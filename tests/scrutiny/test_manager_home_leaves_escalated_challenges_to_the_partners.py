"""A partnership manager's home lists the challenges they may answer: an escalated one waits for the lead
safeguarding partners (decision 0020), so it is not listed as awaiting the manager's answer."""

from scrutiny.models import Challenge


def test_escalated_challenge_is_not_awaiting_the_managers_answer(client, personas, world):
    Challenge.objects.filter(pk=world["police_challenge"].pk).update(status=Challenge.Status.ESCALATED)
    client.force_login(personas["lead"])
    page = client.get("/").content.decode()
    awaiting = page.split("Challenges awaiting your answer")[1].split("<h2")[0]
    assert "Where is health?" in awaiting
    assert "Where is police?" not in awaiting
