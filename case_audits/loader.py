"""Loading the audit tools a framework file suggests, in the framework's own load and transaction
(recommendations/signals.py), by their stable codes: a tool, and each of its grades and domains."""

from recommendations.loader import FrameworkFileError
from recommendations.models import Recommendation


def load_audit_tools(sender, *, framework, data, result, **kwargs):
    from case_audits.models import AuditTool

    existing = {tool.code: tool for tool in AuditTool.objects.filter(framework=framework)}
    recommendations = {r.code: r for r in Recommendation.objects.filter(framework=framework)}
    problems = []
    for position, entry in enumerate(data["audit_tools"], start=1):
        values = {"name": entry["name"], "description": entry["description"], "position": position}
        tool = existing.pop(entry["code"], None)
        if tool is None:
            tool = AuditTool.objects.create(framework=framework, code=entry["code"], **values)
            result.created += 1
        else:
            result.save_changes(tool, values)
        where = f"audit_tools: {tool.code}"
        grades = [
            {"code": g["code"], "label": g["label"], "meets_standard": g["meets_standard"]} for g in entry["grades"]
        ]
        problems += _sync_part(tool.grades, grades, result, f"{where} grade")
        domains = [
            {"code": d["code"], "name": d["name"], "guidance": d["guidance"], "_recommendations": d["recommendations"]}
            for d in entry["domains"]
        ]
        problems += _sync_part(tool.domains, domains, result, f"{where} domain", recommendations)
    problems += [
        f"audit_tools: {code} is used by an audit round; keep it in the file"
        for code, tool in sorted(existing.items())
        if tool.rounds.exists()
    ]
    if problems:
        raise FrameworkFileError(framework.code, problems)
    for tool in existing.values():
        tool.delete()
        result.deleted += 1


def _sync_part(manager, entries: list[dict], result, where: str, recommendations=None) -> list[str]:
    """Bring a tool's grades or domains (`manager`) into line with the file's `entries`, in their order; a part
    the file drops that a return or moderation has used is kept and named as a problem instead."""
    from case_audits.models import AgreedGrade, ReturnGrade

    existing = {part.code: part for part in manager.all()}
    for position, entry in enumerate(entries, start=1):
        linked = entry.pop("_recommendations", None)
        values = {**entry, "position": position}
        part = existing.pop(entry["code"], None)
        if part is None:
            part = manager.create(**values)
            result.created += 1
        else:
            result.save_changes(part, values)
        if linked is not None:
            wanted = {recommendations[code] for code in linked}
            if set(part.recommendations.all()) != wanted:
                part.recommendations.set(wanted)
                result.relinked += 1
    problems = []
    field = "grade" if where.endswith("grade") else "domain"
    for code, part in sorted(existing.items()):
        used = (
            ReturnGrade.objects.filter(**{field: part}).exists() or AgreedGrade.objects.filter(**{field: part}).exists()
        )
        if used:
            problems.append(f"{where} {code} has been used in an audit; keep it in the file")
        else:
            part.delete()
            result.deleted += 1
    return problems
