"""The fictional content of the demo partnerships' reviews: evidence, judgements and challenges.

Written to read like a real partnership's material; every name and figure is invented,
and no item identifies a child or family.
"""

import datetime

# Every date is worked out from the day the demo is seeded (`today`), so that the story reads the same on any
# day: the current review began eight months ago, the previous one a year before it, evidence was logged a
# few days after its own date, challenges were raised before they fell due and answered after they were raised.
MONTHS_INTO_REVIEW = 8
REVIEW_SUBJECT = "child sexual abuse in the family environment"


def _first_of_month(day: datetime.date, months_later: int) -> datetime.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months_later, 12)
    return datetime.date(year, month + 1, 1)


def review_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The current review: twelve months from the first of the month eight months before today's."""
    start = _first_of_month(today, -MONTHS_INTO_REVIEW)
    return start, _first_of_month(start, 12) - datetime.timedelta(days=1)


def previous_review_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The twelve months before the current review."""
    start, _ = review_period(today)
    return _first_of_month(start, -12), start - datetime.timedelta(days=1)


def _years(period) -> str:
    start, end = period
    return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"


def review_title(period) -> str:
    return f"Assurance review {_years(period)}: {REVIEW_SUBJECT}"


def previous_review_title(period) -> str:
    return f"Assurance review {_years(period)}"


# title, summary, type, source, strength, agency type (None: the partnership), date (days after the current review
# began), recommendations, questions
EVIDENCE = [
    (
        "Executive minutes: the national review's findings considered",
        "The executive of the three safeguarding partners considered the national review and agreed to develop a "
        "local action plan, with named leads from police, health and children's social care.",
        "minutes",
        "policy",
        "documented",
        None,
        21,
        ["R1"],
        ["SQ1"],
    ),
    (
        'Local action plan in response to "I wanted them all to notice"',
        "Twenty-two actions across the six local recommendations, each with an owner and a due date. Measures of "
        "impact for children are not yet defined for most actions.",
        "action_plan",
        "policy",
        "documented",
        None,
        43,
        ["R1"],
        ["SQ2"],
    ),
    (
        "Child sexual abuse data profile, first two quarters",
        "Referrals, strategy discussions and section 47 enquiries where sexual abuse in the family was a concern, "
        "broken down by agency and by age band. Health and education data are incomplete.",
        "data",
        "data",
        "documented",
        "childrens_social_care",
        187,
        ["R1", "R2"],
        ["SQ3"],
    ),
    (
        "Multi-agency training needs assessment on child sexual abuse",
        "A survey of 412 practitioners and 30 managers across eight agencies. Confidence in talking to children "
        "about sexual abuse was lowest in early years settings and general practice.",
        "training",
        "practitioners",
        "tested",
        None,
        90,
        ["R2", "R5"],
        ["SQ5"],
    ),
    (
        "Designated safeguarding leads' survey: recognising signs and indicators",
        "Responses from 96 schools. Most leads knew the signs and indicators guidance; fewer had used it with "
        "staff in the last year.",
        "survey",
        "practitioners",
        "documented",
        "education",
        100,
        ["R2"],
        ["SQ7"],
    ),
    (
        "Early years settings: briefing sessions delivered",
        "Attendance records for six briefing sessions on child sexual abuse in the family environment for early "
        "years practitioners and childminders.",
        "training",
        "practitioners",
        "stated",
        "early_years",
        176,
        ["R2"],
        [],
    ),
    (
        "Audit of closure records after section 47 enquiries",
        "Twenty case files where a police investigation closed. In 14 the record explained why and showed the "
        "reason was shared with other agencies; in 6 it said only NFA. The audit recommends recording "
        '"no further police action at this time" and planning support for the child.',
        "audit",
        "audit",
        "tested",
        "childrens_social_care",
        139,
        ["R3"],
        [],
    ),
    (
        "Audit of strategy discussions for health representation",
        "Twenty strategy discussions where sexual abuse was suspected. A health representative with relevant "
        "clinical experience took part in 11; in 9 health was not invited or not available.",
        "audit",
        "audit",
        "tested",
        "health",
        154,
        ["R6", "R3"],
        ["SQ9"],
    ),
    (
        "Probation and police information-sharing protocol",
        "A protocol for sharing information about people presenting a risk of sexual harm who have contact with "
        "children, with single points of contact in probation and the police public protection unit.",
        "strategy",
        "policy",
        "documented",
        "probation",
        65,
        ["R4"],
        ["SQ4"],
    ),
    (
        "Civil orders and risk management: quarterly data",
        "Sexual harm prevention orders and sexual risk orders applied for and granted, and home visits to "
        "registered offenders completed on time.",
        "data",
        "data",
        "documented",
        "police",
        183,
        ["R4"],
        [],
    ),
    (
        "Health pathway to the sexual assault referral centre",
        "The pathway for forensic medical and other health assessments for recent and non-recent sexual abuse, "
        "published on the partnership's website with a one-page guide for practitioners.",
        "strategy",
        "policy",
        "documented",
        "health",
        57,
        ["R6"],
        ["SQ9"],
    ),
    (
        "Children's feedback from the youth forum on talking to adults about abuse",
        "Young people described what helped them tell someone and what stopped them. They asked that adults "
        "explain what happens next and keep them informed when an investigation ends.",
        "voices",
        "voices",
        "tested",
        "voluntary_sector",
        111,
        ["R5", "R3"],
        ["SQ8"],
    ),
    (
        "Foster carers' training: talking to children about sexual abuse",
        "Course materials and attendance for foster carers, with evaluation forms showing increased confidence "
        "three months later.",
        "training",
        "practitioners",
        "tested",
        "childrens_social_care",
        167,
        ["R5"],
        [],
    ),
    (
        "Therapeutic support for children after disclosure: waiting times",
        "Median wait of 19 weeks for therapeutic support, longer during a criminal investigation. Commissioners "
        "have agreed a review of capacity.",
        "data",
        "data",
        "documented",
        "health",
        194,
        ["R6", "R5"],
        ["SQ10"],
    ),
    (
        "Community and faith leaders' workshop on barriers to telling",
        "Notes from a workshop with community and faith leaders on how culture, language and faith can affect "
        "whether children and families talk about sexual abuse.",
        "minutes",
        "voices",
        "stated",
        "voluntary_sector",
        127,
        ["R5"],
        ["SQ6"],
    ),
]

# recommendation: (level, rationale, strengths, areas for improvement, titles of evidence relied on)
JUDGEMENTS = {
    "R1": (
        "reasonable",
        "The partners considered the review promptly and agreed an action plan with named owners. The plan "
        "has few measures of impact for children, and health and education data are incomplete.",
        "Prompt executive ownership; every recommendation has at least one action.",
        "Define impact measures; complete the data profile with health and education.",
        [
            "Executive minutes: the national review's findings considered",
            'Local action plan in response to "I wanted them all to notice"',
            "Child sexual abuse data profile, first two quarters",
        ],
    ),
    "R4": (
        "limited",
        "A protocol exists, but there is no evidence yet that it is used, and civil orders are applied for "
        "in few cases.",
        "Named single points of contact in probation and the police.",
        "Test the protocol in practice through a multi-agency audit.",
        ["Probation and police information-sharing protocol", "Civil orders and risk management: quarterly data"],
    ),
    "R6": (
        "limited",
        "The pathway is published, but the audit found health absent from nearly half of strategy "
        "discussions, and children wait too long for therapeutic support.",
        "A clear published pathway to the sexual assault referral centre.",
        "Health attendance at strategy discussions; waiting times for therapeutic support.",
        [
            "Audit of strategy discussions for health representation",
            "Health pathway to the sexual assault referral centre",
            "Therapeutic support for children after disclosure: waiting times",
        ],
    ),
}

QUESTION_RESPONSES = {
    "SQ2": (
        "The action plan was agreed by the executive in the review's second month and is reviewed at each board "
        "meeting.",
        "Ask for the impact measures promised for the next board.",
    ),
    "SQ9": (
        "The pathway is published and has been briefed to all safeguarding teams.",
        "The strategy discussion audit suggests practitioners do not always follow it.",
    ),
}

# (agency type or None, text, recommendations, raised (days ago), response due (days from today; negative:
# overdue), steps)
# steps: (days ago, ChallengeStep kind "response" or "accepted", who: "lead", "contributor" or "scrutineer", text)
CHALLENGES = [
    (
        "health",
        "The strategy discussion audit found no health representative in 9 of 20 discussions. What will health "
        "partners do so that an appropriate health representative takes part every time sexual abuse is suspected?",
        ["R6", "R3"],
        26,
        16,
        [
            (
                5,
                "response",
                "contributor",
                "The designated nurse will join a daily strategy discussion rota from next month, and the paediatric "
                "team will offer telephone consultation when no one can attend.",
            )
        ],
    ),
    (
        "probation",
        "Probation was not invited to two of the three multi-agency risk meetings sampled where a parent had a "
        "previous sexual offence conviction. How will the partnership make sure probation is invited?",
        ["R4"],
        54,
        -12,
        [],
    ),
    (
        None,
        "The action plan has no measures of impact for children. How will the partnership know whether children "
        "are safer as a result?",
        ["R1"],
        72,
        -30,
        [
            (40, "response", "lead", "Impact measures will be agreed with the youth forum and reported quarterly."),
            (33, "accepted", "scrutineer", "Accepted: the measures will be checked at the next board."),
        ],
    ),
]

PREVIOUS_JUDGEMENTS = {
    "R1": ("limited", "The review had just been published; no local plan yet."),
    "R2": ("limited", "No multi-agency training needs assessment had been done."),
    "R3": ("none", "Closure records routinely said only NFA, with no plan for the child."),
    "R4": ("limited", "Information sharing with probation relied on individual contacts."),
    "R5": ("reasonable", "Foster carers' training already covered talking to children."),
    "R6": ("limited", "No published pathway for non-recent abuse."),
}

# description, recommendations, owner agency type, contributing agency types, lead, start, due (days from
# today; negative: overdue), status, impact evidenced,
# updates: (days ago, who: "lead" | "contributor", note, new status or None)
ACTIONS = [
    (
        "Publish the local action plan and report progress to every executive meeting",
        ["R1"],
        "childrens_social_care",
        ["police", "health"],
        "Head of Safeguarding Partnerships",
        -200,
        40,
        "on_track",
        False,
        [(150, "lead", "Plan agreed by the executive.", "on_track")],
    ),
    (
        "Agree impact measures for children with the youth forum",
        ["R1", "R5"],
        "voluntary_sector",
        ["childrens_social_care"],
        "Youth Participation Lead",
        -120,
        -10,
        "at_risk",
        False,
        [
            (60, "lead", "First workshop held; measures drafted.", "on_track"),
            (12, "lead", "Second workshop postponed.", "at_risk"),
        ],
    ),
    (
        "Complete the child sexual abuse data profile with health and education data",
        ["R1", "R2"],
        "childrens_social_care",
        ["health", "education"],
        "Partnership Business Manager",
        -150,
        -25,
        "off_track",
        False,
        [(30, "lead", "Health data sharing agreement still unsigned.", "off_track")],
    ),
    (
        "Deliver the multi-agency training programme on child sexual abuse",
        ["R2"],
        "childrens_social_care",
        ["police", "health", "education", "early_years"],
        "Workforce Development Lead",
        -180,
        120,
        "on_track",
        False,
        [(90, "lead", "Programme designed from the needs assessment.", "on_track")],
    ),
    (
        "Brief every school's designated safeguarding lead on signs and indicators",
        ["R2"],
        "education",
        [],
        "Education Safeguarding Adviser",
        -160,
        -5,
        "complete",
        False,  # a survey of the leads shows the briefing reached them, not yet its impact on children
        [(20, "lead", "All 96 schools briefed; survey repeated.", "complete")],
    ),
    (
        "Adopt the response pathway and replace NFA in closure records",
        ["R3"],
        "police",
        ["childrens_social_care"],
        "Detective Chief Inspector, Public Protection",
        -140,
        21,
        "at_risk",
        False,
        [(14, "lead", "Police records system change delayed.", "at_risk")],
    ),
    (
        "Audit strategy discussions again six months after the rota starts",
        ["R3", "R6"],
        "health",
        ["childrens_social_care", "police"],
        "Designated Nurse",
        -30,
        150,
        "not_started",
        False,
        [],
    ),
    (
        "Set up single points of contact between probation and police",
        ["R4"],
        "probation",
        ["police"],
        "Head of Public Protection, Probation",
        -170,
        -40,
        "complete",
        False,
        [(45, "lead", "Single points of contact named and published.", "complete")],
    ),
    (
        "Multi-agency audit of risk management where a parent has a sexual offence conviction",
        ["R4"],
        "probation",
        ["police", "childrens_social_care"],
        "Probation Quality Lead",
        -60,
        9,
        "on_track",
        False,
        [(10, "lead", "Twelve cases selected.", "on_track")],
    ),
    (
        "Train foster carers in talking to children about sexual abuse",
        ["R5"],
        "childrens_social_care",
        [],
        "Fostering Service Manager",
        -200,
        -60,
        "complete",
        False,  # carers' confidence is evidenced; what changed for children is not yet
        [(70, "lead", "Three cohorts trained; evaluation shows higher confidence.", "complete")],
    ),
    (
        "Health rota for strategy discussions where sexual abuse is suspected",
        ["R6"],
        "health",
        ["childrens_social_care"],
        "Designated Doctor",
        -90,
        12,
        "on_track",
        False,
        [(25, "contributor", "Rota drafted with the paediatric team.", "on_track")],
    ),
    (
        "Reduce waits for therapeutic support after disclosure",
        ["R6", "R5"],
        "health",
        ["voluntary_sector"],
        "Mental Health Commissioner",
        -100,
        200,
        "at_risk",
        False,
        [(8, "contributor", "Extra capacity approved but not yet recruited.", "at_risk")],
    ),
]
