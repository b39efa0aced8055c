"""Fictional demo partnerships and people, so a newcomer can sign in and look around.

Every place, agency and person here is invented. Every date, the moments records were saved included, is
worked out from the day the demo is seeded, so the story reads like a real year on whatever day it is run:
evidence logged a few days after its own date, challenges raised before they fall due and answered after,
progress updates spread over months, the previous review a year back. Running it again duplicates nothing:
it finds each record by what it says and dates it afresh.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partnerships.models import (
    ActionItem,
    Agency,
    Evidence,
    LeadSafeguardingPartner,
    Membership,
    Partnership,
    ProgressUpdate,
)
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
    # The chief officer of police's delegate answers escalated challenges through a viewer's membership.
    "police-partner": ("northmere", Membership.Role.VIEWER, None, ("Casey", "Brennan")),
}
# Northmere's three lead safeguarding partners (decision 0020): organisation, name, job title, email, delegate,
# and the demo user who signs in for them (None: told by email only).
SAFEGUARDING_PARTNERS = [
    ("local_authority", "Helen Marsh", "Chief Executive, Northmere City Council", "chief.executive", False, None),
    (
        "integrated_care_board",
        "Dr Amir Shah",
        "Chief Executive, Northmere and Dale Integrated Care Board",
        "icb.chief.executive",
        False,
        None,
    ),
    (
        "police",
        "Casey Brennan",
        "Detective Superintendent, for the Chief Constable of Northmere Constabulary",
        "police-partner",
        True,
        "police-partner",
    ),
]
# The scrutineer also scrutinises a second partnership, to show one person with several roles.
EXTRA_MEMBERSHIPS = [("scrutineer", "oakhollow", Membership.Role.SCRUTINEER)]


@transaction.atomic
def seed_demo(*, password: str, today: datetime.date | None = None) -> list[str]:
    """Create or update the demo data, dated from `today`; running it again duplicates nothing.

    Returns the usernames.
    """
    story = Story(today or timezone.localdate())
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
    northmere = partnerships["northmere"]
    for organisation, name, job_title, mailbox, is_delegate, username in SAFEGUARDING_PARTNERS:
        membership = northmere.memberships.get(user=users[username]) if username else None
        LeadSafeguardingPartner.objects.update_or_create(
            partnership=northmere,
            organisation=organisation,
            defaults={
                "name": name,
                "job_title": job_title,
                "email": f"{mailbox}@example.org",
                "is_delegate": is_delegate,
                "membership": membership,
            },
        )
    for partnership in partnerships.values():
        seed_review(partnership, story)
    return list(users)


class Story:
    """The demo's calendar, from the day it is seeded."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.period = content.review_period(today)
        self.previous_period = content.previous_review_period(today)

    def days_ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    def in_days(self, days: int) -> datetime.date:
        return self.today + datetime.timedelta(days=days)

    @staticmethod
    def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        """A moment in the working day, in the service's time zone."""
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# A review of either kind, whatever years its title names (they follow the day the demo is seeded).
CURRENT_REVIEW_TITLE = rf"^Assurance review [0-9]{{4}}( to [0-9]{{4}})?: {content.REVIEW_SUBJECT}$"
PREVIOUS_REVIEW_TITLE = r"^Assurance review [0-9]{4}( to [0-9]{4})?$"


def _save(obj, *, when: datetime.datetime, by, stamps: dict, **links):
    """Save a demo record and set its many-to-many links, with one history record: its creation, at `when`.

    django-simple-history would stamp a record "now" for the save and for each link; a second run of the demo
    adds none and dates the creation afresh. `stamps` are the record's automatic timestamps, set to the story's
    moments (in its history record too).
    """
    obj.skip_history_when_saving = True
    try:
        obj.save()
        for name, values in links.items():
            getattr(obj, name).set(values)
    finally:
        del obj.skip_history_when_saving
    _stamp(obj, **stamps)
    first = obj.history.order_by("history_date", "history_id").first()
    if first is None:
        obj._history_date, obj._history_user = when, by
        obj.save()  # the one record, with the links as they now stand (and auto_now fields set to now: restamped)
        obj.history.update(history_type="+")
        _stamp(obj, **stamps)
    else:
        kept = {name: value for name, value in stamps.items() if hasattr(first, name)}
        obj.history.filter(history_id=first.history_id).update(history_date=when, **kept)


