"""Typed, keyword-only services: every write to a petition, each through ``transitions.admit`` and ``apply``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils.translation import gettext as _

from motcua.accounts.actors import Actor, user_of
from motcua.catalog.normalize import normalise
from motcua.core import clock
from motcua.core.errors import ValidationFailed
from motcua.orgs import policy
from motcua.orgs.models import Agency
from motcua.petitions import attachments, deadlines, events
from motcua.petitions.attachments import Upload
from motcua.petitions.codes import next_code
from motcua.petitions.models import (
    Channel,
    ContentType,
    Petition,
    PetitionAttachment,
    PetitionTransfer,
    Satisfaction,
    Track,
)
from motcua.petitions.transitions import admit, apply, lock, permit
from motcua.petitions.workflow import OPEN_STATES, Edge, State, check_transition

#: The sender may be dissatisfied with a published answer within this many days (the 766 formula).
REOPEN_DAYS = 7
#: Channels where an official enters the petition for the sender (art. 6–7; QĐ 31/2021 art. 43).
OFFICIAL_CHANNELS = frozenset({Channel.HOTLINE, Channel.PAPER, Channel.EMAIL})

_PHONE = re.compile(r"^(\+84|0)\d{8,10}$")


@dataclass(frozen=True)
class Sender:
    name: str
    address: str
    phone: str
    email: str = ""
    publish_name: bool = False


@dataclass(frozen=True)
class Place:
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def _choice(name: str, value: str, choices: type[models.TextChoices]) -> None:
    if value not in choices.values:
        raise ValidationFailed(
            _("Unknown value “%(value)s”.") % {"value": value},
            code="invalid_choice",
            fields={name: _("Unknown value.")},
        )


def _validate(sender: Sender, content: str, place: Place) -> None:
    """The law requires the sender's name, address and phone (NĐ 20/2008 art. 6); no identity card number."""
    errors: dict[str, str] = {}
    if not sender.name.strip():
        errors["sender_name"] = _("The sender's name is required by law.")
    if not sender.address.strip():
        errors["sender_address"] = _("The sender's address is required by law.")
    phone = re.sub(r"[\s.-]", "", sender.phone)
    if not phone:
        errors["sender_phone"] = _("The sender's phone number is required by law.")
    elif not _PHONE.match(phone):
        errors["sender_phone"] = _("Enter a Vietnamese phone number, e.g. 0912345678 or +84912345678.")
    if sender.email:
        try:
            validate_email(sender.email)
        except ValidationError:
            errors["sender_email"] = _("Enter a valid email address.")
    if not content.strip():
        errors["content"] = _("Write what the petition is about.")
    if (place.latitude is None) != (place.longitude is None):
        errors["latitude"] = _("Give both the latitude and the longitude, or neither.")
    elif (
        place.latitude is not None
        and place.longitude is not None
        and not (-90 <= place.latitude <= 90 and -180 <= place.longitude <= 180)
    ):
        errors["latitude"] = _("The coordinates are out of range.")
    if errors:
        raise ValidationFailed(_("The petition is incomplete."), code="petition_incomplete", fields=errors)


def search_text(petition: Petition) -> str:
    """What the public search matches, folded without diacritics (``catalog.normalize``)."""
    return normalise(petition.code, petition.content, petition.answer, petition.place_address)


def _same_sender(earlier: Petition, phone: str, actor: Actor | None) -> bool:
    user = user_of(actor)
    return earlier.sender_phone == phone or (user is not None and earlier.sender_user_id == user.pk)


def _start_clock(petition: Petition, start: dt.datetime) -> None:
    """Every deadline counted anew from ``start`` (reception, the latest transfer, or a reopening)."""
    limits = deadlines.limits_for(petition.track)
    calendar = deadlines.calendar_of(petition.handling_agency)
    petition.clock_started_at = start
    petition.reject_due_at = deadlines.after(calendar, start, limits.reject)
    petition.information_due_at = deadlines.after(calendar, start, limits.information)
    petition.forward_due_at = deadlines.after(calendar, start, limits.forward)
    petition.answer_due_at = deadlines.after(calendar, start, limits.answer)
    petition.answer_ceiling_at = deadlines.after(calendar, start, limits.answer_ceiling)
    petition.progress_due_at = deadlines.after(calendar, start, limits.progress)
    petition.publish_due_at = None


