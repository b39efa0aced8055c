"""The demo's content is data (operations/demo.toml). A malformed entry is refused before anything is written,
with a message naming the entry and what is wrong with it, and nothing is half-seeded: not on an empty
database, not over a demo already there, not when seeding fails part-way."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from operations import demo
from operations.demo import DEMO_FILE, DemoDataError, load_content, seed_demo
from partnerships.models import Evidence, Partnership

pytestmark = pytest.mark.django_db

PASSWORD = "demo-pass-for-tests"


def edited(tmp_path, old: str, new: str):
    """A copy of the demo's data file with one passage changed."""
    text = DEMO_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "demo.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def counts() -> dict:
    ours = {"partnerships", "scrutiny", "auth"}
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in ours}


def test_the_bundled_file_loads():
    content = load_content()
    assert [p.slug for p in content.partnerships] == ["northmere", "castlebrook-and-wendle", "oakhollow"]
    assert len(content.evidence) == 15 and len(content.actions) == 12


def test_a_value_that_is_not_a_stored_choice_is_refused_naming_the_entry_and_nothing_is_seeded(framework, tmp_path):
    path = edited(
        tmp_path,
        'strength = "documented"\nagency_type = "education"',
        'strength = "proven"\nagency_type = "education"',
    )

    with pytest.raises(DemoDataError) as refused:
        seed_demo(password=PASSWORD, path=path)

    message = str(refused.value)
    assert message.startswith(str(path))
    assert (
        'evidence[4] "Designated safeguarding leads\' survey: recognising signs an…" > strength: '
        "'proven' is not one of stated, documented, tested, impact"
    ) in message
    assert not Partnership.objects.exists()
    assert not get_user_model().objects.exists()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("old", "new", "named", "wrong"),
    [
        pytest.param(
            "day_of_review = 21\n",
            'day_of_review = "21"\n',
            'evidence[0] "Executive minutes: the national review\'s findings considered" > day_of_review',
            "expected a whole number, found '21'",
            id="wrong-type",
        ),
        pytest.param(
            'level = "limited"\nrationale = "A protocol exists',
            'levle = "limited"\nrationale = "A protocol exists',
            'judgements[1] "R4"',
            "unknown key 'levle'",
            id="unknown-key",
        ),
        pytest.param(
            'lead_name = "Designated Nurse"\n',
            "",
            'actions[6] "Audit strategy discussions again six months after the rota…" > lead_name',
            "missing",
            id="missing-key",
        ),
        pytest.param(
            '{ partnership = "castlebrook-and-wendle", role = "lead" }',
            '{ partnership = "castlebrook-and-wendle", role = "manager" }',
            'people[4] "outsider" > memberships[0] "castlebrook-and-wendle" > role',
            "'manager' is not one of scrutineer, lead, contributor, viewer",
            id="nested-choice",
        ),
        pytest.param(
            'kind = "accepted"',
            'kind = "escalated"',
            'challenges[2] "The action plan has no measures of impact for children. How…" > steps[1] > kind',
            "'escalated' is not one of response, accepted",
            id="step-kind",
        ),
        pytest.param(
            '    "Probation and police information-sharing protocol",\n',
            '    "Probation and police information sharing protocol",\n',
            'judgements[1] "R4"',
            "no evidence titled 'Probation and police information sharing protocol'",
            id="evidence-not-in-the-file",
        ),
        pytest.param(
            'role = "contributor", agency = "Northmere and Dale Integrated Care Board"',
            'role = "contributor", agency = "Northmere Health"',
            'people[2] "contributor"',
            "northmere has no agency named 'Northmere Health'",
            id="agency-not-in-the-partnership",
        ),
        pytest.param(
            'username = "castlebrook-scrutineer"',
            'username = "outsider"',
            'people[5] "outsider"',
            "a second entry with this username",
            id="duplicate",
        ),
        pytest.param(
            'recommendations = ["R4"]\nraised_days_ago = 54',
            'recommendations = ["R9"]\nraised_days_ago = 54',
            'challenges[1] "Probation was not invited to two of the three multi-agency…"',
            "framework csa-family-environment-2024 has no recommendation 'R9'",
            id="code-not-in-the-framework",
        ),
        pytest.param(
            'signs_in_as = "police-partner"',
            'signs_in_as = "outsider"',
            'partnerships[0] "northmere" > lead_safeguarding_partners[2] "police"',
            "signs_in_as 'outsider' is not a member of the partnership",
            id="partner-signs-in-elsewhere",
        ),
    ],
)
def test_a_malformed_entry_is_refused_naming_it_and_what_is_wrong(framework, tmp_path, old, new, named, wrong):
    path = edited(tmp_path, old, new)

    with pytest.raises(DemoDataError) as refused:
        seed_demo(password=PASSWORD, path=path)

    assert named in str(refused.value)
    assert wrong in str(refused.value)
    assert not Partnership.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_malformed_file_leaves_a_seeded_demo_as_it_was(framework, tmp_path):
    seed_demo(password=PASSWORD)
    before = counts()
    path = edited(
        tmp_path, 'level = "limited"\nrationale = "A protocol exists', 'level = "great"\nrationale = "A protocol exists'
    )

    with pytest.raises(DemoDataError):
        seed_demo(password="another-password", path=path)

    assert counts() == before
    assert get_user_model().objects.get(username="lead").check_password(PASSWORD)


def test_a_file_that_is_not_toml_is_refused(tmp_path):
    path = edited(tmp_path, '[[people]]\nusername = "lead"', '[[people]\nusername = "lead"')
    with pytest.raises(DemoDataError, match="cannot be read as TOML"):
        load_content(path)


def test_a_failure_part_way_through_seeding_leaves_nothing(framework, monkeypatch):
    def fails(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(demo, "seed_review", fails)
    with pytest.raises(RuntimeError):
        seed_demo(password=PASSWORD)
    assert not Partnership.objects.exists()
    assert not get_user_model().objects.exists()


def test_the_command_reports_the_malformed_entry(framework, tmp_path, monkeypatch):
    malformed = edited(tmp_path, 'due_in_days = -10\nstatus = "at_risk"', 'due_in_days = -10\nstatus = "late"')
    monkeypatch.setattr(demo, "DEMO_FILE", malformed)
    with pytest.raises(CommandError, match=r'actions\[1\] "Agree impact measures .*> status: \'late\' is not one'):
        call_command("seed_demo", stdout=StringIO())
    assert not Partnership.objects.exists()
