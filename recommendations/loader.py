"""Read a framework file, check every entry, and load it idempotently by its stable codes.

A file is checked whole before anything is written, and the write happens in one
transaction, so a refused file leaves the database exactly as it was.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from recommendations.models import (
    AgencyType,
    Better,
    Framework,
    IndicatorUnit,
    LanguageGuidance,
    QuestionLink,
    ReflectiveQuestion,
    Theme,
)
from recommendations.signals import framework_loaded

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "frameworks"


class FrameworkFileError(ValueError):
    def __init__(self, path, problems: list[str]):
        self.problems = problems
        listing = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(f"{path} was refused; nothing was loaded:\n{listing}")


@dataclass
class LoadResult:
    framework: Framework
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    relinked: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.relinked)

    def save_changes(self, record, values: dict) -> None:
        """Set `values` on `record` and save it if any of them differs, counting it updated, or else unchanged."""
        if any(getattr(record, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(record, name, value)
            record.save()
            self.updated += 1
        else:
            self.unchanged += 1


SECTIONS = {
    # section: (required fields, optional fields with defaults)
    "themes": ({"code": str, "kind": str, "title": str}, {}),
    "recommendations": (
        {"code": str, "title": str, "paragraphs": list},
        {"themes": [], "needed_agency_types": []},
    ),
    "questions": (
        {"code": str, "audience": str, "text": str, "links": list},
        {"group": "", "prompt": "", "source_note": "", "themes": []},
    ),
    "national_recommendations": ({"code": str, "title": str, "text": str}, {}),
    # Measures this service suggests for each recommendation (not the Panel's): the indicators app loads them.
    "indicators": (
        {
            "code": str,
            "name": str,
            "definition": str,
            "unit": str,
            "better": str,
            "source": str,
            "recommendations": list,
        },
        {"agency_types": []},
    ),
    # Multi-agency case audit tools this service suggests (not the Panel's): the case_audits app loads them.
    "audit_tools": (
        {"code": str, "name": str, "grades": list, "domains": list},
        {"description": ""},
    ),
    # Anonymous workforce surveys this service suggests: the surveys app loads them.
    "survey_templates": (
        {
            "code": str,
            "name": str,
            "reflective_questions": list,
            "confidence_scale": list,
            "confident_from": int,
            "role_bands": list,
            "areas": list,
        },
        {"description": ""},
    ),
    # The documents language guidance is drawn from, named by code in each entry's `source`.
    "sources": ({"code": str, "title": str}, {}),
    "language_guidance": (
        {"code": str, "phrases": list, "suggestion": str, "source": str},
        {"where": "", "quote": "", "based_on": "", "not_after": [], "not_before": []},
    ),
}
# The lists inside each audit tool: its grade scale, best grade first, and its domains.
AUDIT_GRADE_FIELDS = ({"code": str, "label": str, "meets_standard": bool}, {})
AUDIT_DOMAIN_FIELDS = ({"code": str, "name": str, "guidance": str, "recommendations": list}, {})
# The lists inside each survey template: the role bands a person chooses from, and the areas asked about.
SURVEY_ROLE_FIELDS = ({"code": str, "label": str}, {})
SURVEY_AREA_FIELDS = (
    {"code": str, "name": str, "recommendations": list},
    {"confident_indicator": "", "trained_indicator": ""},
)
CONFIDENCE_POINTS = 5
TOP_REQUIRED = {"code": str, "title": str, "publisher": str, "published": (datetime.date, str)}
# language_mentions: not_after / not_before phrases every language guidance entry shares.
TOP_OPTIONAL = {"subtitle": "", "source_url": "", "language_mentions": {}}
MENTION_FIELDS = ("not_after", "not_before")


@dataclass
class _Checker:
    problems: list[str] = field(default_factory=list)

    def entries(self, data: dict, section: str) -> list[dict]:
        """The entries of one section, each with every field present and of the right type."""
        required, optional = SECTIONS[section]
        raw = data.get(section, [])
        if section in ("recommendations", "questions") and not raw:
            self.problems.append(f"{section}: the framework needs at least one entry")
            return []
        return self.listed(raw, section, required, optional)

    def listed(self, raw, section: str, required: dict, optional: dict) -> list[dict]:
        """The entries of a list named `section` (a section of the file, or a list inside one entry), each
        with every field present and of the right type and its code unique within the list."""
        if not isinstance(raw, list):
            self.problems.append(f"{section}: must be a list of entries")
            return []
        entries, seen = [], set()
        for index, entry in enumerate(raw, start=1):
            where = f"{section} entry {index}"
            if not isinstance(entry, dict):
                self.problems.append(f"{where}: must be a mapping of fields")
                continue
            if isinstance(entry.get("code"), str):
                where = f"{section} entry {index} ({entry['code']})"
            clean = self._fields(entry, required, optional, where)
            if clean is None:
                continue
            if clean["code"] in seen:
                self.problems.append(f"{where}: field 'code' repeats {clean['code']!r}, codes must be unique")
                continue
            seen.add(clean["code"])
            clean["_where"] = where
            entries.append(clean)
        return entries

    def _fields(self, entry: dict, required: dict, optional: dict, where: str) -> dict | None:
        ok = True
        for name in entry.keys() - required.keys() - optional.keys():
            self.problems.append(f"{where}: field {name!r} is not a known field")
            ok = False
        clean = {}
        for name, kind in required.items():
            value = entry.get(name)
            if value is None or value == "" or value == []:
                self.problems.append(f"{where}: field {name!r} is missing")
                ok = False
            elif not isinstance(value, kind):
                self.problems.append(f"{where}: field {name!r} has the wrong type")
                ok = False
            else:
                clean[name] = value.strip() if isinstance(value, str) else value
        for name, default in optional.items():
            value = entry.get(name, default)
            if value is None:
                value = default
            if not isinstance(value, type(default)):
                self.problems.append(f"{where}: field {name!r} has the wrong type")
                ok = False
            else:
                clean[name] = value.strip() if isinstance(value, str) else value
        return clean if ok else None

    def strings(self, values, where: str, name: str) -> list[str]:
        if not all(isinstance(v, str) and v.strip() for v in values):
            self.problems.append(f"{where}: field {name!r} must be a list of non-empty texts")
            return []
        return [v.strip() for v in values]

    def codes(self, values, known: set[str], where: str, name: str, what: str) -> list[str]:
        found = []
        for value in values:
            if value not in known:
                self.problems.append(f"{where}: field {name!r} names unknown {what} {value!r}")
            else:
                found.append(value)
        return found


def _published(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    for fmt in ("%Y-%m-%d", "%Y-%m"):
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _declared_codes(data: dict, section: str) -> set[str]:
    """Every code a section declares, even on an entry refused for another field, so one
    mistake is reported once rather than again at every reference to it."""
    entries = data.get(section)
    if not isinstance(entries, list):
        return set()
    return {e["code"] for e in entries if isinstance(e, dict) and isinstance(e.get("code"), str)}


def parse_framework(path: Path) -> dict:
    """Read and check a framework file; raise FrameworkFileError listing every problem."""
    data = _read(path)
    check = _Checker()
    # Each step adds its problems to `check`, in the order of the file's sections.
    top = _top_fields(check, data)
    themes = _themes(check, data)
    theme_codes = _declared_codes(data, "themes")
    recommendations = _recommendations(check, data, theme_codes)
    questions = _questions(check, data, theme_codes, _declared_codes(data, "recommendations"))
    national = check.entries(data, "national_recommendations")
    indicators = _indicators(check, data, _declared_codes(data, "recommendations"))
    audit_tools = _audit_tools(check, data, _declared_codes(data, "recommendations"))
    surveys = _survey_templates(check, data, recommendation_codes=_declared_codes(data, "recommendations"))
    guidance = _guidance(check, data, top)
    if check.problems:
        raise FrameworkFileError(path, check.problems)
    return {
        **top,
        "themes": themes,
        "recommendations": recommendations,
        "questions": questions,
        "national_recommendations": national,
        "indicators": indicators,
        "audit_tools": audit_tools,
        "survey_templates": surveys,
        "language_guidance": guidance,
    }


def _read(path: Path) -> dict:
    """The file's YAML, which must be a mapping; a file that is not is refused with that one problem."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise FrameworkFileError(path, [f"cannot be read: {error}"]) from None
    except yaml.YAMLError as error:
        raise FrameworkFileError(path, [f"is not valid YAML: {error}"]) from None
    if not isinstance(data, dict):
        raise FrameworkFileError(path, ["must be a mapping with code, title, recommendations and questions"])
    return data


