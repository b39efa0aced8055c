"""The rules an action item's values must keep, held once: the form, the service and the import all ask here.

`check(values, partnership=..., already_cited=...)` runs every rule over an item's values (a dict
keyed by ActionItem's field names, see FIELDS, cleaned first by `cleaned`) and returns what breaks
them, as Breach(field, code, message): nothing when the values may be saved. Each rule is a function
of its own, over plain values, reading nothing from the database:

- description: present, and within DESCRIPTION_LIMIT;
- lead_name: present, and within the field's length;
- recommendations: at least one, all of the partnership's framework;
- owner_agency: an agency of the partnership;
- contributing_agencies: agencies of the partnership (`cleaned` drops the owner: it leads the item,
  naming it as a contributor as well adds nothing);
- cited_evidence: the partnership's own evidence, and current when newly cited (evidence withdrawn
  after an item cited it stays on that item, and only there);
- impact: marked evidenced only with evidence of impact of which at least one item is current and
  graded "Impact on children shown" by a scrutineer;
- status: one of ActionItem.Status;
- dates: both present, the due date not before the start.

Who asks, and what they do with the answer:

- partnerships/actions.py (`_checked`, for create_action and update_action) reads the evidence it
  is given as the database has it now, then raises ValidationError with every message;
- partnerships/action_forms.py (ActionItemForm.clean) puts each message on its field, unless the
  field has an error of its own already (its choices are the partnership's, so most rules hold);
- partnerships/action_import.py (check_row) puts each message on its column, in the import's own
  words where it has them, and, citing no evidence, can never mark impact evidenced.

The messages are the ones people see: tests assert them word for word.
"""

from dataclasses import dataclass

from common.limits import too_long
from partnerships.models import DESCRIPTION_LIMIT, ActionItem, Evidence

Status = ActionItem.Status
STATUSES = tuple(Status.values)
LEAD_NAME_LIMIT = ActionItem._meta.get_field("lead_name").max_length
TEXTS = ("description", "lead_name")
LINKS = ("recommendations", "contributing_agencies", "completion_evidence", "impact_evidence")
EVIDENCE = ("completion_evidence", "impact_evidence")
FIELDS = (
    "description",
    "recommendations",
    "owner_agency",
    "contributing_agencies",
    "lead_name",
    "start_date",
    "due_date",
    "status",
    "completion_evidence",
    "impact_evidenced",
    "impact_evidence",
)

DESCRIPTION_REQUIRED = "Enter a description of the action"
LEAD_NAME_REQUIRED = "Enter the name of the person who leads this action"
RECOMMENDATION_REQUIRED = "Select at least one recommendation"
RECOMMENDATION_OF_ANOTHER_FRAMEWORK = "Select recommendations from this partnership's framework"
OWNER_NOT_OF_THIS_PARTNERSHIP = "Select an owner agency of this partnership"
CONTRIBUTOR_NOT_OF_THIS_PARTNERSHIP = "Select contributing agencies of this partnership"
EVIDENCE_OF_ANOTHER_PARTNERSHIP = "Select only this partnership's evidence of {what}"
EVIDENCE_WITHDRAWN = "“{title}” has been withdrawn: select current evidence of {what}"
IMPACT_NOT_SELECTED = "Select the evidence that shows the impact on children"
IMPACT_NOT_SHOWN = (
    "Select evidence graded “Impact on children shown” to mark the impact on children as evidenced: "
    "none of the evidence of impact selected is graded so"
)
STATUS_REQUIRED = "Select the status"
START_REQUIRED = "Enter the start date"
DUE_REQUIRED = "Enter the due date"
DUE_BEFORE_START = "The due date must be the same as or after the start date"


@dataclass(frozen=True)
class Breach:
    """A rule the values break: the field it is about (ActionItem's name for it), which rule, what to say."""

    field: str
    code: str
    message: str


def cleaned(values: dict) -> dict:
    """The values as the rules read them and the item keeps them: a new dict, the caller's left alone.

    Text stripped, the impact flag a bool, each link a list, and the owner agency dropped from the
    contributing agencies. Missing keys read as empty.
    """
    values = {name: values.get(name) for name in FIELDS}
    for name in TEXTS:
        values[name] = (values[name] or "").strip()
    values["impact_evidenced"] = bool(values["impact_evidenced"])
    for name in LINKS:
        values[name] = list(values[name] or ())
    owner = values["owner_agency"]
    if owner is not None:
        values["contributing_agencies"] = [a for a in values["contributing_agencies"] if a.pk != owner.pk]
    return values


