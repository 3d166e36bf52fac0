"""The permission check every API write makes against the key owner's Django permissions."""


class NotAllowed(PermissionError):
    """The key's owner lacks the Django permission this change needs."""


def require(user, *perms: str) -> None:
    missing = [perm for perm in perms if not user.has_perm(perm)]
    if missing:
        raise NotAllowed(f"You do not have permission: {', '.join(missing)}.")
