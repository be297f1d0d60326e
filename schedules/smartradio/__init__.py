"""Commune smart radio: broadcasts out as audio bulletins, playback logs back in."""
