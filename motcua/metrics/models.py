"""The index's configuration rows, each dossier's current facts, and the insert-only aggregate deltas.

- :class:`Parameter`: versioned configuration (key, valid from, value).
- :class:`DossierFact`: what one dossier currently contributes (one row per counted dossier, written only inside that
  dossier's own transactions, so no two transactions fight over it).
- :class:`Delta`: the journal. Every change of a fact inserts ``new − old`` as rows (agency, field, procedure, day,
  measure, delta); the database refuses to update, delete or truncate them (``motcua.core.appendonly``).
- :class:`Total`: the journal folded by the compactor into day and month buckets, per field and for all fields.
- :class:`JournalMark`: how far the totals hold the journal. Readers add the journal rows past the mark, in the
  same statement as the totals (see ``motcua.metrics.journal``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core import clock
from motcua.metrics.parameters import BY_KEY


class Parameter(models.Model):
    key = models.CharField(_("parameter"), max_length=60)
    valid_from = models.DateField(_("valid from"))
    value = models.JSONField(_("value"))
    note = models.CharField(_("note"), max_length=255, blank=True, help_text=_("Source or reason of the change"))
    created_at = models.DateTimeField(_("recorded at"), default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("index parameter")
        verbose_name_plural = _("index parameters")
        ordering = ["key", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["key", "valid_from"], name="metrics_parameter_version")]

    def __str__(self) -> str:
        return f"{self.key} = {self.value} ({self.valid_from:%d/%m/%Y})"

    def clean(self) -> None:
        param = BY_KEY.get(self.key)
        if param is None:
            raise ValidationError({"key": _("Unknown parameter.")})
        try:
            self.value = param.check(self.value)
        except ValueError as exc:
            raise ValidationError({"value": str(exc)}) from exc


class DossierFact(models.Model):
    """The inputs and the derived facts of one dossier, as last counted (see ``facts.Facts``)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="metrics_fact",
        verbose_name=_("dossier"),
    )
    agency_id = models.BigIntegerField(_("lead agency"))
    field_id = models.BigIntegerField(_("field"))
    procedure_id = models.BigIntegerField(_("procedure"))
    # Derived facts (local dates).
    due_at = models.DateTimeField(
        null=True, help_text=_("The dossier's due moment when last counted"), verbose_name=_("due at")
    )
    received = models.DateField(null=True, verbose_name=_("received"))
    ended = models.DateField(null=True, verbose_name=_("ended"))
    # The end of processing against the judged due moment (``dossiers.timing.classify``: early, on_time, late);
    # empty while processing goes on. Decided once here; scoring reads it.
    timeliness = models.CharField(max_length=8, blank=True, default="", verbose_name=_("timeliness"))
    on_time = models.BooleanField(default=False, verbose_name=_("on time"))
    early = models.BooleanField(default=False, verbose_name=_("early"))
    work_minutes = models.IntegerField(default=0, verbose_name=_("work minutes"))
    overdue_from = models.DateField(null=True, verbose_name=_("overdue from"))
    decided = models.DateField(null=True, verbose_name=_("decided"))
    returned = models.DateField(null=True, verbose_name=_("returned"))
    full_eligible = models.BooleanField(default=False, verbose_name=_("full eligible"))
    online = models.BooleanField(default=False, verbose_name=_("online"))
    with_fees = models.BooleanField(default=False, verbose_name=_("with fees"))
    digitised = models.BooleanField(default=False, verbose_name=_("digitised"))
    # Inputs read from other tables, kept so that an event that does not touch them need not read them again.
    components_digitised = models.BooleanField(default=False, verbose_name=_("components digitised"))
    reused = models.BooleanField(default=False, verbose_name=_("reused"))
    result_file = models.BooleanField(default=False, verbose_name=_("result file"))
    paid_online = models.BooleanField(default=False, verbose_name=_("paid online"))
    paid_national = models.BooleanField(default=False, verbose_name=_("paid national"))
    synced = models.BooleanField(default=False, verbose_name=_("synced"))
    rated = models.BooleanField(default=False, verbose_name=_("rated"))
    satisfied = models.BooleanField(default=False, verbose_name=_("satisfied"))
    judged_due = models.DateTimeField(
        null=True,
        help_text=_("The due moment with the closed pauses excluded (empty: the dossier's due moment)"),
        verbose_name=_("judged due"),
    )
    open_pause_at = models.DateTimeField(null=True, verbose_name=_("open pause at"))
    excess_request_at = models.DateTimeField(null=True, verbose_name=_("excess request at"))

    class Meta:
        verbose_name = _("dossier fact")
        verbose_name_plural = _("dossier facts")

    def __str__(self) -> str:
        return f"facts of dossier {self.dossier_id}"


