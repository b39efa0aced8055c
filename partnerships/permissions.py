"""The one permission policy: each permission is a name, declared at the view and checked by the same
name in services.

A permission is a rule of Membership (partnerships/models.py): a property for what a role may do anywhere
in its partnership (`can_log_evidence`), or a method for what it may do to one object
(`can_edit_evidence(evidence)`). A view declares the permission it needs with
`@member_required("can_log_evidence")` (partnerships/access.py); a service that changes data takes the
acting membership and calls `require(membership, "can_log_evidence")`, or with the object,
`require(membership, "can_edit_evidence", evidence)`. tests/pages/permissions/test_permissions*.py hold the table
of what each role gets at every URL.
"""

from django.core.exceptions import PermissionDenied


def allows(membership, permission: str, obj=None) -> bool:
    """Whether `membership` holds `permission` (on `obj`, for a permission about one object).

    An unknown name, or an object given to a permission that takes none (or none to one that takes
    one), is a programming error and raises at once rather than answering no.
    """
    rule = getattr(type(membership), permission)
    if isinstance(rule, property):
        if obj is not None:
            raise TypeError(f"{permission} is not about one object")
        return bool(getattr(membership, permission))
    if obj is None:
        raise TypeError(f"{permission} needs the object it is about")
    return bool(getattr(membership, permission)(obj))


def require(membership, permission: str, obj=None) -> None:
    """PermissionDenied unless `membership` holds `permission` (on `obj`)."""
    if not allows(membership, permission, obj):
        raise PermissionDenied(f"This role does not have {permission}.")
