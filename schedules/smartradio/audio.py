"""Audio bulletins: any recording in, one loudness-normalised mono MP3 out.

The signal work is ffmpeg's own, through PyAV (its wheels bundle ffmpeg with the
LAME MP3 encoder): the ``loudnorm`` filter in two passes (EBU R128; measure, then
normalise linearly to the measured values, as ffmpeg documents for accuracy) and the
``ebur128`` filter to measure the result back. Nothing here touches a sample.
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

import av
import av.filter
import av.logging
from django.utils.translation import gettext as _

SAMPLE_RATE = 44100
# Loudness range target of loudnorm; speech rarely comes near it.
LOUDNESS_RANGE = 11
CORRECT_ABOVE = 0.25


class AudioError(ValueError):
    """The file is not audio we can read; the message is for the person uploading."""


@dataclass(frozen=True)
class Measure:
    """Integrated loudness (LUFS) and true peak (dBTP) of a finished file."""

    integrated: float
    true_peak: float
    duration: float


@dataclass(frozen=True)
class Prepared:
    size: int
    duration: float
    measure: Measure


def _decoded(path: Path):
    """Frames of the first audio stream; any decoding failure is an AudioError."""
    try:
        container = av.open(str(path), mode="r")
    except (av.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise AudioError(_("This file is not a recording we can read.")) from exc
    with container:
        if not container.streams.audio:
            raise AudioError(_("This file holds no sound."))
        stream = container.streams.audio[0]
        try:
            yield from container.decode(stream)
        except av.FFmpegError as exc:
            raise AudioError(
                _("The recording is damaged and cannot be read to the end.")
            ) from exc


def _run(path: Path, chain: list[tuple[str, str]]):
    """Decode ``path`` through a filter chain; yield what comes out of it."""
    graph = None
    for frame in _decoded(path):
        if graph is None:
            graph = av.filter.Graph()
            source = graph.add_abuffer(
                format=frame.format.name,
                sample_rate=frame.sample_rate,
                layout=frame.layout.name,
                time_base=frame.time_base,
            )
            previous = source
            for name, args in chain:
                node = graph.add(name, args)
                previous.link_to(node)
                previous = node
            previous.link_to(graph.add("abuffersink"))
            graph.configure()
        frame.pts = None
        graph.push(frame)
        yield from drain(graph)
    if graph is None:
        raise AudioError(_("This file holds no sound."))
    graph.push(None)
    yield from drain(graph)


def drain(graph):
    """Every frame a filter graph has ready now (all of them after EOF)."""
    while True:
        try:
            yield graph.pull()
        except (av.BlockingIOError, av.EOFError):
            return


# Downmix first, so the loudness measured is that of the mono file people hear.
_MONO = ("aformat", f"sample_fmts=flt:channel_layouts=mono:sample_rates={SAMPLE_RATE}")


def _loudnorm_args(target: float, true_peak: float) -> str:
    return f"I={target}:TP={true_peak}:LRA={LOUDNESS_RANGE}"


def measure_for_loudnorm(path: Path, *, target: float, true_peak: float) -> dict:
    """First pass: loudnorm's own measurement, which it prints as JSON when done."""
    chain = [
        _MONO,
        ("loudnorm", _loudnorm_args(target, true_peak) + ":print_format=json"),
    ]
    # PyAV drops a message equal to the one before: the same recording measured
    # twice would print nothing the second time.
    level, skip = av.logging.get_level(), av.logging.get_skip_repeated()
    with av.logging.Capture(local=True) as logs:
        av.logging.set_level(av.logging.INFO)
        av.logging.set_skip_repeated(False)
        try:
            for _frame in _run(path, chain):
                pass
        finally:
            av.logging.set_level(level)
            av.logging.set_skip_repeated(skip)
    for _level, name, message in reversed(logs):
        if name == "loudnorm" and "input_i" in message:
            return json.loads(message[message.index("{") : message.rindex("}") + 1])
    raise AudioError(_("The loudness of this recording could not be measured."))


def prepare_bulletin(
    source: Path, target_path: Path, *, target: float, true_peak: float, bitrate: int
) -> Prepared:
    """Write ``source`` as a mono MP3 at ``bitrate`` kbit/s, at ``target`` LUFS with
    true peaks at most ``true_peak`` dBTP; return what it measures back at.

    The MP3 encoder shifts loudness a little (about half a LU); when the file
    measures off by more than a quarter LU, it is made once more aiming that much
    the other way.
    """
    first = measure_for_loudnorm(source, target=target, true_peak=true_peak)
    if "inf" in str(first.get("input_i")):
        raise AudioError(_("The recording is silent."))
    aim = target
    for _attempt in range(2):
        _encode(
            source, target_path, first, target=aim, true_peak=true_peak, bitrate=bitrate
        )
        result = measure(target_path)
        error = result.integrated - target
        if abs(error) <= CORRECT_ABOVE:
            break
        aim -= error
    return Prepared(
        size=target_path.stat().st_size, duration=result.duration, measure=result
    )


def _encode(
    source: Path,
    target_path: Path,
    first: dict,
    *,
    target: float,
    true_peak: float,
    bitrate: int,
) -> None:
    measured = ":".join(
        [
            f"measured_I={first['input_i']}",
            f"measured_TP={first['input_tp']}",
            f"measured_LRA={first['input_lra']}",
            f"measured_thresh={first['input_thresh']}",
            f"offset={first['target_offset']}",
            "linear=true",
        ]
    )
    chain = [
        _MONO,
        ("loudnorm", f"{_loudnorm_args(target, true_peak)}:{measured}"),
        # loudnorm works at 192 kHz; back to the broadcast rate, in mono.
        ("aresample", str(SAMPLE_RATE)),
        (
            "aformat",
            f"sample_fmts=fltp:channel_layouts=mono:sample_rates={SAMPLE_RATE}",
        ),
    ]
    target_path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(target_path), mode="w", format="mp3") as output:
        stream = output.add_stream("libmp3lame", rate=SAMPLE_RATE, layout="mono")
        stream.bit_rate = bitrate * 1000
        for frame in _run(source, chain):
            frame.pts = None
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)


def measure(path: Path) -> Measure:
    """EBU R128 integrated loudness and true peak, measured by ffmpeg's ebur128."""
    data = {}
    samples = 0
    rate = SAMPLE_RATE
    for frame in _run(path, [("ebur128", "metadata=1:peak=true")]):
        if "lavfi.r128.I" in frame.metadata:
            data = dict(frame.metadata)
        samples += frame.samples
        rate = frame.sample_rate
    if not data:
        raise AudioError(_("This file holds no sound."))
    peak = float(data.get("lavfi.r128.true_peak", "0") or 0)
    return Measure(
        integrated=float(data["lavfi.r128.I"]),
        true_peak=20 * math.log10(peak) if peak > 0 else float("-inf"),
        duration=samples / rate,
    )
