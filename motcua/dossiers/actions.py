"""One entry point for every dossier action by name, used by the API and the pages.

``run_action(verb, actor=…, dossier_id=…, data={...})`` looks up the service for ``verb``, resolves names in
``data`` (user names, agency codes) to objects and calls it with the ``version`` the user saw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import intake, processing, reception, results
from motcua.dossiers.services.transitions import permit
from motcua.orgs.models import Agency, Unit


def _need(data: dict[str, Any], key: str) -> Any:
    value = data.get(key)
    if value in (None, ""):
        raise ValidationFailed(
            _("“%(field)s” is required for this action.") % {"field": key},
            code="required",
            fields={key: _("Required.")},
        )
    return value


def _user(data: dict[str, Any], key: str, *, optional: bool = False) -> User | None:
    name = data.get(key)
    if not name:
        if optional:
            return None
        _need(data, key)
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        raise ValidationFailed(
            _("No active user “%(name)s”.") % {"name": name}, code="unknown_user", fields={key: _("Unknown user.")}
        )
    return user


def _assignee(data: dict[str, Any]) -> User:
    user = _user(data, "assignee")
    assert user is not None  # noqa: S101 - not optional: _user raised
    return user


def _agency(data: dict[str, Any]) -> Agency:
    code = _need(data, "agency")
    agency = Agency.objects.filter(code=code, is_active=True).first()
    if agency is None:
        raise ValidationFailed(
            _("No active agency %(code)s.") % {"code": code},
            code="unknown_agency",
            fields={"agency": _("Unknown agency.")},
        )
    return agency


def _unit(data: dict[str, Any], agency: Agency) -> Unit | None:
    code = data.get("unit")
    if not code:
        return None
    unit = Unit.objects.filter(agency=agency, code=code, is_active=True).first()
    if unit is None:
        raise ValidationFailed(
            _("%(agency)s has no unit %(unit)s.") % {"agency": agency.code, "unit": code},
            fields={"unit": _("Unknown unit.")},
        )
    return unit


Handler = Callable[[Any, int, dict[str, Any], int], Any]


def _consult(actor: Any, pk: int, d: dict[str, Any], v: int) -> Any:
    agency = _agency(d)
    return processing.dossier_consult(
        actor=actor, dossier_id=pk, agency=agency, unit=_unit(d, agency), content=d.get("content", ""),
        hours=_need(d, "hours"), expected_version=v,
    )  # fmt: skip


VERBS: dict[str, Handler] = {
    "submit": lambda a, pk, d, v: intake.dossier_submit(actor=a, dossier_id=pk, expected_version=v),
    "receive": lambda a, pk, d, v: reception.dossier_receive(actor=a, dossier_id=pk, expected_version=v),
    "request_supplement": lambda a, pk, d, v: reception.dossier_request_supplement(
        actor=a,
        dossier_id=pk,
        expected_version=v,
        note=d.get("note", ""),
        items=[
            reception.SupplementItem(i["name"], i.get("reason", ""), i.get("component_id")) for i in d.get("items", [])
        ],
    ),  # fmt: skip
    "supplement": lambda a, pk, d, v: reception.dossier_supplement(
        actor=a, dossier_id=pk, items=[], expected_version=v
    ),
    "refuse": lambda a, pk, d, v: reception.dossier_refuse(
        actor=a, dossier_id=pk, reason=d.get("reason", ""), expected_version=v
    ),
    "withdraw": lambda a, pk, d, v: reception.dossier_withdraw(
        actor=a, dossier_id=pk, reason=d.get("reason", ""), expected_version=v
    ),
    "transfer": lambda a, pk, d, v: processing.dossier_transfer(
        actor=a, dossier_id=pk, to_user=_user(d, "to_user", optional=True), expected_version=v
    ),
    "assign": lambda a, pk, d, v: processing.dossier_assign(
        actor=a, dossier_id=pk, step_id=_need(d, "step_id"), assignee=_assignee(d), expected_version=v
    ),
    "note": lambda a, pk, d, v: processing.dossier_note(
        actor=a,
        dossier_id=pk,
        step_id=_need(d, "step_id"),
        kind=_need(d, "kind"),
        content=d.get("content", ""),
        place=d.get("place", ""),
        participants=d.get("participants", ""),
        expected_version=v,
    ),  # fmt: skip
    "handover": lambda a, pk, d, v: processing.dossier_handover(
        actor=a,
        dossier_id=pk,
        step_id=_need(d, "step_id"),
        to_user=_user(d, "to_user", optional=True),
        note=d.get("note", ""),
        expected_version=v,
    ),  # fmt: skip
    "consult": _consult,
    "pause": lambda a, pk, d, v: processing.dossier_pause(
        actor=a,
        dossier_id=pk,
        reason=_need(d, "pause_reason"),
        note=d.get("note", ""),
        items=[i["name"] for i in d.get("items", [])],
        expected_version=v,
    ),  # fmt: skip
    "resume": lambda a, pk, d, v: processing.dossier_resume(
        actor=a, dossier_id=pk, note=d.get("note", ""), expected_version=v
    ),
    "decide": lambda a, pk, d, v: results.dossier_decide(
        actor=a, dossier_id=pk, outcome=_need(d, "outcome"), reason=d.get("reason", ""), expected_version=v
    ),
    "send_to_desk": lambda a, pk, d, v: results.dossier_send_to_desk(actor=a, dossier_id=pk, expected_version=v),
    "return_result": lambda a, pk, d, v: results.dossier_return_result(
        actor=a, dossier_id=pk, method=_need(d, "method"), note=d.get("note", ""), expected_version=v
    ),
    "apologise": lambda a, pk, d, v: results.dossier_apologise(
        actor=a,
        dossier_id=pk,
        reason=d.get("reason", ""),
        new_appointment=_need(d, "new_appointment"),
        expected_version=v,
    ),
    "stop": lambda a, pk, d, v: results.dossier_stop(
        actor=a, dossier_id=pk, reason=d.get("reason", ""), expected_version=v
    ),
    "exempt_fees": lambda a, pk, d, v: results.dossier_exempt_fees(
        actor=a, dossier_id=pk, reason=d.get("reason", ""), expected_version=v
    ),
    "record_payment": lambda a, pk, d, v: results.dossier_record_payment(
        actor=a,
        dossier_id=pk,
        method=_need(d, "method"),
        amount=_need(d, "amount"),
        receipt_no=d.get("receipt_no", ""),
        gateway=d.get("gateway"),
        expected_version=v,
    ),  # fmt: skip
}


def action_permitted(verb: str, *, actor: Any, dossier_id: int) -> None:
    """Raise unless ``actor`` may take ``verb`` on the dossier (403; an unknown dossier 404). Callers check it before
    they read the action's input; the service checks it again under the dossier's lock."""
    if verb not in VERBS:
        raise ValidationFailed(_("Unknown action “%(verb)s”.") % {"verb": verb}, code="unknown_action")
    dossier = Dossier.objects.select_related("receiving_agency", "handling_agency").filter(pk=dossier_id).first()
    if dossier is None:
        raise NotFound(_("No such dossier."), code="dossier_not_found")
    permit(actor, verb, dossier)


def run_action(verb: str, *, actor: Any, dossier_id: int, data: dict[str, Any]) -> Any:
    """Run ``verb``; whether ``actor`` may take it is checked first, before anything in ``data`` is read."""
    action_permitted(verb, actor=actor, dossier_id=dossier_id)
    return VERBS[verb](actor, dossier_id, data, _need(data, "version"))
