"""What must hold besides the state for an action to be possible, as typed predicates over a dossier's facts.

The registry (:mod:`motcua.dossiers.actions`) names each action's preconditions; the services refuse an action
whose precondition fails (with their own message), and :func:`motcua.dossiers.available.available_actions` offers
no button for it. :class:`Facts` reads each fact at most once, lazily, or takes it from a page that has it already.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

from motcua.dossiers.models import Apology, Dossier, DossierFile, FeeExemption, Step, StepStatus


class Facts:
    """The facts of one dossier the preconditions read."""

    def __init__(
        self,
        dossier: Dossier,
        *,
        steps: Sequence[Step] | None = None,
        has_apology: bool | None = None,
        has_result: bool | None = None,
    ) -> None:
        self.dossier = dossier
        if steps is not None:
            self.__dict__["steps"] = list(steps)
        if has_apology is not None:
            self.__dict__["has_apology"] = has_apology
        if has_result is not None:
            self.__dict__["has_result"] = has_result

    @cached_property
    def steps(self) -> list[Step]:
        return list(self.dossier.steps.all())

    @cached_property
    def has_apology(self) -> bool:
        return Apology.objects.filter(dossier_id=self.dossier.pk).exists()

    @cached_property
    def has_result(self) -> bool:
        return self.dossier.files.filter(kind=DossierFile.KIND_RESULT).exists()

    @cached_property
    def has_exemption(self) -> bool:
        return FeeExemption.objects.filter(dossier_id=self.dossier.pk).exists()


Precondition = Callable[[Facts], bool]


def not_apologised(facts: Facts) -> bool:
    """An apology and re-appointment is given at most once (NĐ 61/2018 art. 21.7)."""
    return not facts.has_apology


def result_attached(facts: Facts) -> bool:
    """The digitised result is attached before it is sent to the desk."""
    return facts.has_result


def owes_fees(facts: Facts) -> bool:
    """The dossier has fees to pay or to exempt."""
    return bool(facts.dossier.fee_total)


def not_exempt(facts: Facts) -> bool:
    """An exemption is recorded once."""
    return not facts.has_exemption


def other_open_step(facts: Facts) -> Step | None:
    """A step other than the decision (and not a consultation) still in hand, if any."""
    return next(
        (s for s in facts.steps if s.status == StepStatus.ACTIVE and not s.is_consultation and s.kind != "decide"),
        None,
    )


def no_other_step_open(facts: Facts) -> bool:
    """The decision is taken once every other step is handed over."""
    return other_open_step(facts) is None