def petition_receive(
    *,
    actor: Actor | None,
    handling_agency: Agency,
    sender: Sender,
    content: str,
    channel: str,
    content_type: str = ContentType.OTHER,
    track: str = Track.REGULATIONS,
    field_id: int | None = None,
    procedure_id: int | None = None,
    concerned_agency: Agency | None = None,
    place: Place | None = None,
    files: Sequence[Upload] = (),
    follows: Petition | None = None,
) -> Petition:
    """Register a petition with its code, deadlines and files. An official entering a hotline, paper or e-mail
    petition needs reception rights at the handling agency; on the portal, Zalo and Open311 the sender files it.

    ``follows``: the sender's earlier, answered petition about the same result; it is recorded there (a
    ``follow_up`` event) and the index counts the earlier answer as dissatisfying."""
    place = place or Place()
    _choice("channel", channel, Channel)
    _choice("content_type", content_type, ContentType)
    _choice("track", track, Track)
    if channel in OFFICIAL_CHANNELS and actor is not None:
        policy.require(actor, policy.Action.RECEIVE, handling_agency)
    _validate(sender, content, place)
    checked = attachments.checked(files)
    phone = re.sub(r"[\s.-]", "", sender.phone)
    if follows is not None and not _same_sender(follows, phone, actor):
        raise ValidationFailed(
            _("A petition can follow only the same sender's earlier petition."),
            code="follows_other_sender",
            fields={"follows": _("Not your petition.")},
        )
    now = clock.now()
    with transaction.atomic():
        petition = Petition(
            code=next_code(now),
            sender_name=sender.name.strip(),
            sender_address=sender.address.strip(),
            sender_phone=phone,
            sender_email=sender.email.strip(),
            sender_user=user_of(actor) if channel not in OFFICIAL_CHANNELS else None,
            publish_name=sender.publish_name,
            channel=channel,
            content_type=content_type,
            track=track,
            field_id=field_id,
            procedure_id=procedure_id,
            concerned_agency=concerned_agency,
            handling_agency=handling_agency,
            place_address=place.address,
            latitude=place.latitude,
            longitude=place.longitude,
            content=content.strip(),
            state=State.RECEIVED,
            received_at=now,
            created_at=now,
            follows=follows,
        )
        _start_clock(petition, now)
        petition.due_at = petition.answer_due_at
        petition.search_text = search_text(petition)
        petition.save()
        attachments.store(petition, checked)
        event = petition.events.create(at=now, actor=user_of(actor), action="receive", to_state=State.RECEIVED)
        events.publish(petition, [event])
        if follows is not None:
            earlier, edge = admit(follows.pk, "follow_up", None)
            apply(earlier, "follow_up", edge, actor, payload={"petition": petition.code}, at=now)
    return petition


def petition_attach(*, actor: Actor | None, petition_id: int, files: Sequence[Upload]) -> list[PetitionAttachment]:
    """More files for an open petition (the sender through their link or Zalo, the desk for them)."""
    checked = attachments.checked(files)
    with transaction.atomic():
        petition = lock(petition_id)
        if actor is not None and not policy.can(actor, policy.Action.RECEIVE, petition):
            policy.require(actor, policy.Action.APPLY, petition)
        if petition.state not in OPEN_STATES:
            raise ValidationFailed(_("Files can be added only while the petition is open."), code="petition_done")
        attachments.checked(files, already=petition.attachments.count())
        return attachments.store(petition, checked)


def _reason_required(reason: str) -> str:
    if not reason.strip():
        raise ValidationFailed(_("Give the reason."), code="reason_required", fields={"reason": _("Give the reason.")})
    return reason.strip()


def petition_reject(*, actor: Actor | None, petition_id: int, reason: str, version: int | None = None) -> Petition:
    """Not accepted, with the reason the sender is told (art. 9 a)."""
    reason = _reason_required(reason)
    with transaction.atomic():
        petition, edge = admit(petition_id, "reject", actor, version)
        petition.closed_at = clock.now()
        apply(petition, "reject", edge, actor, reason=reason)
    return petition


