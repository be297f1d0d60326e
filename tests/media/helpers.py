"""Posting files the way the Wagtail admin's upload pages do."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Collection

from media.models import Consent


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload_form(data, name, **fields):
    """What an editor's browser posts from the "Add an image" form."""
    return {
        "title": "Ảnh truyền thông",
        "credit": "Báo Thanh Hóa",
        "licence": "",
        "consent": Consent.NOT_NEEDED,
        "collection": Collection.get_first_root_node().pk,
        "file": SimpleUploadedFile(name, data),
        **fields,
    }


def add_image(client, data, name, **fields):
    return client.post(reverse("wagtailimages:add"), upload_form(data, name, **fields))


def add_multiple(client, data, name):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile(name, data),
        },
        headers={"x-requested-with": "XMLHttpRequest"},
    )