def _top_fields(check: _Checker, data: dict) -> dict | None:
    """The framework's own fields (everything outside the sections), with `published` read as a date."""
    top = check._fields({k: v for k, v in data.items() if k not in SECTIONS}, TOP_REQUIRED, TOP_OPTIONAL, "framework")
    if top is not None:
        top["published"] = _published(top["published"])
        if top["published"] is None:
            check.problems.append("framework: field 'published' must be a date such as 2024-11-01 or 2024-11")
    return top


def _themes(check: _Checker, data: dict) -> list[dict]:
    themes = check.entries(data, "themes")
    for theme in themes:
        if theme["kind"] not in Theme.Kind.values:
            check.problems.append(f"{theme['_where']}: field 'kind' must be one of {', '.join(Theme.Kind.values)}")
    return themes


def _recommendations(check: _Checker, data: dict, theme_codes: set[str]) -> list[dict]:
    recommendations = check.entries(data, "recommendations")
    for rec in recommendations:
        where = rec["_where"]
        rec["paragraphs"] = check.strings(rec["paragraphs"], where, "paragraphs")
        if any("\n\n" in paragraph for paragraph in rec["paragraphs"]):
            check.problems.append(f"{where}: field 'paragraphs' has a blank line inside one paragraph; split it in two")
        rec["themes"] = check.codes(rec["themes"], theme_codes, where, "themes", "theme")
        rec["needed_agency_types"] = check.codes(
            rec["needed_agency_types"], set(AgencyType.values), where, "needed_agency_types", "agency type"
        )
    return recommendations


