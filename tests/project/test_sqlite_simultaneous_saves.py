"""On the embedded default (SQLite), people saving at the same moment wait their turn: the second is told
someone saved first, as on PostgreSQL, and nobody gets a 500 ("database is locked")."""

import json
import subprocess
import sys

from tests.support.paths import ROOT


def test_simultaneous_saves_on_sqlite_wait_for_each_other(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.sqlite_race", str(tmp_path / "race.sqlite3")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    for round_ in outcome["judgements"]:
        assert sorted(map(tuple, round_)) == [(200, "someone saved first"), (302, "")], outcome
    for round_ in outcome["reports"]:
        assert all(status == 302 for status, _ in round_), outcome
    assert outcome["report_rows"] == 1, "three requests at once still ask for one build"