def petition_request_information(
    *, actor: Actor | None, petition_id: int, what: str, version: int | None = None
) -> Petition:
    """Ask the sender for what is missing; the clock stops until they answer."""
    what = _reason_required(what)
    with transaction.atomic():
        petition, edge = admit(petition_id, "request_information", actor, version)
        petition.state_before_pause = petition.state
        petition.paused_at = clock.now()
        apply(petition, "request_information", edge, actor, reason=what)
    return petition


def petition_answer_information(
    *, actor: Actor | None, petition_id: int, information: str, version: int | None = None
) -> Petition:
    """The sender's answer: the petition goes back where it was and every open deadline moves by the pause."""
    with transaction.atomic():
        petition, edge = admit(petition_id, "answer_information", actor, version)
        now = clock.now()
        paused = petition.paused_at or now
        calendar = deadlines.calendar_of(petition.handling_agency)
        for name in ("forward_due_at", "answer_due_at", "answer_ceiling_at", "progress_due_at"):
            moment = getattr(petition, name)
            if moment is not None:
                setattr(petition, name, deadlines.shift_by_pause(calendar, moment, paused, now))
        petition.paused_at = None
        apply(petition, "answer_information", edge, actor, payload={"information": information})
    return petition


def petition_forward(
    *,
    actor: Actor | None,
    petition_id: int,
    reason: str,
    to_agency: Agency | None = None,
    to_outside_body: str = "",
    version: int | None = None,
) -> Petition:
    """Hand the petition over to another agency of the system (it handles it from now, the deadlines restart from
    this transfer) or to an outside body by name (the petition then only waits to be closed)."""
    reason = _reason_required(reason)
    if (to_agency is None) == (not to_outside_body.strip()):
        raise ValidationFailed(
            _("Forward to one agency of the system or to one outside body."),
            code="forward_target",
            fields={"to_agency": _("Forward to one agency of the system or to one outside body.")},
        )
    with transaction.atomic():
        petition, edge = admit(petition_id, "forward", actor, version)
        if to_agency is not None and to_agency.pk == petition.handling_agency_id:
            raise ValidationFailed(
                _("The petition is already with this agency."),
                code="forward_same_agency",
                fields={"to_agency": _("The petition is already with this agency.")},
            )
        now = clock.now()
        transfer = PetitionTransfer.objects.create(
            petition=petition,
            from_agency=petition.handling_agency,
            to_agency=to_agency,
            to_outside_body=to_outside_body.strip(),
            reason=reason,
            at=now,
            actor=user_of(actor),
        )
        if to_agency is not None:
            petition.handling_agency = to_agency
            _start_clock(petition, now)
        else:
            petition.answer_due_at = None
        apply(petition, "forward", edge, actor, reason=reason, payload={"transfer": transfer.pk}, at=now)
    return petition


def petition_classify(
    *,
    actor: Actor | None,
    petition_id: int,
    content_type: str,
    track: str,
    field_id: int | None = None,
    procedure_id: int | None = None,
    concerned_agency: Agency | None = None,
    version: int | None = None,
) -> Petition:
    """Register the office's classification: the content type (art. 5), the track, the field, the procedure and the
    agency concerned. A new track counts the deadlines not yet passed by its own limits, from the same start."""
    _choice("content_type", content_type, ContentType)
    _choice("track", track, Track)
    with transaction.atomic():
        petition, edge = admit(petition_id, "classify", actor, version)
        before = {
            "content_type": petition.content_type,
            "track": petition.track,
            "field": petition.field_id,
            "procedure": petition.procedure_id,
            "concerned_agency": petition.concerned_agency_id,
        }
        petition.content_type, petition.field_id, petition.procedure_id = content_type, field_id, procedure_id
        petition.concerned_agency = concerned_agency
        if track != petition.track:
            petition.track = track
            if petition.paused_at is None and petition.state != State.INFORMATION_REQUESTED:
                _start_clock(petition, petition.clock_started_at)
        after = {
            "content_type": content_type,
            "track": track,
            "field": field_id,
            "procedure": procedure_id,
            "concerned_agency": concerned_agency.pk if concerned_agency else None,
        }
        apply(petition, "classify", edge, actor, payload={"before": before, "after": after})
    return petition


