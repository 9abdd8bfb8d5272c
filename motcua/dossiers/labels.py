"""What the pages and the admin call each event and each kind of step (never the raw code when a label exists):
one list, read by the portal's and back office's templates and by the dossiers' admin."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "create": _("Created"),
    "submit": _("Submitted"),
    "receive": _("Received; receipt and appointment issued"),
    "request_supplement": _("Supplement requested"),
    "supplement": _("Supplemented by the applicant"),
    "refuse": _("Refused at reception"),
    "withdraw": _("Withdrawn"),
    "transfer": _("Transferred for processing"),
    "assign": _("Handler assigned"),
    "note": _("Appraisal note"),
    "handover": _("Step handed over"),
    "consult": _("Consultation sent"),
    "pause": _("Paused"),
    "resume": _("Resumed"),
    "answer_pause": _("Documents sent by the applicant; processing resumed"),
    "decide": _("Decided and signed"),
    "attach_result": _("Result document attached"),
    "send_to_desk": _("Result sent to the desk"),
    "return_result": _("Result returned"),
    "apologise": _("Apology and new appointment"),
    "stop": _("Stopped"),
    "record_payment": _("Payment recorded"),
    "exempt_fees": _("Fee exemption recorded"),
    "print_form": _("Form printed"),
    "tracking_unlock": _("Tracking by check digits reopened"),
}

STEP_KINDS = {
    "receive": _("Reception at the desk"),
    "appraise": _("Appraisal"),
    "decide": _("Decision and signature"),
    "return": _("Result to the desk"),
    "consult": _("Consultation"),
    "verify": _("Verification"),
    "transfer": _("Transfer"),
}
