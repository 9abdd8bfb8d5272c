"""Dossiers through the services at frozen moments, and the index read back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from motcua.core import clock
from motcua.dossiers.models import Dossier, PauseReason, StepStatus
from motcua.dossiers.services import processing, reception, results
from motcua.dossiers.tests.factories import PDF, settle_fees
from motcua.metrics.index import index_report
from motcua.metrics.scope import Part, Scope


def intake(world: Any, at: dt.datetime, **kw: Any) -> Dossier:
    with clock.frozen(at):
        return reception.dossier_intake_at_desk(
            actor=world.desk, version=kw.pop("version", world.version), applicant=world.citizen,
            handling_agency=world.city.justice, receiving_agency=world.city.centre,
            components=kw.pop("components", None) or world.components(), **kw,
        )  # fmt: skip


def transfer(world: Any, dossier: Dossier, at: dt.datetime) -> None:
    with clock.frozen(at):
        processing.dossier_transfer(actor=world.desk, dossier_id=dossier.pk)


def decide(world: Any, dossier: Dossier, at: dt.datetime, *, outcome: str = "approved") -> None:
    """Hand the appraisal over and decide, at ``at`` (the dossier is in progress)."""
    with clock.frozen(at):
        step = dossier.steps.filter(status=StepStatus.ACTIVE, kind="appraise").first()
        if step is not None:
            processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk)
        results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome=outcome, reason="Không đủ điều kiện")


def return_result(world: Any, dossier: Dossier, at: dt.datetime, *, attach: bool = True) -> None:
    with clock.frozen(at):
        if attach:
            results.dossier_attach_result(
                actor=world.specialist, dossier_id=dossier.pk, title="Kết quả", file_name="kq.pdf", content=PDF
            )
        results.dossier_send_to_desk(actor=world.specialist, dossier_id=dossier.pk)
        settle_fees(world.desk, dossier.pk)
        results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")


def pause(world: Any, dossier: Dossier, at: dt.datetime, reason: str = PauseReason.APPLICANT) -> None:
    with clock.frozen(at):
        processing.dossier_pause(actor=world.specialist, dossier_id=dossier.pk, reason=reason, note="Bổ sung")


def resume(world: Any, dossier: Dossier, at: dt.datetime) -> None:
    with clock.frozen(at):
        processing.dossier_resume(actor=world.specialist, dossier_id=dossier.pk)


def report(world: Any, start: dt.date, end: dt.date, **kw: Any) -> dict[str, Any]:
    scope = Scope(kw.pop("root", world.city.province), kw.pop("part", Part.ALL))
    return index_report(scope=scope, start=start, end=end, **kw)


def indicator(data: dict[str, Any], group: str, key: str) -> dict[str, Any]:
    found = next(g for g in data["groups"] if g["key"] == group)
    return next(i for i in found["indicators"] if i["key"] == key)


def components(item: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {c["key"]: (c["numerator"], c["denominator"]) for c in item.get("components", [])}


def progress(world: Any, start: dt.date, end: dt.date) -> dict[str, tuple[Any, Any]]:
    """{"all": (on time, counted), "finished_on_time": …, "finished_early": …, "in_progress_on_time": …}."""
    item = indicator(report(world, start, end), "progress", "on_time")
    return {"all": (item["numerator"], item["denominator"]), **components(item)}