def _questions(check: _Checker, data: dict, theme_codes: set[str], recommendation_codes: set[str]) -> list[dict]:
    questions = check.entries(data, "questions")
    for question in questions:
        where = question["_where"]
        if question["audience"] not in ReflectiveQuestion.Audience.values:
            choices = ", ".join(ReflectiveQuestion.Audience.values)
            check.problems.append(f"{where}: field 'audience' must be one of {choices}")
        question["themes"] = check.codes(question["themes"], theme_codes, where, "themes", "theme")
        question["links"] = _links(check, question["links"], recommendation_codes, where)
    return questions


def _links(check: _Checker, links: list, recommendation_codes: set[str], where: str) -> list[dict]:
    """A question's links to recommendations: those that are well formed, each other one a problem."""
    good = []
    for link in links:
        problem = _link_problem(link, recommendation_codes, where)
        if problem:
            check.problems.append(problem)
        else:
            good.append(link)
    return good


def _link_problem(link, recommendation_codes: set[str], where: str) -> str | None:
    if not (isinstance(link, dict) and set(link) == {"recommendation", "inferred"}):
        return f"{where}: field 'links' entries need exactly 'recommendation' and 'inferred'"
    if not isinstance(link["inferred"], bool):
        return f"{where}: field 'links' needs inferred: true or false"
    if link["recommendation"] not in recommendation_codes:
        return f"{where}: field 'links' names unknown recommendation {link['recommendation']!r}"
    return None


def _indicators(check: _Checker, data: dict, recommendation_codes: set[str]) -> list[dict]:
    indicators = check.entries(data, "indicators")
    for indicator in indicators:
        where = indicator["_where"]
        for name, choices in (("unit", IndicatorUnit), ("better", Better)):
            if indicator[name] not in choices.values:
                check.problems.append(f"{where}: field {name!r} must be one of {', '.join(choices.values)}")
        indicator["recommendations"] = check.codes(
            indicator["recommendations"], recommendation_codes, where, "recommendations", "recommendation"
        )
        indicator["agency_types"] = check.codes(
            indicator["agency_types"], set(AgencyType.values), where, "agency_types", "agency type"
        )
    return indicators


