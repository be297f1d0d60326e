from .campaigns import CampaignPage, CampaignReference, Slogan
from .languages import VIETNAMESE, Language
from .regions import KIND_BY_LABEL, Region, RegionKind
from .units import Membership, Organisation, OrganisationKind, Role

__all__ = [
    "KIND_BY_LABEL",
    "VIETNAMESE",
    "CampaignPage",
    "CampaignReference",
    "Language",
    "Membership",
    "Organisation",
    "OrganisationKind",
    "Region",
    "RegionKind",
    "Role",
    "Slogan",
]
