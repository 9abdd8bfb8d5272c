"""Models of the procedure catalogue."""

from motcua.catalog.models.catalogue import (
    Component,
    Decision,
    DecisionItem,
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureVersion,
)
from motcua.catalog.models.choices import (
    Channel,
    DecisionAction,
    DurationUnit,
    FeeKind,
    Level,
    OnlineLevel,
    ProcedureStatus,
    ProcessStatus,
    Requirement,
    StepKind,
    VersionStatus,
)
from motcua.catalog.models.process import InternalProcess, ProcessStep
from motcua.catalog.models.search import SearchWord

__all__ = [
    "Channel",
    "Component",
    "Decision",
    "DecisionAction",
    "DecisionItem",
    "DurationUnit",
    "Fee",
    "FeeKind",
    "Field",
    "InternalProcess",
    "LegalBasis",
    "Level",
    "OnlineLevel",
    "Procedure",
    "ProcedureStatus",
    "ProcedureVersion",
    "ProcessStatus",
    "ProcessStep",
    "Requirement",
    "SearchWord",
    "StepKind",
    "VersionStatus",
]
