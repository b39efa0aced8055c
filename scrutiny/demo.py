"""Fictional demo partnerships and people, so a newcomer can sign in and look around.

Every place, agency and person here is invented.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partnerships.models import ActionItem, Agency, Evidence, Membership, Partnership, ProgressUpdate
from recommendations.models import AgencyType, Framework
from scrutiny import demo_content as content
from scrutiny.models import Challenge, ChallengeStep, Judgement, QuestionResponse, Review

DEMO_FRAMEWORK_CODE = "csa-family-environment-2024"

PARTNERSHIPS = [
    {
        "slug": "northmere",
        "name": "Northmere Safeguarding Children Partnership",
        "area": "Northmere City Council",
        "agencies": [
            ("Northmere Constabulary", AgencyType.POLICE),
            ("Northmere Children's Services", AgencyType.CHILDRENS_SOCIAL_CARE),
            ("Northmere and Dale Integrated Care Board", AgencyType.HEALTH),
            ("Probation Service, Northmere delivery unit", AgencyType.PROBATION),
            ("Northmere Schools Safeguarding Network", AgencyType.EDUCATION),
            ("Northmere Early Years Alliance", AgencyType.EARLY_YEARS),
            ("Northmere Youth Justice Service", AgencyType.YOUTH_JUSTICE),
            ("Harbour Lights Family Support", AgencyType.VOLUNTARY_SECTOR),
        ],
    },
    {
        "slug": "castlebrook-and-wendle",
        "name": "Castlebrook and Wendle Children's Safeguarding Partnership",
        "area": "Castlebrook Borough and Wendle District",
        "agencies": [
            ("Wendleshire Police", AgencyType.POLICE),
            ("Castlebrook Children's Social Care", AgencyType.CHILDRENS_SOCIAL_CARE),
            ("Wendleshire Community Health NHS Trust", AgencyType.HEALTH),
            ("Probation Service, Wendleshire", AgencyType.PROBATION),
            ("Castlebrook Education Safeguarding Team", AgencyType.EDUCATION),
        ],
    },
    {
        "slug": "oakhollow",
        "name": "Oakhollow Safeguarding Partnership for Children",
        "area": "Oakhollow County",
        "agencies": [
            ("Oakhollow Police", AgencyType.POLICE),
            ("Oakhollow County Children's Services", AgencyType.CHILDRENS_SOCIAL_CARE),
            ("Oakhollow Hospitals NHS Foundation Trust", AgencyType.HEALTH),
        ],
    },
]

# username: (partnership slug, role, agency name or None, display name)
PEOPLE = {
    "scrutineer": ("northmere", Membership.Role.SCRUTINEER, None, ("Morgan", "Ashdown")),
    "lead": ("northmere", Membership.Role.LEAD, None, ("Priya", "Lindqvist")),
    "contributor": (
        "northmere",
        Membership.Role.CONTRIBUTOR,
        "Northmere and Dale Integrated Care Board",
        ("Sam", "Okafor"),
    ),
    "viewer": ("northmere", Membership.Role.VIEWER, None, ("Jordan", "Pell")),
    "outsider": ("castlebrook-and-wendle", Membership.Role.LEAD, None, ("Alex", "Tremayne")),
    "castlebrook-scrutineer": ("castlebrook-and-wendle", Membership.Role.SCRUTINEER, None, ("Robin", "Hale")),
}
# The scrutineer also scrutinises a second partnership, to show one person with several roles.
EXTRA_MEMBERSHIPS = [("scrutineer", "oakhollow", Membership.Role.SCRUTINEER)]


@transaction.atomic
def seed_demo(*, password: str) -> list[str]:
    """Create or update the demo data; running it again duplicates nothing. Returns the usernames."""
    framework = Framework.objects.get(code=DEMO_FRAMEWORK_CODE)
    partnerships = {}
    for spec in PARTNERSHIPS:
        partnership, _ = Partnership.objects.update_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "area": spec["area"], "framework": framework}
        )
        for name, agency_type in spec["agencies"]:
            Agency.objects.update_or_create(partnership=partnership, name=name, defaults={"type": agency_type})
        partnerships[spec["slug"]] = partnership

    User = get_user_model()
    users = {}
    for username, (slug, role, agency_name, (first, last)) in PEOPLE.items():
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        users[username] = user
        partnership = partnerships[slug]
        agency = partnership.agencies.get(name=agency_name) if agency_name else None
        Membership.objects.update_or_create(
            user=user, partnership=partnership, defaults={"role": role, "agency": agency}
        )
    for username, slug, role in EXTRA_MEMBERSHIPS:
        Membership.objects.update_or_create(
            user=users[username], partnership=partnerships[slug], defaults={"role": role, "agency": None}
        )
    for partnership in partnerships.values():
        seed_review(partnership)
    return list(users)


def _member(partnership, role):
    membership = partnership.memberships.filter(role=role).select_related("user").order_by("pk").first()
    return membership.user if membership else None


def seed_review(partnership):
    """A review with evidence across all six recommendations, some judgements, open and answered challenges."""
    scrutineer = _member(partnership, Membership.Role.SCRUTINEER)
    lead = _member(partnership, Membership.Role.LEAD) or scrutineer
    start, end = content.REVIEW_PERIOD
    review, _ = Review.objects.update_or_create(
        partnership=partnership,
        title=content.REVIEW_TITLE,
        defaults={"period_start": start, "period_end": end, "status": Review.Status.JUDGING},
    )
    if scrutineer:
        review.scrutineers.add(scrutineer)

    agencies = {}
    for agency in partnership.agencies.order_by("pk"):
        agencies.setdefault(agency.type, agency)
    framework = partnership.framework
    recommendations = {r.code: r for r in framework.recommendations.all()}
    questions = {q.code: q for q in framework.questions.all()}
    evidence = {}
    for title, summary, kind, source, strength, agency_type, date, recs, question_codes in content.EVIDENCE:
        item, _ = Evidence.objects.update_or_create(
            partnership=partnership,
            title=title,
            defaults={
                "summary": summary,
                "type": kind,
                "source": source,
                "strength": strength,
                "date": date,
                "agency": agencies.get(agency_type),
                "confirmed_no_identifying_details": True,
                "created_by": lead,
            },
        )
        item.recommendations.set([recommendations[code] for code in recs])
        item.questions.set([questions[code] for code in question_codes])
        evidence[title] = item

    for code, (level, rationale, strengths, areas, titles) in content.JUDGEMENTS.items():
        judgement, _ = Judgement.objects.update_or_create(
            review=review,
            recommendation=recommendations[code],
            defaults={
                "level": level,
                "rationale": rationale,
                "strengths": strengths,
                "areas_for_improvement": areas,
                "updated_by": scrutineer,
            },
        )
        judgement.evidence.set([evidence[title] for title in titles])
    for code, (response, note) in content.QUESTION_RESPONSES.items():
        QuestionResponse.objects.update_or_create(
            review=review,
            question=questions[code],
            defaults={"partnership_response": response, "scrutineer_note": note, "updated_by": scrutineer},
        )

    seed_previous_review(partnership, recommendations, scrutineer)
    seed_action_plan(partnership, agencies, recommendations, evidence, lead)

    if scrutineer is None:
        return
    people = {"scrutineer": scrutineer, "lead": lead}
    today = timezone.localdate()
    for agency_type, text, recs, due_in, steps in content.CHALLENGES:
        agency = agencies.get(agency_type) if agency_type else None
        if partnership.challenges.filter(text=text).exists():
            continue
        challenge = Challenge.objects.create(
            partnership=partnership,
            review=review,
            agency=agency,
            text=text,
            raised_by=scrutineer,
            response_due=today + datetime.timedelta(days=due_in),
        )
        challenge.recommendations.set([recommendations[code] for code in recs])
        ChallengeStep.objects.create(challenge=challenge, kind=ChallengeStep.Kind.RAISED, text=text, by=scrutineer)
        for kind, who, step_text in steps:
            person = people.get(who) or _contributor_for(partnership, agency) or lead
            ChallengeStep.objects.create(challenge=challenge, kind=kind, text=step_text, by=person)
            challenge.status = STATUS_AFTER[kind]
        challenge.save()


def seed_previous_review(partnership, recommendations, scrutineer):
    start, end = content.PREVIOUS_REVIEW_PERIOD
    review, _ = Review.objects.update_or_create(
        partnership=partnership,
        title=content.PREVIOUS_REVIEW_TITLE,
        defaults={"period_start": start, "period_end": end, "status": Review.Status.PUBLISHED},
    )
    if scrutineer:
        review.scrutineers.add(scrutineer)
    for code, (level, rationale) in content.PREVIOUS_JUDGEMENTS.items():
        Judgement.objects.update_or_create(
            review=review,
            recommendation=recommendations[code],
            defaults={"level": level, "rationale": rationale, "updated_by": scrutineer},
        )


def seed_action_plan(partnership, agencies, recommendations, evidence, lead):
    today = timezone.localdate()
    fallback = next(iter(agencies.values()))
    for (
        description,
        codes,
        owner_type,
        contributor_types,
        lead_name,
        start_in,
        due_in,
        status,
        impact,
        updates,
    ) in content.ACTIONS:
        owner = agencies.get(owner_type, fallback)
        item, created = ActionItem.objects.update_or_create(
            partnership=partnership,
            description=description,
            defaults={
                "owner_agency": owner,
                "lead_name": lead_name,
                "start_date": today + datetime.timedelta(days=start_in),
                "due_date": today + datetime.timedelta(days=due_in),
                "status": status,
                "impact_evidenced": impact,
                "created_by": lead,
            },
        )
        item.recommendations.set([recommendations[code] for code in codes])
        item.contributing_agencies.set(
            [agencies[t] for t in contributor_types if t in agencies and agencies[t] != owner]
        )
        if not created:
            continue
        previous = ActionItem.Status.NOT_STARTED
        for days_ago, who, note, new_status in updates:
            author = _contributor_for(partnership, owner) if who == "contributor" else None
            ProgressUpdate.objects.create(
                item=item,
                date=today - datetime.timedelta(days=days_ago),
                author=author or lead,
                note=note,
                status_from=previous if new_status else "",
                status_to=new_status or "",
            )
            previous = new_status or previous
        if status == ActionItem.Status.COMPLETE and impact:
            item.impact_evidence.set(list(evidence.values())[:1])


STATUS_AFTER = {"response": Challenge.Status.RESPONDED, "accepted": Challenge.Status.ACCEPTED}


def _contributor_for(partnership, agency):
    membership = partnership.memberships.filter(role=Membership.Role.CONTRIBUTOR, agency=agency).first()
    return membership.user if membership else None
