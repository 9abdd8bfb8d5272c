"""Every write of the ratings app: rate a dossier (four channels), pair a counter kiosk, present a dossier on it."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any, TypedDict

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, acting_user, user_of
from motcua.core import clock
from motcua.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from motcua.dossiers.models import Dossier
from motcua.dossiers.tracking import tracking_token
from motcua.dossiers.workflow import State
from motcua.orgs.policy import Action, can, require
from motcua.ratings import events
from motcua.ratings.models import Attitude, BodiesContacted, CameBack, Channel, Kiosk, Rating
from motcua.ratings.selectors import KIOSK_PRESENT_MINUTES, change_window_closed, policy_on

COMMENT_MAX = 2000


class Answers(TypedDict):
    """The applicant's answers: satisfied or not, and the TT 01/2018 criteria (each may be left blank)."""

    satisfied: bool
    came_back: str
    bodies_contacted: str
    attitude: str
    comment: str


PAIRING_CODE_MINUTES = 15
PAIRING_CODE_DIGITS = 8


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _choice(value: str, choices: Any, field: str) -> str:
    if value and value not in choices.values:
        raise ValidationFailed(_("Unknown answer."), code="invalid_choice", fields={field: choices.values})
    return value


def _authorise(
    dossier: Dossier, channel: str, *, actor: Actor | None, token: str, kiosk: Kiosk | None, now: dt.datetime
) -> None:
    if channel == Channel.PORTAL:
        require(actor, Action.APPLY, dossier)
    elif channel == Channel.QR:
        if not (dossier.code and token and hmac.compare_digest(token, tracking_token(dossier.code))):
            raise PermissionDenied(_("The link of the receipt's QR code is not valid."), code="rating_token")
    elif channel == Channel.KIOSK:
        presented = kiosk is not None and kiosk.is_active and kiosk.current_dossier_id == dossier.pk
        if (
            not presented
            or kiosk is None
            or kiosk.presented_at is None
            or (now - kiosk.presented_at > dt.timedelta(minutes=KIOSK_PRESENT_MINUTES))
        ):
            raise PermissionDenied(_("This dossier is not presented on this tablet."), code="kiosk_not_presented")
    elif channel == Channel.PAPER:
        require(actor, Action.RECEIVE, dossier.receiving_agency)
    else:
        raise ValidationFailed(_("Unknown channel."), fields={"channel": Channel.values})


@transaction.atomic
def rating_submit(
    *,
    dossier_id: int,
    satisfied: bool,
    channel: str,
    actor: Actor | None = None,
    token: str = "",
    kiosk: Kiosk | None = None,
    came_back: str = "",
    bodies_contacted: str = "",
    attitude: str = "",
    comment: str = "",
) -> Rating:
    """The applicant rates a dossier whose result was returned; a rating given before may be replaced within the
    policy's window (from the first rating). The earlier rating stays as history."""
    came_back = _choice(came_back, CameBack, "came_back")
    bodies_contacted = _choice(bodies_contacted, BodiesContacted, "bodies_contacted")
    attitude = _choice(attitude, Attitude, "attitude")
    if len(comment) > COMMENT_MAX:
        raise ValidationFailed(
            _("The comment is limited to %(n)d characters.") % {"n": COMMENT_MAX}, fields={"comment": _("Too long.")}
        )
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("receiving_agency", "applicant")
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None:
        raise NotFound(_("No such dossier."), code="dossier_not_found")
    now = clock.now()
    _authorise(dossier, channel, actor=actor, token=token, kiosk=kiosk, now=now)
    if dossier.state != State.RETURNED:
        raise Conflict(_("A dossier can be rated once its result has been returned."), code="rating_not_open")
    current = Rating.objects.select_for_update().filter(dossier=dossier, is_current=True).first()
    if current is not None:
        window = policy_on(current.first_rated_at.astimezone(clock.VN_TZ).date()).replace_window_days
        if change_window_closed(current, now):
            raise Conflict(
                _("This dossier was rated on %(day)s; a rating can only be changed within %(n)d days.")
                % {"day": current.first_rated_at.astimezone(clock.VN_TZ).strftime("%d/%m/%Y"), "n": window},
                code="rating_window_closed",
            )
        current.is_current = False
        current.save(update_fields=["is_current"])
    rating = Rating.objects.create(
        dossier=dossier, satisfied=satisfied, came_back=came_back, bodies_contacted=bodies_contacted,
        attitude=attitude, comment=comment.strip(), channel=channel, rated_at=now,
        first_rated_at=current.first_rated_at if current else now,
        entered_by=user_of(actor), kiosk=kiosk, replaces=current,
    )  # fmt: skip
    if kiosk is not None:
        Kiosk.objects.filter(pk=kiosk.pk).update(current_dossier=None, presented_at=None)
    events.publish(dossier.pk, rating)
    return rating


