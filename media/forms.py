"""The admin's image upload and edit form: clear refusals, and no location on disk.

Wagtail builds every image form (single upload, multiple upload, edit, API) on
``WAGTAILIMAGES_IMAGE_FORM_BASE``, so this is the one place uploads pass through.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .metadata import MetadataError, strip_metadata


class CampaignImageField(WagtailImageField):
    """Wagtail's image field with messages an editor can act on, in their language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formats = self.supported_formats_text
        limit = self.max_upload_size_text
        self.help_text = _(
            "Accepted formats: %(formats)s. Largest file: %(limit)s. "
            "Location data is removed from photos on upload."
        ) % {"formats": formats, "limit": limit}
        self.error_messages.update(
            invalid_image=_(
                "This file is not an image, or it is damaged. "
                "Upload a photo or picture in one of these formats: %(formats)s."
            )
            % {"formats": formats},
            invalid_image_extension=_(
                "Files of this type are not accepted. Accepted formats: %(formats)s."
            )
            % {"formats": formats},
            invalid_image_known_format=_(
                "This is not a real .%(extension)s image: its content is "
                "%(image_format)s. SVG and other formats are not accepted."
            ),
            file_too_large=_(
                "This file is too big (%(file_size)s). "
                "The largest accepted file is %(max_filesize)s."
            ),
            file_too_large_unknown_size=_(
                "This file is too big. The largest accepted file is %(limit)s."
            )
            % {"limit": limit},
            file_too_many_pixels=_(
                "This image has too many pixels (%(num_pixels)s). The most accepted "
                "is %(max_pixels_count)s; make it smaller and upload it again."
            ),
        )

    def check_image_pixel_size(self, f):
        """Refuse bombs and unreadable files with a message, never a server error."""
        limit = self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS
        try:
            width, height = f.image.get_size()
            frames = f.image.get_frame_count()
        except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
            raise ValidationError(
                _(
                    "This image has far too many pixels to be opened safely. "
                    "The most accepted is %(max_pixels_count)s; make it smaller "
                    "and upload it again."
                ),
                code="file_too_many_pixels",
                params={"max_pixels_count": _count(limit)},
            ) from None
        except (OSError, SyntaxError, ValueError):
            # Right magic bytes, unreadable body: Wagtail would let this become a 500.
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from None
        pixels = width * height * frames
        if self.max_image_pixels is not None and pixels > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"],
                code="file_too_many_pixels",
                params={
                    "num_pixels": _count(pixels),
                    "max_pixels_count": _count(limit),
                },
            )


def _count(number):
    # Grouped even where the locale sets no NUMBER_GROUPING (Vietnamese): 40.000.000.
    return f"{number:,}".replace(",", get_format("THOUSAND_SEPARATOR"))


class CampaignImageForm(BaseImageForm):
    """Base of every image form; strips location data before the file is stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            self.fields["file"] = CampaignImageField(
                label=field.label, required=field.required, widget=field.widget
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            try:
                strip_upload_in_place(upload)
            except MetadataError:
                raise ValidationError(
                    self.fields["file"].error_messages["invalid_image"],
                    code="invalid_image",
                ) from None
        return upload


def strip_upload_in_place(upload):
    """Rewrite the uploaded file itself, so every later use stores the clean bytes.

    Wagtail's multiple uploader keeps the request's file (not the form's cleaned
    data) when other fields still need filling in, so a copy would not be enough.
    """
    upload.seek(0)
    data = upload.read()
    clean = strip_metadata(data)
    if clean != data:
        upload.seek(0)
        upload.truncate()
        upload.write(clean)
        upload.flush()
        upload.size = len(clean)
    upload.seek(0)
    return upload