def petition_consult(
    *,
    actor: Actor | None,
    petition_id: int,
    question: str,
    to_agency: Agency | None = None,
    to_outside_body: str = "",
    version: int | None = None,
) -> Petition:
    """Ask another agency of the system or an outside body for its opinion (art. 9: assess); the petition stays
    with the handling agency and its deadline keeps running."""
    question = _reason_required(question)
    if (to_agency is None) == (not to_outside_body.strip()):
        raise ValidationFailed(
            _("Consult one agency of the system or one outside body."),
            code="consult_target",
            fields={"to_agency": _("Consult one agency of the system or one outside body.")},
        )
    with transaction.atomic():
        petition, edge = admit(petition_id, "consult", actor, version)
        target = {"agency": to_agency.pk, "name": to_agency.name} if to_agency else {"name": to_outside_body.strip()}
        apply(petition, "consult", edge, actor, reason=question, payload={"to": target})
    return petition


def petition_record_opinion(
    *, actor: Actor | None, petition_id: int, source: str, opinion: str, version: int | None = None
) -> Petition:
    """Record the opinion received from a consulted agency or body."""
    opinion = _reason_required(opinion)
    if not source.strip():
        raise ValidationFailed(
            _("Say who gave the opinion."), code="opinion_source", fields={"source": _("Say who gave the opinion.")}
        )
    with transaction.atomic():
        petition, edge = admit(petition_id, "record_opinion", actor, version)
        apply(petition, "record_opinion", edge, actor, reason=opinion, payload={"source": source.strip()})
    return petition


def petition_start(*, actor: Actor | None, petition_id: int, version: int | None = None) -> Petition:
    """Within competence: the agency handles it (art. 9 c)."""
    with transaction.atomic():
        petition, edge = admit(petition_id, "start", actor, version)
        apply(petition, "start", edge, actor)
    return petition


def petition_note_progress(*, actor: Actor | None, petition_id: int, note: str, version: int | None = None) -> Petition:
    """The progress note owed every 7 working days while open (TT 02/2017); the next one is due 7 days later."""
    note = _reason_required(note)
    with transaction.atomic():
        petition, edge = admit(petition_id, "note_progress", actor, version)
        limits = deadlines.limits_for(petition.track)
        petition.progress_due_at = deadlines.after(
            deadlines.calendar_of(petition.handling_agency), clock.now(), limits.progress
        )
        apply(petition, "note_progress", edge, actor, reason=note)
    return petition


def petition_draft_answer(
    *, actor: Actor | None, petition_id: int, answer: str, version: int | None = None
) -> Petition:
    """A specialist's answer; publication is due 2 working days after it (the 766 formula)."""
    if not answer.strip():
        raise ValidationFailed(
            _("Write the answer."), code="answer_required", fields={"answer": _("Write the answer.")}
        )
    with transaction.atomic():
        petition, edge = admit(petition_id, "draft_answer", actor, version)
        now = clock.now()
        petition.answer, petition.answered_at = answer.strip(), now
        petition.search_text = search_text(petition)
        limits = deadlines.limits_for(petition.track)
        petition.publish_due_at = deadlines.after(deadlines.calendar_of(petition.handling_agency), now, limits.publish)
        apply(petition, "draft_answer", edge, actor, at=now)
    return petition


def petition_send_back(*, actor: Actor | None, petition_id: int, reason: str, version: int | None = None) -> Petition:
    """The leader sends an off-topic answer back before publication (QĐ 31/2021 art. 46)."""
    reason = _reason_required(reason)
    with transaction.atomic():
        petition, edge = admit(petition_id, "send_back", actor, version)
        petition.answered_at = petition.publish_due_at = None
        apply(petition, "send_back", edge, actor, reason=reason)
    return petition


def petition_approve(*, actor: Actor | None, petition_id: int, version: int | None = None) -> Petition:
    with transaction.atomic():
        petition, edge = admit(petition_id, "approve", actor, version)
        apply(petition, "approve", edge, actor)
    return petition


def petition_publish(*, actor: Actor | None, petition_id: int, version: int | None = None) -> Petition:
    """Published on the portal, the answer has legal value (QĐ 31/2021 art. 46)."""
    with transaction.atomic():
        petition, edge = admit(petition_id, "publish", actor, version)
        petition.published_at = clock.now()
        apply(petition, "publish", edge, actor)
        for merged_id in (
            petition.merged.filter(state__in=list(OPEN_STATES)).order_by("pk").values_list("pk", flat=True)
        ):
            _publish_merged(merged_id, petition, actor)
    return petition


