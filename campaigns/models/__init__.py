from media.models import VIETNAMESE, Language

from .audiences import AgeBand, Hotline, RiskGroup
from .campaigns import CampaignPage, CampaignReference, Slogan
from .messages import Format, MessagePage, MessagePageTag, MessageVariant
from .regions import KIND_BY_LABEL, Region, RegionKind, RegionMap, RegionSuccessor
from .review import CHECKLIST, VictimSafetyTask
from .safety import ChecklistConfirmation, SafetyEvent, SafetyEventKind
from .units import Membership, Organisation, OrganisationKind, Role

__all__ = [
    "CHECKLIST",
    "KIND_BY_LABEL",
    "VIETNAMESE",
    "AgeBand",
    "CampaignPage",
    "CampaignReference",
    "ChecklistConfirmation",
    "Format",
    "Hotline",
    "Language",
    "Membership",
    "MessagePage",
    "MessagePageTag",
    "MessageVariant",
    "Organisation",
    "OrganisationKind",
    "Region",
    "RegionKind",
    "RegionMap",
    "RegionSuccessor",
    "RiskGroup",
    "SafetyEvent",
    "SafetyEventKind",
    "Role",
    "Slogan",
    "VictimSafetyTask",
]
