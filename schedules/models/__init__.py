from .broadcasts import (
    CANCELLABLE,
    CONFIRMABLE,
    EDITABLE,
    PENDING,
    PLANNED,
    REPLACEABLE,
    SCHEDULED,
    Broadcast,
    BroadcastEvent,
    BroadcastPlan,
    BroadcastStatus,
    PlanStatus,
)
from .channels import Channel, ChannelKind, ChannelWindow, DeliveryMethod
from .press import Coverage, CoverageStatus, PressOutlet
from .reach import ReachMethod, ReachRecord
from .reports import CommitteeReport, ReportSettings
from .sessions import Session, SessionKind, SessionStatus

__all__ = [
    "CANCELLABLE",
    "CONFIRMABLE",
    "EDITABLE",
    "PENDING",
    "PLANNED",
    "REPLACEABLE",
    "SCHEDULED",
    "Broadcast",
    "BroadcastEvent",
    "BroadcastPlan",
    "BroadcastStatus",
    "Channel",
    "ChannelKind",
    "ChannelWindow",
    "CommitteeReport",
    "Coverage",
    "CoverageStatus",
    "DeliveryMethod",
    "PlanStatus",
    "PressOutlet",
    "ReachMethod",
    "ReachRecord",
    "ReportSettings",
    "Session",
    "SessionKind",
    "SessionStatus",
]
