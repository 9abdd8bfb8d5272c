"""The registry of petition actions taken by name: for each verb of the workflow table, its typed input (the API's
request body, the back office's checked form data), its service and the staff button's label.

The API (``POST /api/v1/petitions/{code}/actions/{verb}``), the back office's buttons and :func:`available` read
this. The edges taken only by the system (``follow_up`` at reception, ``publish_merged`` with the answer of the
petition merged into) are not here. ``run_action`` admits nothing itself: each service goes through
``transitions.admit`` (403, then 409 state, then 409 version).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field

from motcua.accounts.actors import Actor
from motcua.catalog.models import Field as CatalogField
from motcua.catalog.models import Procedure
from motcua.core.errors import NotFound, ValidationFailed
from motcua.core.inputs import ActionInput, text
from motcua.orgs import policy
from motcua.orgs.models import Agency
from motcua.petitions import services
from motcua.petitions.models import ContentType, Petition, Satisfaction, Track
from motcua.petitions.transitions import MERGED_VERBS
from motcua.petitions.workflow import TRANSITIONS, Edge


class VersionIn(ActionInput):
    version: int | None = Field(
        None, ge=1, le=2**62, description="The version of the petition you saw; a mismatch is a 409"
    )


class ReasonIn(VersionIn):
    reason: str = text("The reason, told to the sender", required=True)


class WhatIn(VersionIn):
    what: str = text("What the sender must add", required=True)


class InformationIn(VersionIn):
    information: str = text("The sender's answer", required=True)


class ForwardIn(VersionIn):
    reason: str = text("Why it is forwarded", required=True)
    to_agency: str = text("The code of an agency of the system", max_length=50)
    to_outside_body: str = text("Or the name of a body outside the system", max_length=255)


class NoteIn(VersionIn):
    note: str = text("The progress note to the sender", required=True)


class AnswerIn(VersionIn):
    answer: str = text("The answer", required=True, max_length=20000)


class RateIn(VersionIn):
    satisfaction: Satisfaction = Field(description="satisfied, acceptable or dissatisfied")
    comment: str = text("A comment", max_length=2000)


class ClassifyIn(VersionIn):
    content_type: ContentType = Field(description="One of the 8 kinds of NĐ 20/2008 art. 5")
    track: Track = Field(description="About regulations, about conduct, or a field report")
    field: str = text("The code of the field (lĩnh vực)", max_length=50)
    procedure: str = text("The code of the procedure", max_length=50)
    concerned_agency: str = text("The code of the agency the petition is about", max_length=50)


class ConsultIn(VersionIn):
    question: str = text("What is asked", required=True)
    to_agency: str = text("The code of an agency of the system", max_length=50)
    to_outside_body: str = text("Or the name of a body outside the system", max_length=255)


class OpinionIn(VersionIn):
    source: str = text("Who gave the opinion", required=True, max_length=255)
    opinion: str = text("The opinion", required=True, max_length=20000)


class MergeIn(VersionIn):
    into: str = text("The code of the similar petition to merge into", required=True, max_length=20)


Runner = Callable[[Actor | None, int, Any], Petition]


def _agency(code: str, field: str = "to_agency") -> Agency | None:
    if not code.strip():
        return None
    agency = Agency.objects.filter(code=code.strip()).first()
    if agency is None:
        raise ValidationFailed(
            _("No agency with the code “%(code)s”.") % {"code": code},
            code="unknown_agency",
            fields={field: _("Unknown agency.")},
        )
    return agency


def _by_code(model: type[CatalogField] | type[Procedure], code: str, field: str) -> int | None:
    if not code.strip():
        return None
    found = model.objects.filter(code=code.strip()).values_list("pk", flat=True).first()
    if found is None:
        raise ValidationFailed(
            _("Unknown code “%(code)s”.") % {"code": code}, code="unknown_code", fields={field: _("Unknown code.")}
        )
    return found


def _classify(actor: Actor | None, pk: int, i: ClassifyIn) -> Petition:
    return services.petition_classify(
        actor=actor,
        petition_id=pk,
        content_type=i.content_type,
        track=i.track,
        field_id=_by_code(CatalogField, i.field, "field"),
        procedure_id=_by_code(Procedure, i.procedure, "procedure"),
        concerned_agency=_agency(i.concerned_agency, "concerned_agency"),
        version=i.version,
    )


def _petition_id(code: str) -> int:
    found = Petition.objects.filter(code=code.strip()).values_list("pk", flat=True).first()
    if found is None:
        raise ValidationFailed(
            _("No petition with the code “%(code)s”.") % {"code": code},
            code="unknown_petition",
            fields={"into": _("Unknown petition.")},
        )
    return found


@dataclass(frozen=True)
class ActionSpec:
    verb: str
    input: type[VersionIn]
    run: Runner
    #: The staff button (``None``: the sender's action, taken by the desk on the sender's behalf only).
    label: Promise | None

    @property
    def edge(self) -> Edge:
        return TRANSITIONS[self.verb]


def _spec(verb: str, input: type[VersionIn], run: Runner, label: Promise | None) -> ActionSpec:
    return ActionSpec(verb, input, run, label)


ACTIONS: tuple[ActionSpec, ...] = (
    _spec("classify", ClassifyIn, _classify, gettext_lazy("Classify")),
    _spec(
        "start",
        VersionIn,
        lambda a, pk, i: services.petition_start(actor=a, petition_id=pk, version=i.version),
        gettext_lazy("Accept for handling"),
    ),
    _spec(
        "reject",
        ReasonIn,
        lambda a, pk, i: services.petition_reject(actor=a, petition_id=pk, reason=i.reason, version=i.version),
        gettext_lazy("Not accept"),
    ),
    _spec(
        "request_information",
        WhatIn,
        lambda a, pk, i: services.petition_request_information(actor=a, petition_id=pk, what=i.what, version=i.version),
        gettext_lazy("Ask the sender for information"),
    ),
    _spec(
        "answer_information",
        InformationIn,
        lambda a, pk, i: services.petition_answer_information(
            actor=a, petition_id=pk, information=i.information, version=i.version
        ),
        gettext_lazy("Record the sender's information"),
    ),
    _spec(
        "forward",
        ForwardIn,
        lambda a, pk, i: services.petition_forward(
            actor=a,
            petition_id=pk,
            reason=i.reason,
            to_agency=_agency(i.to_agency),
            to_outside_body=i.to_outside_body,
            version=i.version,
        ),
        gettext_lazy("Forward"),
    ),
    _spec(
        "merge",
        MergeIn,
        lambda a, pk, i: services.petition_merge(
            actor=a, petition_id=pk, into_id=_petition_id(i.into), version=i.version
        ),
        gettext_lazy("Merge into a similar petition"),
    ),
    _spec(
        "consult",
        ConsultIn,
        lambda a, pk, i: services.petition_consult(
            actor=a,
            petition_id=pk,
            question=i.question,
            to_agency=_agency(i.to_agency),
            to_outside_body=i.to_outside_body,
            version=i.version,
        ),
        gettext_lazy("Ask for an opinion"),
    ),
    _spec(
        "record_opinion",
        OpinionIn,
        lambda a, pk, i: services.petition_record_opinion(
            actor=a, petition_id=pk, source=i.source, opinion=i.opinion, version=i.version
        ),
        gettext_lazy("Record an opinion received"),
    ),
    _spec(
        "note_progress",
        NoteIn,
        lambda a, pk, i: services.petition_note_progress(actor=a, petition_id=pk, note=i.note, version=i.version),
        gettext_lazy("Send a progress note"),
    ),
    _spec(
        "draft_answer",
        AnswerIn,
        lambda a, pk, i: services.petition_draft_answer(actor=a, petition_id=pk, answer=i.answer, version=i.version),
        gettext_lazy("Draft the answer"),
    ),
    _spec(
        "send_back",
        ReasonIn,
        lambda a, pk, i: services.petition_send_back(actor=a, petition_id=pk, reason=i.reason, version=i.version),
        gettext_lazy("Send the answer back"),
    ),
    _spec(
        "approve",
        VersionIn,
        lambda a, pk, i: services.petition_approve(actor=a, petition_id=pk, version=i.version),
        gettext_lazy("Approve the answer"),
    ),
    _spec(
        "publish",
        VersionIn,
        lambda a, pk, i: services.petition_publish(actor=a, petition_id=pk, version=i.version),
        gettext_lazy("Publish the answer"),
    ),
    _spec(
        "close",
        VersionIn,
        lambda a, pk, i: services.petition_close(actor=a, petition_id=pk, version=i.version),
        gettext_lazy("Close"),
    ),
    _spec(
        "rate",
        RateIn,
        lambda a, pk, i: services.petition_rate(
            actor=a, petition_id=pk, satisfaction=i.satisfaction, comment=i.comment, version=i.version
        ),
        None,
    ),
    _spec(
        "reopen",
        ReasonIn,
        lambda a, pk, i: services.petition_reopen(actor=a, petition_id=pk, reason=i.reason, version=i.version),
        None,
    ),
)

REGISTRY: dict[str, ActionSpec] = {spec.verb: spec for spec in ACTIONS}


def run_action(actor: Actor | None, petition: Petition, verb: str, data: dict[str, Any]) -> Petition:
    """Validate ``data`` against the verb's input (422 on a bad shape) and run its service."""
    spec = REGISTRY.get(verb)
    if spec is None:
        raise NotFound(_("Unknown action “%(verb)s”.") % {"verb": verb}, code="unknown_action")
    return spec.run(actor, petition.pk, spec.input.model_validate(data))


def available(actor: Actor, petition: Petition) -> list[ActionSpec]:
    """The staff actions ``actor`` may take on ``petition`` now (state, merged or not, and right), in order."""
    result = []
    for spec in ACTIONS:
        edge = spec.edge
        if spec.label is None or petition.state not in edge.sources:
            continue
        if petition.merged_into_id and spec.verb not in MERGED_VERBS:
            continue
        if policy.can(actor, edge.action, petition):
            result.append(spec)
    return result