def _stamp(obj, **moments):
    """Set automatic timestamps (auto_now, auto_now_add) to the story's moments: an UPDATE bypasses them."""
    type(obj).objects.filter(pk=obj.pk).update(**moments)
    for name, value in moments.items():
        setattr(obj, name, value)


def _review(partnership, pattern, *, title, period, status, by):
    review = partnership.reviews.filter(title__regex=pattern).order_by("pk").first() or Review(partnership=partnership)
    review.title, (review.period_start, review.period_end), review.status = title, period, status
    # Set up three weeks before its period begins.
    created = Story.at(period[0] - datetime.timedelta(days=21), 9, 30)
    _save(review, when=created, by=by, stamps={"created_at": created})
    if by:
        review.scrutineers.add(by)
    return review


def _judge(record, *, when, by, evidence=()):
    record.updated_by = by
    _save(record, when=when, by=by, stamps={"updated_at": when}, evidence=list(evidence))


def seed_review(partnership, story: Story):
    """A review with evidence across all six recommendations, some judgements, open and answered challenges."""
    scrutineer = _member(partnership, Membership.Role.SCRUTINEER)
    lead = _member(partnership, Membership.Role.LEAD) or scrutineer
    period = story.period
    review = _review(
        partnership,
        CURRENT_REVIEW_TITLE,
        title=content.review_title(period),
        period=period,
        status=Review.Status.JUDGING,
        by=scrutineer or lead,
    )

    agencies = {}
    for agency in partnership.agencies.order_by("pk"):
        agencies.setdefault(agency.type, agency)
    framework = partnership.framework
    recommendations = {r.code: r for r in framework.recommendations.all()}
    questions = {q.code: q for q in framework.questions.all()}
    evidence = {}
    for number, (title, summary, kind, source, strength, agency_type, days_in, recs, question_codes) in enumerate(
        content.EVIDENCE
    ):
        item = partnership.evidence.filter(title=title).order_by("pk").first() or Evidence(
            partnership=partnership, title=title
        )
        item.summary, item.type, item.source, item.strength = summary, kind, source, strength
        item.date = period[0] + datetime.timedelta(days=days_in)
        item.agency = agencies.get(agency_type)
        item.confirmed_no_identifying_details = True
        item.created_by = lead
        # Logged a few days after the meeting, audit or report it is evidence of.
        logged = story.at(item.date + datetime.timedelta(days=2 + number % 5), 10, 15)
        _save(
            item,
            when=logged,
            by=lead,
            stamps={"created_at": logged, "updated_at": logged},
            recommendations=[recommendations[code] for code in recs],
            questions=[questions[code] for code in question_codes],
        )
        evidence[title] = item

    # Judged in the last few weeks, after the evidence they rely on was logged.
    for number, (code, (level, rationale, strengths, areas, titles)) in enumerate(content.JUDGEMENTS.items()):
        judgement = Judgement.objects.filter(review=review, recommendation=recommendations[code]).first() or (
            Judgement(review=review, recommendation=recommendations[code])
        )
        judgement.level, judgement.rationale = level, rationale
        judgement.strengths, judgement.areas_for_improvement = strengths, areas
        when = story.at(story.days_ago(10 + 3 * number), 15, 40)
        _judge(judgement, when=when, by=scrutineer, evidence=[evidence[title] for title in titles])
    for number, (code, (response, note)) in enumerate(content.QUESTION_RESPONSES.items()):
        answer = QuestionResponse.objects.filter(review=review, question=questions[code]).first() or (
            QuestionResponse(review=review, question=questions[code])
        )
        answer.partnership_response, answer.scrutineer_note = response, note
        _judge(answer, when=story.at(story.days_ago(18 + 2 * number), 11, 5), by=scrutineer)

    seed_previous_review(partnership, recommendations, scrutineer, story)
    seed_action_plan(partnership, agencies, recommendations, evidence, lead, story)

    if scrutineer is None:
        return
    people = {"scrutineer": scrutineer, "lead": lead}
    for agency_type, text, recs, raised_ago, due_in, steps in content.CHALLENGES:
        agency = agencies.get(agency_type) if agency_type else None
        raised = story.at(story.days_ago(raised_ago), 11, 20)
        challenge = partnership.challenges.filter(text=text).order_by("pk").first()
        if challenge is None:
            challenge = Challenge(partnership=partnership, text=text, raised_by=scrutineer)
            for _, kind, _, _ in steps:
                challenge.status = STATUS_AFTER[kind]
        challenge.review, challenge.agency = review, agency
        challenge.response_due = story.in_days(due_in)
        _save(
            challenge,
            when=raised,
            by=scrutineer,
            stamps={"raised_at": raised},
            recommendations=[recommendations[code] for code in recs],
        )
        timeline = [(raised, ChallengeStep.Kind.RAISED, scrutineer, text)]
        for days_ago, kind, who, step_text in steps:
            person = people.get(who) or _contributor_for(partnership, agency) or lead
            timeline.append((story.at(story.days_ago(days_ago), 14, 45), kind, person, step_text))
        for at, kind, person, step_text in timeline:
            step = challenge.steps.filter(kind=kind, text=step_text).order_by("pk").first()
            if step is None:
                ChallengeStep.objects.create(challenge=challenge, kind=kind, text=step_text, by=person, at=at)
            elif step.at != at:
                step.at = at
                step.save(update_fields=["at"])


