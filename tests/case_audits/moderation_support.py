"""What the moderation, finding and publishing tests share: a round with one case and two agencies' returns, and
the arguments or form posts that moderate it."""

from case_audits.models import AuditCase
from tests.support import audit_world


def round_with_a_case(partnership, personas, health_agency, *, police_grades=None, submitted=True):
    """A round of Northmere's health agency and police, one case MACA-01 both are involved in, each agency's return
    made (health: every domain good; police: good unless `police_grades` says otherwise)."""
    police = audit_world.police_agency(partnership)
    audit_round = audit_world.audit_round(partnership, personas["lead"], [health_agency, police])
    audit_case = audit_world.case(audit_round, personas["lead"])
    audit_world.agency_return(audit_case, health_agency, personas["contributor"])
    audit_world.agency_return(audit_case, police, personas["lead"], police_grades, submitted=submitted)
    return audit_round, audit_case


def agreed(audit_case: AuditCase, grade="good", **by_domain) -> dict:
    """Domain code → grade code for every domain of the case's tool: `grade`, unless given by domain code."""
    return {domain.code: by_domain.get(domain.code, grade) for domain in audit_case.round.tool.domains.all()}


def moderation_post(audit_case: AuditCase, grades: dict, reasons: dict | None = None, *, version=None) -> dict:
    """The moderation page's form post: a grade and a reason per domain, and the version it was opened at."""
    data = {f"grade_{code}": grade for code, grade in grades.items() if grade is not None}
    data |= {f"reason_{code}": reason for code, reason in (reasons or {}).items()}
    data["version"] = str(audit_case.version if version is None else version)
    return data