def _audit_tools(check: _Checker, data: dict, recommendation_codes: set[str]) -> list[dict]:
    tools = check.entries(data, "audit_tools")
    for tool in tools:
        where = tool["_where"]
        tool["grades"] = check.listed(tool["grades"], f"{where} grades", *AUDIT_GRADE_FIELDS)
        tool["domains"] = check.listed(tool["domains"], f"{where} domains", *AUDIT_DOMAIN_FIELDS)
        if len(tool["grades"]) < 2:
            check.problems.append(f"{where}: field 'grades' needs at least two grades, best first")
        elif not any(grade["meets_standard"] for grade in tool["grades"]):
            check.problems.append(f"{where}: field 'grades' needs at least one grade with meets_standard: true")
        if not tool["domains"]:
            check.problems.append(f"{where}: field 'domains' needs at least one domain")
        for domain in tool["domains"]:
            domain["recommendations"] = check.codes(
                domain["recommendations"], recommendation_codes, domain["_where"], "recommendations", "recommendation"
            )
    return tools


def _survey_templates(check: _Checker, data: dict, *, recommendation_codes: set[str]) -> list[dict]:
    templates = check.entries(data, "survey_templates")
    practitioner_questions = {
        entry["code"]
        for entry in data.get("questions") or []
        if isinstance(entry, dict) and entry.get("audience") == ReflectiveQuestion.Audience.PRACTITIONER
    }
    indicator_codes = _declared_codes(data, "indicators")
    for template in templates:
        where = template["_where"]
        template["reflective_questions"] = check.codes(
            template["reflective_questions"], practitioner_questions, where, "reflective_questions",
            "question for professionals",
        )  # fmt: skip
        scale = check.strings(template["confidence_scale"], where, "confidence_scale")
        if scale and len(scale) != CONFIDENCE_POINTS:
            check.problems.append(
                f"{where}: field 'confidence_scale' needs {CONFIDENCE_POINTS} points, least confident first"
            )
        template["confidence_scale"] = scale
        if not 1 < template["confident_from"] <= CONFIDENCE_POINTS:
            check.problems.append(
                f"{where}: field 'confident_from' must be a point of the scale from 2 to {CONFIDENCE_POINTS}"
            )
        template["role_bands"] = check.listed(template["role_bands"], f"{where} role_bands", *SURVEY_ROLE_FIELDS)
        template["areas"] = check.listed(template["areas"], f"{where} areas", *SURVEY_AREA_FIELDS)
        for area in template["areas"]:
            area["recommendations"] = check.codes(
                area["recommendations"], recommendation_codes, area["_where"], "recommendations", "recommendation"
            )
            for name in ("confident_indicator", "trained_indicator"):
                if area[name] and area[name] not in indicator_codes:
                    check.problems.append(f"{area['_where']}: field {name!r} names unknown indicator {area[name]!r}")
    return templates


def _guidance(check: _Checker, data: dict, top: dict | None) -> list[dict]:
    """Language guidance, each entry checked against the documents in `sources` and the shared mentions."""
    sources = {source["code"]: source for source in check.entries(data, "sources")}
    if LanguageGuidance.OWN in sources:
        check.problems.append(
            f"{sources[LanguageGuidance.OWN]['_where']}: code 'own' is kept for this service's own guidance"
        )
    mentions = _language_mentions(check, top)
    guidance = check.entries(data, "language_guidance")
    for entry in guidance:
        _check_guidance(check, entry, sources, mentions)
    return guidance


def _language_mentions(check: _Checker, top: dict | None) -> dict[str, list[str]]:
    """The framework's shared not_after / not_before phrases (words that show a term is named, not used)."""
    raw = (top or {}).get("language_mentions") or {}
    for name in raw.keys() - set(MENTION_FIELDS):
        check.problems.append(f"framework: field 'language_mentions' has unknown field {name!r}")
    mentions = {}
    for name in MENTION_FIELDS:
        values = raw.get(name, [])
        if not isinstance(values, list):
            check.problems.append(f"framework: field 'language_mentions' field {name!r} must be a list")
            values = []
        mentions[name] = check.strings(values, "framework: field 'language_mentions'", name)
    return mentions