def seed_previous_review(partnership, recommendations, scrutineer, story: Story):
    period = story.previous_period
    review = _review(
        partnership,
        PREVIOUS_REVIEW_TITLE,
        title=content.previous_review_title(period),
        period=period,
        status=Review.Status.PUBLISHED,
        by=scrutineer,
    )
    # Judged in the month after the period ended.
    for number, (code, (level, rationale)) in enumerate(content.PREVIOUS_JUDGEMENTS.items()):
        judgement = Judgement.objects.filter(review=review, recommendation=recommendations[code]).first() or (
            Judgement(review=review, recommendation=recommendations[code])
        )
        judgement.level, judgement.rationale = level, rationale
        when = story.at(period[1] + datetime.timedelta(days=14 + number), 14, 10)
        _judge(judgement, when=when, by=scrutineer)


def seed_action_plan(partnership, agencies, recommendations, evidence, lead, story: Story):
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
        item = partnership.actions.filter(description=description).order_by("pk").first() or ActionItem(
            partnership=partnership, description=description
        )
        item.owner_agency, item.lead_name, item.status, item.impact_evidenced = owner, lead_name, status, impact
        item.start_date, item.due_date = story.in_days(start_in), story.in_days(due_in)
        item.created_by = lead
        # Put on the plan the week before work on it starts.
        created = story.at(item.start_date - datetime.timedelta(days=7), 10, 0)
        _save(
            item,
            when=created,
            by=lead,
            stamps={"created_at": created, "updated_at": created},
            recommendations=[recommendations[code] for code in codes],
            contributing_agencies=[agencies[t] for t in contributor_types if t in agencies and agencies[t] != owner],
            # Impact is evidenced only by evidence graded as showing it (partnerships.actions).
            impact_evidence=[e for e in evidence.values() if e.strength == Evidence.Strength.IMPACT][:1]
            if impact
            else [],
        )
        last_saved = created
        previous = ActionItem.Status.NOT_STARTED
        for days_ago, who, note, new_status in sorted(updates, key=lambda update: -update[0]):
            author = (_contributor_for(partnership, owner) if who == "contributor" else None) or lead
            date = story.days_ago(days_ago)
            saved = story.at(date, 16, 30)
            update = item.updates.filter(note=note).order_by("pk").first() or ProgressUpdate(item=item, note=note)
            update.date, update.author = date, author
            update.status_from, update.status_to = (previous, new_status) if new_status else ("", "")
            update.save()
            _stamp(update, created_at=saved)
            previous = new_status or previous
            last_saved = max(last_saved, saved)
        _stamp(item, updated_at=last_saved)


STATUS_AFTER = {"response": Challenge.Status.RESPONDED, "accepted": Challenge.Status.ACCEPTED}


def _member(partnership, role):
    membership = partnership.memberships.filter(role=role).select_related("user").order_by("pk").first()
    return membership.user if membership else None


def _contributor_for(partnership, agency):
    membership = partnership.memberships.filter(role=Membership.Role.CONTRIBUTOR, agency=agency).first()
    return membership.user if membership else None
