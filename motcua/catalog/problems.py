"""Rule violations found by the catalogue's checks, as data.

A check returns :class:`Problem` values (a stable code, where, and the parameters) instead of raising, so one
check serves two voices: the services raise :class:`~motcua.core.errors.ValidationFailed` with the translated
English messages below, and the importer reports the same problems in Vietnamese at the file's row and column
(``catalog.importing.messages``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import StepKind
from motcua.core.errors import ValidationFailed
from motcua.orgs.models import Role
from motcua.workcalendar.units import TimeUnit

#: A place in the input: ("limit_unit",), ("components", 2, "copies"), ("steps", 0, "role").
Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    code: str
    path: Path = ()
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def message(self) -> str:
        template = str(MESSAGES[self.code])
        if not self.params:
            return template
        return template % {key: _display(key, value) for key, value in self.params.items()}


def _display(key: str, value: Any) -> Any:
    """Params hold codes (``working_day``, ``leader``); messages show their labels."""

    choices = {"unit": TimeUnit, "kind": StepKind, "role": Role}.get(key)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def path_label(path: Path) -> str:
    return ".".join(f"[{part}]" if isinstance(part, int) else part for part in path).replace(".[", "[")


class ProblemsFound(ValidationFailed):
    """A :class:`ValidationFailed` that keeps the problems as data (the importer reports them itself)."""

    def __init__(self, problems: Sequence[Problem], *, code: str = "invalid") -> None:
        fields: dict[str, list[str]] = {}
        for problem in problems:
            fields.setdefault(path_label(problem.path) or "__all__", []).append(problem.message())
        super().__init__(problems[0].message(), code=code, fields=fields)
        self.problems = list(problems)


def raise_problems(problems: Sequence[Problem], *, code: str = "invalid") -> None:
    """Raise :class:`ProblemsFound` listing every problem, if there is any."""
    if problems:
        raise ProblemsFound(problems, code=code)


MESSAGES: dict[str, Any] = {
    "required": _("This value is required."),
    "too_long": _("At most %(max)s characters."),
    "bad_choice": _("“%(value)s” is not one of: %(choices)s."),
    "unknown_field": _("There is no field with the code “%(value)s”."),
    "unknown_agency": _("There is no agency with the identifier code “%(value)s”."),
    "bad_amount": _("A limit in %(unit)s must be a positive whole number (working days may end in .5)."),
    "committed_longer": _("The committed limit must not be longer than the statutory limit."),
    "partial_needs_reason": _("A partially online procedure needs the published reason."),
    "online_level_without_channel": _("Only a procedure filed online has an online level other than none."),
    "online_without_level": _("A procedure filed online must be full-process or partially online."),
    "no_channel": _("At least one channel (counter, postal, online) is needed."),
    "no_applicant_kind": _("At least one kind of applicant (citizens, organisations) is needed."),
    "no_implementing_agency": _("Name the implementing agencies or the kinds of agency that implement it."),
    "component_no_copies": _("A component needs at least one original, certified copy or copy."),
    "conditional_needs_condition": _("A conditional component needs its condition."),
    "bad_url": _("“%(value)s” is not a web address."),
    "fee_needs_amount": _("A fee needs an amount (0 when exempt) or a table of amounts."),
    "fee_row_invalid": _("Each row of a fee table needs a label and an amount of 0 or more."),
    "duplicate": _("“%(value)s” appears more than once."),
    "version_published": _("Version %(number)s is published: its content cannot change. Add a new version."),
    "version_not_draft": _("Only a draft version can be published or edited."),
    "procedure_abolished": _("Procedure %(code)s is abolished; it takes no new version."),
    "window_overlap": _(
        "Version %(number)s would start on %(start)s, not after version %(other)s (valid from %(other_start)s): "
        "validity windows cannot overlap."
    ),
    "abolish_before_start": _("Procedure %(code)s cannot be abolished on %(on)s: a version starts on %(start)s."),
    "nothing_to_abolish": _("Procedure %(code)s has no published version to abolish."),
    "unknown_decision": _("There is no decision numbered “%(value)s”."),
    "version_number_gap": _("Version %(number)s does not follow the last version (%(last)s)."),
    "publication_differs": _("Version %(number)s is already published under decision %(decision)s from %(start)s."),
    "abolition_differs": _("Procedure %(code)s was abolished by another decision."),
    "decision_differs": _("Decision %(value)s already exists with other content; decisions are not edited."),
    "valid_before_decision": _("A version cannot take effect (%(start)s) before its decision is signed (%(signed)s)."),
    # internal processes
    "no_steps": _("A process needs steps."),
    "first_not_receive": _("The first step must receive the dossier."),
    "last_not_return": _("The last step must return the result."),
    "wrong_role_for_kind": _("A %(kind)s step is done by a %(role)s."),
    "group_scattered": _("The steps of parallel group “%(group)s” must follow one another."),
    "group_in_receive_return": _("Receiving and returning are never in a parallel group."),
    "bad_half_days": _("A duration in half days is a whole number."),
    "bad_duration": _("A duration must be positive."),
    "sum_mismatch": _(
        "The steps on the longest path take %(total)s working hours, but the committed limit is %(limit)s "
        "working hours (%(amount)s %(unit)s): they must be equal."
    ),
    "equivalent_required": _(
        "The committed limit is in %(unit)s: give the working-time equivalent (hours) the steps add up to."
    ),
    "equivalent_not_applicable": _("A working-time equivalent is only given for limits in calendar days or months."),
    "agency_not_implementing": _("%(agency)s does not implement this procedure version."),
    "template_without_kinds": _("A template process needs a version implemented by kinds of agency."),
    "unknown_unit": _("%(agency)s has no active unit “%(unit)s”."),
    "role_missing": _("Nobody is an active %(role)s at %(where)s."),
    "version_not_published": _("A process is approved only for a published version."),
    "process_not_draft": _("Only a draft process can be edited or approved."),
}
