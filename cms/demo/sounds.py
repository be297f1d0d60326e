"""Illustrative recordings, made on the spot with ffmpeg's own sources through PyAV
(a tone or pink noise, at a chosen level, in the container and codec a recorder
would use): the demo's smart-radio bulletins and the tests' inputs. Nothing is
downloaded and nobody's voice is used."""

from pathlib import Path

import av
import av.filter

from schedules.smartradio.audio import drain


def make_recording(
    path: Path,
    *,
    container: str = "wav",
    codec: str = "pcm_s16le",
    layout: str = "stereo",
    gain_db: float = 0.0,
    seconds: float = 1.5,
    source: str = "sine",
    rate: int = 44100,
    frequency: int = 440,
) -> Path:
    """A recording of a tone (``sine``) or pink noise (``noise``)."""
    graph = av.filter.Graph()
    if source == "sine":
        node = graph.add(
            "sine", f"frequency={frequency}:duration={seconds}:sample_rate={rate}"
        )
    else:
        node = graph.add(
            "anoisesrc", f"color=pink:duration={seconds}:sample_rate={rate}:seed=7"
        )
    for name, args in (
        ("volume", f"{gain_db}dB"),
        ("aformat", f"channel_layouts={layout}"),
    ):
        following = graph.add(name, args)
        node.link_to(following)
        node = following
    node.link_to(graph.add("abuffersink"))
    graph.configure()
    with av.open(str(path), "w", format=container) as output:
        stream = output.add_stream(codec, rate=rate, layout=layout)
        for frame in drain(graph):
            frame.pts = None
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return path
