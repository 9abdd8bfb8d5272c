"""Who acts on a service: the logged-in user, or the anonymous visitor of a public page (``request.user``).

Services take ``actor: Actor`` (or ``Actor | None`` where ``None`` is the system: imports, the demo, tasks). The
access policy decides what each may do; this alias only names the type every caller really passes.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from motcua.accounts.models import User

Actor = User | AnonymousUser


def user_of(actor: Actor | None) -> User | None:
    """The user to record as having acted (an event's actor, a file's uploader): ``None`` for the system or an
    anonymous visitor."""
    return actor if isinstance(actor, User) and actor.pk else None


def acting_user(actor: Actor) -> User:
    """The logged-in user behind an action the access policy has already allowed (only users hold roles)."""
    if not isinstance(actor, User):
        raise TypeError("an allowed action always has a logged-in user")
    return actor
