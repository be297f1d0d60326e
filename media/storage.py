"""Where uploaded files live: originals privately, public sizes and clips publicly.

The default storage is private: originals of images and documents (and any upload
added later) sit outside MEDIA_ROOT, which the web server may publish, and their
``url()`` names the admin view that checks permission (``media.views``). What the
public may fetch is stored in the "public" storage on purpose: image renditions
(WAGTAILIMAGES_RENDITION_STORAGE) and broadcast clips.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """Files on disk under PRIVATE_MEDIA_ROOT, never below MEDIA_URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        url = self._value_or_setting(self._base_url, settings.PRIVATE_MEDIA_URL)
        return url if url.endswith("/") else url + "/"

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting in ("PRIVATE_MEDIA_ROOT", "PRIVATE_MEDIA_URL"):
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
            self.__dict__.pop("base_url", None)


def public_storage():
    """The storage whose files the web server publishes under MEDIA_URL."""
    return storages["public"]