class WriterTransaction(models.Expression):
    """The database default of :attr:`Delta.tx`: on PostgreSQL the id of the transaction that writes the row
    (``pg_current_xact_id()``, 64 bits: it never wraps around); elsewhere 0 (SQLite has one writer at a time and
    orders the journal by ``id``)."""

    output_field = models.BigIntegerField()
    allowed_default = True

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return "0", []

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        return "(pg_current_xact_id()::text::bigint)", []


class Delta(models.Model):
    """One insert-only change of an aggregate: ``delta`` of ``measure`` for (agency, field, procedure, day)."""

    agency_id = models.BigIntegerField(verbose_name=_("agency"))
    field_id = models.BigIntegerField(verbose_name=_("field"))
    procedure_id = models.BigIntegerField(
        default=0, help_text=_("0 unless the measure is kept per procedure"), verbose_name=_("procedure")
    )
    day = models.DateField(verbose_name=_("day"))
    measure = models.SmallIntegerField(verbose_name=_("measure"))
    delta = models.BigIntegerField(verbose_name=_("delta"))
    tx = models.BigIntegerField(
        db_default=WriterTransaction(),
        editable=False,
        help_text=_("The writing transaction (PostgreSQL)"),
        verbose_name=_("transaction"),
    )

    class Meta:
        verbose_name = _("aggregate delta")
        verbose_name_plural = _("aggregate deltas")
        # The rows past the mark, for the compactor and the readers (PostgreSQL; SQLite uses the primary key).
        indexes = [models.Index(fields=["tx"], name="metrics_delta_tx")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.field_id}/{self.day} m{self.measure} {self.delta:+d}"


class JournalMark(models.Model):
    """One row (id 1): the totals hold exactly the journal rows whose key is below ``folded_below`` — the key is
    the writing transaction (``tx``) on PostgreSQL and ``id`` on SQLite. Only the compactor moves it, forward."""

    folded_below = models.BigIntegerField(_("folded below"), default=0)

    class Meta:
        verbose_name = _("journal mark")
        verbose_name_plural = _("journal marks")

    def __str__(self) -> str:
        return f"folded below {self.folded_below}"


class Total(models.Model):
    """Folded deltas: ``grain`` 0 = one day, 1 = one month (``bucket`` its first day) of a flow measure, 2 and 3 the
    same for a stock measure (so that each part of a read is one index range); ``field_id`` 0 = all fields."""

    DAY, MONTH, STOCK_DAY, STOCK_MONTH = 0, 1, 2, 3

    agency_id = models.BigIntegerField(verbose_name=_("agency"))
    field_id = models.BigIntegerField(verbose_name=_("field"))
    grain = models.SmallIntegerField(verbose_name=_("grain"))
    measure = models.SmallIntegerField(verbose_name=_("measure"))
    bucket = models.DateField(verbose_name=_("bucket"))
    procedure_id = models.BigIntegerField(default=0, verbose_name=_("procedure"))
    value = models.BigIntegerField(verbose_name=_("value"))

    class Meta:
        verbose_name = _("aggregate total")
        verbose_name_plural = _("aggregate totals")
        constraints = [
            models.UniqueConstraint(
                fields=["agency_id", "field_id", "grain", "bucket", "measure", "procedure_id"],
                name="metrics_total_bucket_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.field_id} g{self.grain} m{self.measure} {self.bucket}={self.value}"
