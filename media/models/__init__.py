from .clips import ClipKind, MediaClip
from .images import CampaignImage, CampaignRendition, Consent
from .languages import VIETNAMESE, Language

__all__ = [
    "VIETNAMESE",
    "CampaignImage",
    "CampaignRendition",
    "ClipKind",
    "Consent",
    "Language",
    "MediaClip",
]
