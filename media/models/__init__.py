from .clips import ClipKind, MediaClip
from .images import CampaignImage, CampaignRendition, Consent

__all__ = ["CampaignImage", "CampaignRendition", "ClipKind", "Consent", "MediaClip"]
