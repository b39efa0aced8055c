"""Fictional demo partnerships and people, so a newcomer can sign in and look around.

Every place, agency and person here is invented.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from partnerships.models import Agency, Membership, Partnership
from recommendations.models import AgencyType, Framework

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
    return list(users)
