"""The scrutineer's yearly statement: written by scrutineers, one per partnership and twelve months, saved
like every edited record (refused if stale). Its reports are asked for through scrutiny.reports."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from common.history import one_history_record
from common.versioning import save_fields
from partnerships.permissions import require
from scrutiny.models import YearlyStatement


class StatementExists(Exception):
    """A statement of these twelve months exists already; `statement` is it."""

    def __init__(self, statement):
        self.statement = statement
        super().__init__(f"{statement.title} exists already")


def create_statement(
    *, membership, period_start, overall_statement="", methods="", change_reason=""
) -> YearlyStatement:
    require(membership, "can_write_statements")
    statement = YearlyStatement(
        partnership=membership.partnership,
        period_start=period_start,
        period_end=YearlyStatement.twelve_months_from(period_start),
        overall_statement=overall_statement,
        methods=methods,
        created_by=membership.user,
    )
    if change_reason:
        statement._change_reason = change_reason
    try:
        with transaction.atomic(), one_history_record(statement, by=membership.user, created=True):
            statement.save()
    except IntegrityError:
        raise StatementExists(
            YearlyStatement.objects.get(partnership=membership.partnership, period_start=period_start)
        ) from None
    return statement


def save_statement(
    *, membership, statement, seen_version: int, overall_statement: str, methods: str, change_reason=""
) -> bool:
    """Save the statement's words unless it changed since it was opened (StaleEdit); False if nothing changed."""
    require(membership, "can_write_statements")
    if statement.partnership_id != membership.partnership_id:
        raise PermissionDenied("Not a statement of this partnership.")
    values = {"overall_statement": overall_statement, "methods": methods}
    reason = change_reason or "Changed the statement"
    return save_fields(statement, values=values, seen_version=seen_version, by=membership.user, change_reason=reason)
