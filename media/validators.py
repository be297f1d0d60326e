"""Checks on uploaded audio and video clips, with messages an editor can act on."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

CLIP_EXTENSIONS = ("mp3", "m4a", "ogg", "wav", "mp4", "webm")
DEFAULT_CLIP_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
SNIFF_BYTES = 262  # what filetype needs to recognise every format it knows

_check_extension = FileExtensionValidator(
    CLIP_EXTENSIONS,
    message=_(
        "Files ending in .%(extension)s are not accepted for clips. "
        "Accepted: %(allowed_extensions)s."
    ),
    code="invalid_clip_extension",
)


def validate_clip_file(value):
    """Refuse a clip with the wrong extension, too big, or not really audio or video.

    Size and content are checked on new uploads only, so lowering the limit later
    does not lock editors out of clips they uploaded before.
    """
    _check_extension(value)
    if getattr(value, "_committed", True):
        return
    limit = getattr(
        settings, "MEDIA_CLIP_MAX_UPLOAD_SIZE", DEFAULT_CLIP_MAX_UPLOAD_SIZE
    )
    if limit is not None and value.size > limit:
        raise ValidationError(
            _(
                "This file is too big (%(size)s). "
                "The largest accepted clip is %(limit)s."
            ),
            code="clip_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
        )
    value.file.seek(0)
    head = value.file.read(SNIFF_BYTES)
    value.file.seek(0)
    if not (filetype.is_audio(head) or filetype.is_video(head)):
        raise ValidationError(
            _("This file is not audio or video, or it is damaged."),
            code="invalid_clip",
        )