def check(values: dict, *, partnership, already_cited=frozenset()) -> list[Breach]:
    """Every rule the `cleaned` values break for an item of `partnership`, in the order of the form's fields.

    `already_cited`: the ids of the evidence the item cites now (none for a new item), which may
    stay cited though withdrawn since.
    """
    return [
        *description(values["description"]),
        *lead_name(values["lead_name"]),
        *recommendations(values["recommendations"], partnership),
        *owner_agency(values["owner_agency"], partnership),
        *contributing_agencies(values["contributing_agencies"], partnership),
        *cited_evidence(values, partnership, already_cited),
        *impact(values["impact_evidenced"], values["impact_evidence"]),
        *status(values["status"]),
        *dates(values["start_date"], values["due_date"]),
    ]


# The rules, one by one: each returns its breaches, none when the value keeps it.


def description(text: str) -> list[Breach]:
    if not text:
        return [Breach("description", "required", DESCRIPTION_REQUIRED)]
    if len(text) > DESCRIPTION_LIMIT:
        return [Breach("description", "max_length", too_long("Description", DESCRIPTION_LIMIT))]
    return []


def lead_name(text: str) -> list[Breach]:
    if not text:
        return [Breach("lead_name", "required", LEAD_NAME_REQUIRED)]
    if len(text) > LEAD_NAME_LIMIT:
        return [Breach("lead_name", "max_length", too_long("Named lead", LEAD_NAME_LIMIT))]
    return []


def recommendations(chosen, partnership) -> list[Breach]:
    if not chosen:
        return [Breach("recommendations", "required", RECOMMENDATION_REQUIRED)]
    if any(r.framework_id != partnership.framework_id for r in chosen):
        return [Breach("recommendations", "invalid_choice", RECOMMENDATION_OF_ANOTHER_FRAMEWORK)]
    return []


def owner_agency(owner, partnership) -> list[Breach]:
    if owner is None or owner.partnership_id != partnership.pk:
        return [Breach("owner_agency", "invalid_choice", OWNER_NOT_OF_THIS_PARTNERSHIP)]
    return []


def contributing_agencies(agencies, partnership) -> list[Breach]:
    if any(agency.partnership_id != partnership.pk for agency in agencies):
        return [Breach("contributing_agencies", "invalid_choice", CONTRIBUTOR_NOT_OF_THIS_PARTNERSHIP)]
    return []


def cited_evidence(values: dict, partnership, already_cited=frozenset()) -> list[Breach]:
    """Each kind of evidence cited: the partnership's own, and current unless the item cites it already."""
    breaches = []
    for name, what in (("completion_evidence", "completion"), ("impact_evidence", "impact")):
        for evidence in values[name]:
            if evidence.partnership_id != partnership.pk:
                breaches.append(Breach(name, "invalid_choice", EVIDENCE_OF_ANOTHER_PARTNERSHIP.format(what=what)))
                break
            if evidence.is_withdrawn and evidence.pk not in already_cited:
                message = EVIDENCE_WITHDRAWN.format(title=evidence.title, what=what)
                breaches.append(Breach(name, "withdrawn", message))
    return breaches


def shows_impact(evidence) -> bool:
    """Whether any of `evidence` is current and graded as showing the impact on children."""
    return any(e.strength == Evidence.Strength.IMPACT and not e.is_withdrawn for e in evidence)


def impact(impact_evidenced: bool, impact_evidence) -> list[Breach]:
    """Impact on children marked evidenced needs evidence of impact that shows it (`shows_impact`)."""
    if not impact_evidenced:
        return []
    if not impact_evidence:
        return [Breach("impact_evidence", "impact_not_selected", IMPACT_NOT_SELECTED)]
    if not shows_impact(impact_evidence):
        return [Breach("impact_evidence", "impact_not_shown", IMPACT_NOT_SHOWN)]
    return []


def status(value) -> list[Breach]:
    if value not in STATUSES:
        return [Breach("status", "invalid_choice", STATUS_REQUIRED)]
    return []


def dates(start, due) -> list[Breach]:
    breaches = []
    if start is None:
        breaches.append(Breach("start_date", "required", START_REQUIRED))
    if due is None:
        breaches.append(Breach("due_date", "required", DUE_REQUIRED))
    if start is not None and due is not None and due < start:
        breaches.append(Breach("due_date", "due_before_start", DUE_BEFORE_START))
    return breaches