@transaction.atomic
def kiosk_issue_pairing_code(*, actor: Actor, kiosk_id: int) -> str:
    """A one-time code (8 digits, valid 15 minutes) that pairs a tablet with this kiosk; shown once."""
    kiosk = Kiosk.objects.select_for_update().filter(pk=kiosk_id).first()
    if kiosk is None:
        raise NotFound(_("No such kiosk."), code="kiosk_not_found")
    require(actor, Action.ADMINISTER, kiosk)
    code = "".join(str(secrets.randbelow(10)) for _i in range(PAIRING_CODE_DIGITS))
    kiosk.pairing_code_hash = _hash(code)
    kiosk.pairing_expires_at = clock.now() + dt.timedelta(minutes=PAIRING_CODE_MINUTES)
    kiosk.save(update_fields=["pairing_code_hash", "pairing_expires_at"])
    return code


@transaction.atomic
def kiosk_pair(*, code: str) -> tuple[Kiosk, str]:
    """Pair the tablet holding ``code``: returns the kiosk and the device secret the tablet keeps (in a cookie).
    A tablet paired earlier with the same kiosk stops working."""
    code = (code or "").strip()
    kiosk = (
        Kiosk.objects.select_for_update()
        .filter(pairing_code_hash=_hash(code), pairing_expires_at__gt=clock.now(), is_active=True)
        .first()
        if code.isdigit() and len(code) == PAIRING_CODE_DIGITS
        else None
    )
    if kiosk is None:
        raise ValidationFailed(
            _("This pairing code is not valid or has expired."), code="pairing_code", fields={"code": _("Invalid.")}
        )
    secret = secrets.token_urlsafe(32)
    kiosk.secret_hash, kiosk.paired_at = _hash(secret), clock.now()
    kiosk.pairing_code_hash, kiosk.pairing_expires_at = "", None
    kiosk.save(update_fields=["secret_hash", "paired_at", "pairing_code_hash", "pairing_expires_at"])
    return kiosk, secret


@transaction.atomic
def kiosk_present(*, actor: Actor, kiosk_id: int, dossier_code: str) -> Kiosk:
    """A desk officer shows a returned dossier on the tablet of their counter, for the applicant to rate."""
    kiosk = Kiosk.objects.select_for_update().filter(pk=kiosk_id, is_active=True).first()
    if kiosk is None:
        raise NotFound(_("No such kiosk."), code="kiosk_not_found")
    require(actor, Action.RECEIVE, kiosk)
    dossier = Dossier.objects.select_related("receiving_agency").filter(code=(dossier_code or "").strip()).first()
    if dossier is None or not can(actor, Action.RECEIVE, dossier.receiving_agency):
        raise NotFound(_("No dossier with this code at your desk."), code="dossier_not_found")
    if dossier.state != State.RETURNED:
        raise Conflict(_("A dossier can be rated once its result has been returned."), code="rating_not_open")
    kiosk.current_dossier, kiosk.presented_at, kiosk.presented_by = dossier, clock.now(), acting_user(actor)
    kiosk.save(update_fields=["current_dossier", "presented_at", "presented_by"])
    return kiosk
