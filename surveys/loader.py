"""Loading the survey templates a framework file suggests, in the framework's own load and transaction
(recommendations/signals.py), by their stable codes: a template, its areas and its reflective questions."""

from recommendations.loader import FrameworkFileError
from recommendations.models import Recommendation

TEMPLATE_FIELDS = ("name", "description", "confidence_scale", "confident_from", "role_bands")
AREA_FIELDS = ("name", "confident_indicator", "trained_indicator")


def load_survey_templates(sender, *, framework, data, result, **kwargs):
    from surveys.models import SurveyTemplate

    existing = {template.code: template for template in SurveyTemplate.objects.filter(framework=framework)}
    recommendations = {r.code: r for r in Recommendation.objects.filter(framework=framework)}
    questions = {q.code: q for q in framework.questions.all()}
    problems = []
    for position, entry in enumerate(data["survey_templates"], start=1):
        values = {name: entry[name] for name in TEMPLATE_FIELDS} | {"position": position}
        template = existing.pop(entry["code"], None)
        if template is None:
            template = SurveyTemplate.objects.create(framework=framework, code=entry["code"], **values)
            result.created += 1
        else:
            result.save_changes(template, values)
        wanted = {questions[code] for code in entry["reflective_questions"]}
        if set(template.questions.all()) != wanted:
            template.questions.set(wanted)
            result.relinked += 1
        problems += _sync_areas(template, entry["areas"], recommendations, result)
    problems += [
        f"survey_templates: {code} is used by a survey round; keep it in the file"
        for code, template in sorted(existing.items())
        if template.rounds.exists()
    ]
    if problems:
        raise FrameworkFileError(framework.code, problems)
    for template in existing.values():
        template.delete()
        result.deleted += 1


def _sync_areas(template, entries: list[dict], recommendations: dict, result) -> list[str]:
    from surveys.models import AreaAnswer

    existing = {area.code: area for area in template.areas.all()}
    for position, entry in enumerate(entries, start=1):
        values = {name: entry[name] for name in AREA_FIELDS} | {"position": position}
        area = existing.pop(entry["code"], None)
        if area is None:
            area = template.areas.create(code=entry["code"], **values)
            result.created += 1
        else:
            result.save_changes(area, values)
        wanted = {recommendations[code] for code in entry["recommendations"]}
        if set(area.recommendations.all()) != wanted:
            area.recommendations.set(wanted)
            result.relinked += 1
    problems = []
    for code, area in sorted(existing.items()):
        if AreaAnswer.objects.filter(area=area).exists():
            problems.append(f"survey_templates: {template.code} area {code} has answers; keep it in the file")
        else:
            area.delete()
            result.deleted += 1
    return problems