def _check_guidance(check: _Checker, entry: dict, sources: dict, mentions: dict) -> None:
    """Phrases and exceptions are lists of texts; the source is a named document (with its words) or 'own'."""
    where = entry["_where"]
    entry["phrases"] = check.strings(entry["phrases"], where, "phrases")
    for name in MENTION_FIELDS:
        own = check.strings(entry[name], where, name)
        entry[name] = list(dict.fromkeys([*own, *mentions.get(name, [])]))
    source, based_on = entry["source"], entry.pop("based_on")
    if source == LanguageGuidance.OWN:
        document = based_on
        if entry["quote"] and not based_on:
            check.problems.append(f"{where}: field 'quote' needs 'based_on' to name the document it is from")
    else:
        document = source
        if based_on:
            check.problems.append(f"{where}: field 'based_on' is only for source 'own'")
        if not entry["quote"]:
            check.problems.append(f"{where}: field 'quote' is missing: give the source's own words")
    if document and document not in sources:
        field_name = "based_on" if source == LanguageGuidance.OWN else "source"
        known = ", ".join([*sources, LanguageGuidance.OWN])
        check.problems.append(f"{where}: field {field_name!r} names unknown source {document!r} (known: {known})")
    if based_on and not entry["quote"]:
        check.problems.append(f"{where}: field 'quote' is missing: give the words of the document it draws on")
    entry["source_title"] = sources[document]["title"] if document in sources else ""
    entry["source_where"] = entry.pop("where")


def _sync(result: LoadResult, manager, rows: list[dict]) -> dict[str, object]:
    """Make the related `manager` hold exactly `rows` (keyed by code), touching only what differs."""
    existing = {obj.code: obj for obj in manager.all()}
    synced = {}
    for position, row in enumerate(rows, start=1):
        values = {**row, "position": position}
        obj = existing.pop(row["code"], None)
        if obj is None:
            obj = manager.create(**values)
            result.created += 1
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            obj.save()
            result.updated += 1
        else:
            result.unchanged += 1
        synced[obj.code] = obj
    for obj in existing.values():
        obj.delete()
        result.deleted += 1
    return synced


def _set_m2m(result: LoadResult, manager, wanted) -> None:
    if set(manager.all()) != set(wanted):
        manager.set(wanted)
        result.relinked += 1


@transaction.atomic
def load_framework(path: Path) -> LoadResult:
    data = parse_framework(path)
    framework_fields = {k: data[k] for k in ("title", "subtitle", "publisher", "published", "source_url")}
    framework = Framework.objects.filter(code=data["code"]).first()
    result = LoadResult(framework=framework)
    if framework is None:
        result.framework = framework = Framework.objects.create(code=data["code"], **framework_fields)
        result.created += 1
    elif any(getattr(framework, k) != v for k, v in framework_fields.items()):
        Framework.objects.filter(pk=framework.pk).update(**framework_fields)
        framework.refresh_from_db()
        result.updated += 1

    def only(entries, *names):
        return [{name: entry[name] for name in ("code", *names)} for entry in entries]

    themes = _sync(result, framework.themes, only(data["themes"], "kind", "title"))
    recommendation_rows = [
        {
            "code": r["code"],
            "title": r["title"],
            "text": "\n\n".join(r["paragraphs"]),
            "needed_agency_types": r["needed_agency_types"],
        }
        for r in data["recommendations"]
    ]
    recommendations = _sync(result, framework.recommendations, recommendation_rows)
    for entry in data["recommendations"]:
        _set_m2m(result, recommendations[entry["code"]].themes, [themes[c] for c in entry["themes"]])

    questions = _sync(
        result,
        framework.questions,
        only(data["questions"], "audience", "group", "text", "prompt", "source_note"),
    )
    for entry in data["questions"]:
        question = questions[entry["code"]]
        _set_m2m(result, question.themes, [themes[c] for c in entry["themes"]])
        wanted = {(recommendations[link["recommendation"]].pk, link["inferred"]) for link in entry["links"]}
        current = set(question.links.values_list("recommendation_id", "inferred"))
        if wanted != current:
            question.links.all().delete()
            QuestionLink.objects.bulk_create(
                QuestionLink(question=question, recommendation_id=pk, inferred=inferred) for pk, inferred in wanted
            )
            result.relinked += 1

    _sync(result, framework.national_recommendations, only(data["national_recommendations"], "title", "text"))
    guidance_fields = ("phrases", "suggestion", "source", "source_title", "source_where", "quote", *MENTION_FIELDS)
    _sync(result, framework.language_guidance, only(data["language_guidance"], *guidance_fields))
    # Apps above this layer load their part of the file in the same transaction (indicators/loader.py).
    framework_loaded.send(sender=Framework, framework=framework, data=data, result=result)
    return result


def framework_files() -> list[Path]:
    return sorted(FRAMEWORKS_DIR.glob("*.yaml"))