def _publish_merged(petition_id: int, primary: Petition, actor: Actor | None) -> None:
    """``primary``'s published answer is the answer of the petition merged into it."""
    merged, edge = admit(petition_id, "publish_merged", None)
    merged.answer, merged.answered_at, merged.published_at = primary.answer, primary.answered_at, primary.published_at
    merged.search_text = search_text(merged)
    apply(merged, "publish_merged", edge, actor, payload={"merged_into": primary.code})


def petition_merge(*, actor: Actor | None, petition_id: int, into_id: int, version: int | None = None) -> Petition:
    """Handle ``petition_id`` with the similar petition ``into_id`` (same agency): it shares that one's answer and
    its own deadline stops running; if that answer is already published, this one is published with it now."""
    if petition_id == into_id:
        raise ValidationFailed(
            _("A petition cannot be merged into itself."), code="merge_self", fields={"into": _("Choose another.")}
        )
    with transaction.atomic():
        first, second = sorted((petition_id, into_id))
        lock(first), lock(second)  # always in the same order: two officers merging both ways cannot deadlock
        petition, edge = admit(petition_id, "merge", actor, version)
        into = lock(into_id)
        if actor is not None:
            policy.require(actor, policy.Action.RECEIVE, into)
        if (
            into.handling_agency_id != petition.handling_agency_id
            or into.merged_into_id
            or into.state
            in (
                State.REJECTED,
                State.CLOSED,
            )
        ):
            raise ValidationFailed(
                _("Merge only into an open petition of the same agency that is not itself merged."),
                code="merge_target",
                fields={"into": _("Choose another petition.")},
            )
        petition.merged_into = into
        apply(petition, "merge", edge, actor, payload={"into": into.code})
        if into.state == State.PUBLISHED:
            _publish_merged(petition.pk, into, actor)
            petition.refresh_from_db()
    return petition


def petition_close(*, actor: Actor | None, petition_id: int, version: int | None = None) -> Petition:
    """Archive a published petition, or one forwarded to a body outside the system."""
    with transaction.atomic():
        petition, edge = admit(petition_id, "close", actor, version)
        if petition.state == State.FORWARDED and not petition.transfers.filter(to_agency__isnull=True).exists():
            raise ValidationFailed(
                _("Only a petition forwarded outside the system can be closed before its answer is published."),
                code="close_not_outside",
            )
        petition.closed_at = clock.now()
        apply(petition, "close", edge, actor)
    return petition


def _reopen(petition: Petition, edge: Edge, actor: Actor | None, reason: str) -> None:
    if petition.published_at is None or clock.now() > petition.published_at + dt.timedelta(days=REOPEN_DAYS):
        raise ValidationFailed(
            _("A petition can be reopened only within %(days)d days of its published answer.") % {"days": REOPEN_DAYS},
            code="reopen_too_late",
        )
    petition.closed_at = petition.answered_at = petition.publish_due_at = None
    _start_clock(petition, clock.now())
    apply(petition, "reopen", edge, actor, reason=reason)


def petition_reopen(*, actor: Actor | None, petition_id: int, reason: str, version: int | None = None) -> Petition:
    """The sender is dissatisfied within 7 days of the published answer: it is handled again, the clock anew."""
    reason = _reason_required(reason)
    with transaction.atomic():
        petition, edge = admit(petition_id, "reopen", actor, version)
        _reopen(petition, edge, actor, reason)
    return petition


def petition_rate(
    *, actor: Actor | None, petition_id: int, satisfaction: str, comment: str = "", version: int | None = None
) -> Petition:
    """The sender rates the answer; dissatisfied within 7 days reopens the petition (the 766 formula)."""
    _choice("satisfaction", satisfaction, Satisfaction)
    with transaction.atomic():
        petition, edge = admit(petition_id, "rate", actor, version)
        now = clock.now()
        petition.satisfaction, petition.rated_at = satisfaction, now
        apply(petition, "rate", edge, actor, reason=comment, payload={"satisfaction": satisfaction}, at=now)
        within = petition.published_at is not None and now <= petition.published_at + dt.timedelta(days=REOPEN_DAYS)
        if satisfaction == Satisfaction.DISSATISFIED and within:
            reopen = check_transition("reopen", petition.state)
            permit(actor, reopen, petition)
            _reopen(petition, reopen, actor, comment)
    return petition
