"""What the pages and the admin call each event and each kind of step (never the raw code when a label exists):
one list, read by the portal's and back office's templates and by the dossiers' admin."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.dossiers.visibility import EVENT_KINDS

#: Every event kind's staff label, from the one table of event kinds (``visibility.EVENT_KINDS``).
ACTION_LABELS = {action: kind.staff_label for action, kind in EVENT_KINDS.items()}

STEP_KINDS = {
    "receive": _("Reception at the desk"),
    "appraise": _("Appraisal"),
    "decide": _("Decision and signature"),
    "return": _("Result to the desk"),
    "consult": _("Consultation"),
    "verify": _("Verification"),
    "transfer": _("Transfer"),
}
