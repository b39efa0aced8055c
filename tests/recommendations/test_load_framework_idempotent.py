"""Loading a framework file again changes nothing; an edited file updates rows in place."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command

from recommendations.loader import load_framework
from recommendations.models import Framework, Recommendation
from tests.support.builders import BUNDLED_FRAMEWORK_FILE as BUNDLED
from tests.support.builders import framework_snapshot as snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_frameworks")]


def test_second_run_changes_nothing():
    load_framework(BUNDLED)
    before = snapshot()
    result = load_framework(BUNDLED)
    assert result.changed is False
    assert (result.created, result.updated, result.deleted, result.relinked) == (0, 0, 0, 0)
    assert snapshot() == before


def test_command_without_arguments_says_already_up_to_date_on_second_run():
    first, second = StringIO(), StringIO()
    call_command("load_framework", stdout=first)
    assert Framework.objects.filter(code="csa-family-environment-2024").exists()
    assert "changed" in first.getvalue()
    before = snapshot()
    call_command("load_framework", stdout=second)
    assert "already up to date" in second.getvalue()
    assert snapshot() == before


def test_edited_title_updates_that_one_row_in_place(tmp_path):
    load_framework(BUNDLED)
    before = snapshot()
    r2 = Recommendation.objects.get(code="R2")
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    data["recommendations"][1]["title"] = "Professional knowledge and skills"
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    result = load_framework(edited)

    assert (result.created, result.updated, result.deleted, result.relinked) == (0, 1, 0, 0)
    after = snapshot()
    assert Recommendation.objects.get(pk=r2.pk).title == "Professional knowledge and skills"
    changed = [row for row in after["Recommendation"] if row not in before["Recommendation"]]
    assert [(row["id"], row["code"]) for row in changed] == [(r2.pk, "R2")]
    assert {k: v for k, v in after.items() if k != "Recommendation"} == {
        k: v for k, v in before.items() if k != "Recommendation"
    }
    assert len(after["Recommendation"]) == len(before["Recommendation"])
