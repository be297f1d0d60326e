"""Audio bulletins come out at the loudness target, mono, at the channel's bitrate,
whatever the recording was; what is not a recording is refused with a message."""

import av
import pytest

from cms.demo.sounds import make_recording
from schedules.smartradio.audio import AudioError, measure, prepare_bulletin

TARGET, PEAK = -16.0, -1.0

RECORDINGS = {
    "stereo WAV": {"container": "wav", "codec": "pcm_s16le", "layout": "stereo"},
    "quiet M4A": {
        "container": "mp4",
        "codec": "aac",
        "layout": "stereo",
        "gain_db": -35,
    },
    "loud MP3": {
        "container": "mp3",
        "codec": "libmp3lame",
        "layout": "mono",
        "source": "noise",
        "gain_db": 12,
    },
}


@pytest.mark.parametrize("kind", RECORDINGS)
def test_a_recording_comes_out_at_the_target_loudness_as_mono_mp3(tmp_path, kind):
    spec = RECORDINGS[kind]
    suffix = {"wav": ".wav", "mp4": ".m4a", "mp3": ".mp3"}[spec["container"]]
    source = make_recording(tmp_path / f"in{suffix}", **spec)
    before = measure(source)
    assert abs(before.integrated - TARGET) > 3  # it had to be changed

    prepared = prepare_bulletin(
        source, tmp_path / "out.mp3", target=TARGET, true_peak=PEAK, bitrate=48
    )

    # Measured back independently of what the preparation reported.
    after = measure(tmp_path / "out.mp3")
    assert abs(after.integrated - TARGET) <= 1.0
    assert after.true_peak <= PEAK + 0.5
    assert prepared.measure == after
    assert prepared.size == (tmp_path / "out.mp3").stat().st_size
    assert prepared.duration == pytest.approx(1.5, abs=0.1)
    with av.open(str(tmp_path / "out.mp3")) as container:
        stream = container.streams.audio[0]
        assert container.format.name == "mp3"
        assert stream.codec_context.name.startswith("mp3")
        assert stream.layout.nb_channels == 1
        assert stream.bit_rate == 48_000


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Day khong phai am thanh, chi la chu.\n" * 50, "không phải bản thu"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 400, "không phải bản thu|không có âm thanh"),
        (b"", "không phải bản thu"),
    ],
)
def test_a_file_that_is_not_audio_is_refused(tmp_path, content, message):
    source = tmp_path / "upload.wav"
    source.write_bytes(content)
    with pytest.raises(AudioError, match=message):
        prepare_bulletin(
            source, tmp_path / "out.mp3", target=TARGET, true_peak=PEAK, bitrate=64
        )
    assert not (tmp_path / "out.mp3").exists()


def test_a_damaged_recording_is_refused(tmp_path):
    good = make_recording(tmp_path / "good.mp3", container="mp3", codec="libmp3lame")
    data = bytearray(good.read_bytes())
    # Keep the header, scramble the frames: a recorder that died mid-file.
    data[600:] = bytes((b * 7 + 13) % 256 for b in data[600:])
    broken = tmp_path / "broken.mp3"
    broken.write_bytes(bytes(data[: len(data) // 3]))
    with pytest.raises(AudioError):
        prepare_bulletin(
            broken, tmp_path / "out.mp3", target=TARGET, true_peak=PEAK, bitrate=64
        )


def test_a_silent_recording_is_refused(tmp_path):
    silent = make_recording(tmp_path / "silent.wav", gain_db=-200)
    with pytest.raises(AudioError, match="không có tiếng"):
        prepare_bulletin(
            silent, tmp_path / "out.mp3", target=TARGET, true_peak=PEAK, bitrate=64
        )
