"""Loading the indicators a framework file suggests, in the framework's own load and transaction
(recommendations/signals.py), by their stable codes."""

from recommendations.loader import FrameworkFileError
from recommendations.models import Recommendation

FIELDS = ("name", "definition", "unit", "better", "source", "agency_types")


def load_suggested_indicators(sender, *, framework, data, result, **kwargs):
    from indicators.models import Indicator

    existing = {
        indicator.code: indicator for indicator in Indicator.objects.filter(framework=framework, partnership=None)
    }
    recommendations = {r.code: r for r in Recommendation.objects.filter(framework=framework)}
    for position, entry in enumerate(data["indicators"], start=1):
        values = {name: entry[name] for name in FIELDS} | {"position": position}
        indicator = existing.pop(entry["code"], None)
        if indicator is None:
            indicator = Indicator.objects.create(framework=framework, code=entry["code"], **values)
            result.created += 1
        elif any(getattr(indicator, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(indicator, name, value)
            indicator.save()
            result.updated += 1
        else:
            result.unchanged += 1
        wanted = {recommendations[code] for code in entry["recommendations"]}
        if set(indicator.recommendations.all()) != wanted:
            indicator.recommendations.set(wanted)
            result.relinked += 1
    kept = [code for code, indicator in existing.items() if indicator.values.exists()]
    if kept:
        raise FrameworkFileError(
            framework.code,
            [f"indicators: {code} has values recorded by a partnership; keep it in the file" for code in sorted(kept)],
        )
    for indicator in existing.values():
        indicator.delete()
        result.deleted += 1
