"""Dossiers made through the real services at frozen moments, for the scoring tests.

The world's procedure (Sở Tư pháp) has the steps: receive at the centre 4 h, appraise 8 h, decide 4 h, return 4 h
(2.5 working days). Received on Monday 02/03/2026 at 09:00 its steps are due Mon 14:30, Tue 14:30, Wed 09:00 and
Wed 14:30 (the dossier too); received at 16:00 they are due Tue 10:30, Wed 10:30, Wed 16:00, Thu 10:30.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from motcua.core import clock
from motcua.dossiers.models import Dossier, PauseReason, StepStatus
from motcua.dossiers.services import processing, results
from motcua.dossiers.tests.factories import PDF, settle_fees, vn
from motcua.metrics.tests.helpers import intake, pause, resume, transfer
from motcua.ratings.services import rating_submit

__all__ = ["handled", "intake", "pause", "rate", "resume", "transfer", "vn"]


def appraise(world: Any, dossier: Dossier, at: dt.datetime) -> None:
    with clock.frozen(at):
        step = dossier.steps.get(status=StepStatus.ACTIVE, kind="appraise")
        processing.dossier_handover(actor=world.specialist, dossier_id=dossier.pk, step_id=step.pk)


def decide(world: Any, dossier: Dossier, at: dt.datetime) -> None:
    with clock.frozen(at):
        results.dossier_decide(actor=world.leader, dossier_id=dossier.pk, outcome="approved")


def give_back(world: Any, dossier: Dossier, at: dt.datetime) -> None:
    """Attach the result, send it to the desk and return it to the applicant, all at ``at``."""
    with clock.frozen(at):
        results.dossier_attach_result(
            actor=world.specialist, dossier_id=dossier.pk, title="Kết quả", file_name="kq.pdf", content=PDF
        )
        results.dossier_send_to_desk(actor=world.specialist, dossier_id=dossier.pk)
        settle_fees(world.desk, dossier.pk)
        results.dossier_return_result(actor=world.desk, dossier_id=dossier.pk, method="desk")


def handled(
    world: Any,
    received: dt.datetime,
    transferred: dt.datetime,
    appraised: dt.datetime,
    decided: dt.datetime,
    returned: dt.datetime | None = None,
    pauses: tuple[tuple[dt.datetime, dt.datetime], ...] = (),
    reason: str = PauseReason.APPLICANT,
) -> Dossier:
    """A counter dossier received, transferred, paused for the applicant (and resumed) in each given interval,
    appraised, decided and — when ``returned`` is given — returned, at those moments."""
    dossier = intake(world, received)
    transfer(world, dossier, transferred)
    for begin, end in pauses:
        pause(world, dossier, begin, reason)
        resume(world, dossier, end)
    appraise(world, dossier, appraised)
    decide(world, dossier, decided)
    if returned is not None:
        give_back(world, dossier, returned)
    return Dossier.objects.get(pk=dossier.pk)


def rate(world: Any, dossier: Dossier, at: dt.datetime, **answers: str) -> None:
    """A paper rating form entered by the desk."""
    with clock.frozen(at):
        rating_submit(dossier_id=dossier.pk, satisfied=True, channel="paper", actor=world.desk, **answers)
