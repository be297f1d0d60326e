"""Audio and video clips: what editors may upload, and what they must fill in."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from media.models import ClipKind, Consent, MediaClip

from .files import wav
from .helpers import stored_files

pytestmark = pytest.mark.django_db


def clip(**fields):
    values = {
        "title": "Cảnh giác với lời mời việc làm lương cao",
        "file": SimpleUploadedFile("loa-xa.wav", wav()),
        "kind": ClipKind.AUDIO,
        "duration_seconds": 45,
        "transcript": "Bà con chú ý: không tin lời mời đi làm việc nhẹ lương cao.",
        "credit": "Đài Truyền thanh huyện Mường Lát",
    }
    return MediaClip(**(values | fields))


def errors_of(instance):
    with pytest.raises(ValidationError) as invalid:
        instance.full_clean()
    return invalid.value.message_dict


def test_a_complete_audio_clip_is_valid_and_speaks_vietnamese_by_default():
    audio = clip()
    audio.full_clean()

    assert audio.language_id == "vi"
    assert audio.consent == Consent.NOT_NEEDED
    assert audio.duration == "0:45"


def test_audio_needs_a_transcript_for_the_loudspeakers():
    assert errors_of(clip(transcript="  ")) == {
        "transcript": ["Đoạn âm thanh phải có văn bản lời đọc."]
    }


def test_video_may_go_without_a_transcript():
    clip(kind=ClipKind.VIDEO, transcript="").full_clean()


@pytest.mark.parametrize("seconds", [0, -5])
def test_the_duration_must_be_positive(seconds):
    assert "duration_seconds" in errors_of(clip(duration_seconds=seconds))


def test_other_file_types_are_refused():
    errors = errors_of(clip(file=SimpleUploadedFile("slides.pdf", b"%PDF-1.7")))

    assert errors["file"] == [
        "Không chấp nhận tệp đuôi .pdf cho đoạn âm thanh, video. Được chấp nhận: "
        "mp3, m4a, ogg, wav, mp4, webm."
    ]


def test_a_file_that_only_pretends_to_be_audio_is_refused():
    fake = SimpleUploadedFile("loa.mp3", b"just some text\n" * 40)

    assert errors_of(clip(file=fake))["file"] == [
        "Tệp này không phải âm thanh hay video, hoặc đã bị hỏng."
    ]


def test_clips_over_the_size_limit_are_refused(settings):
    settings.MEDIA_CLIP_MAX_UPLOAD_SIZE = 1000

    [error] = errors_of(clip())["file"]

    assert error.startswith("Tệp này quá lớn (")


def test_credit_is_required():
    assert "credit" in errors_of(clip(credit=""))


def test_the_database_refuses_what_forms_would_refuse():
    for broken in (
        clip(duration_seconds=0),
        clip(transcript=""),
        clip(credit=""),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            broken.save()


def test_editors_upload_clips_in_the_snippet_admin(admin_client, media_root):
    url = reverse("wagtailsnippets_media_mediaclip:add")
    response = admin_client.post(
        url,
        {
            "title": "Phóng sự 30/7",
            "file": SimpleUploadedFile("phong-su.wav", wav(seconds=2)),
            "kind": ClipKind.AUDIO,
            "duration_seconds": 2,
            "language": "vi",
            "transcript": "Chung tay phòng, chống mua bán người.",
            "credit": "Đài PT-TH Thanh Hóa",
            "consent": Consent.NOT_NEEDED,
        },
    )

    assert response.status_code == 302
    saved = MediaClip.objects.get()
    assert saved.file.name.startswith("clips/")
    assert stored_files(media_root) == [media_root / saved.file.name]


def test_the_snippet_admin_shows_the_refusal(admin_client, media_root):
    response = admin_client.post(
        reverse("wagtailsnippets_media_mediaclip:add"),
        {
            "title": "Sai định dạng",
            "file": SimpleUploadedFile("video.avi", b"RIFF0000AVI LIST"),
            "kind": ClipKind.VIDEO,
            "duration_seconds": 10,
            "language": "vi",
            "credit": "Không rõ",
            "consent": Consent.NOT_NEEDED,
        },
    )

    assert response.status_code == 200
    assert "Không chấp nhận tệp đuôi .avi" in response.content.decode()
    assert not MediaClip.objects.exists()
    assert stored_files(media_root) == []


def test_the_clip_list_filters_by_kind_and_language(admin_client):
    clip().save()
    clip(title="Phim ngắn", kind=ClipKind.VIDEO, language_id="hmn").save()
    url = reverse("wagtailsnippets_media_mediaclip:list")

    response = admin_client.get(url, {"kind": "video", "language": "hmn"})

    titles = [str(item) for item in response.context["object_list"]]
    assert titles == ["Phim ngắn"]
    assert "Thời lượng" in response.content.decode()


def test_the_edit_form_shows_the_chosen_language(admin_client):
    saved = clip(language_id="hmn")
    saved.save()

    response = admin_client.get(
        reverse("wagtailsnippets_media_mediaclip:edit", args=[saved.pk])
    )

    assert response.status_code == 200
    assert '<option value="hmn" selected>' in response.content.decode()
