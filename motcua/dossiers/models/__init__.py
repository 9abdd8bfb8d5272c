from motcua.dossiers.models.counters import Counter
from motcua.dossiers.models.dossier import Channel, Dossier, Outcome, ReturnMethod
from motcua.dossiers.models.files import Blob, DossierComponent, DossierFile, StoredFile
from motcua.dossiers.models.history import DossierEvent
from motcua.dossiers.models.money import FeeExemption, FeeLine, Payment, PaymentMethod, PaymentStatus
from motcua.dossiers.models.timing import Apology, Pause, PauseReason, Step, StepStatus
from motcua.dossiers.models.tracking import TrackingGuard

__all__ = [
    "Apology",
    "Blob",
    "Channel",
    "Counter",
    "Dossier",
    "DossierComponent",
    "DossierEvent",
    "DossierFile",
    "FeeExemption",
    "FeeLine",
    "Outcome",
    "Pause",
    "PauseReason",
    "Payment",
    "PaymentMethod",
    "PaymentStatus",
    "ReturnMethod",
    "StoredFile",
    "Step",
    "StepStatus",
    "TrackingGuard",
]
