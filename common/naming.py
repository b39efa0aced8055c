"""How people and agencies are named on pages, in emails, exports and reports: one rule each."""

PARTNERSHIP_AS_A_WHOLE = "The partnership as a whole"


def display_name(user, *, nobody: str = "") -> str:
    """A person's full name, or their username when they have none; `nobody` when there is no person."""
    if user is None:
        return nobody
    return user.get_full_name() or user.get_username()


def agency_or_partnership(agency, *, in_a_sentence: bool = False) -> str:
    """The agency's name (an Agency or its name), or the partnership as a whole when there is none."""
    if not agency:
        return PARTNERSHIP_AS_A_WHOLE.lower() if in_a_sentence else PARTNERSHIP_AS_A_WHOLE
    return getattr(agency, "name", agency)
