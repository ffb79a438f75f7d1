import re

from perspectives import load, palette
from perspectives.paths import EMBEDDED_CORPUS


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_at_least_eight_distinct_colours():
    assert len(set(palette.THEME_COLOURS)) == len(palette.THEME_COLOURS) >= 8
    assert all(re.fullmatch(r"#[0-9A-F]{6}", colour) for colour in palette.THEME_COLOURS)


def test_black_text_is_readable_on_every_colour():
    # WCAG contrast ratio against black; 4.5 is the AA level for body text.
    for colour in palette.THEME_COLOURS:
        assert (relative_luminance(colour) + 0.05) / 0.05 >= 4.5, colour


def test_colours_cycle_past_the_end():
    size = len(palette.THEME_COLOURS)
    assert palette.theme_colour(size) == palette.theme_colour(0)
    assert palette.theme_colour(size + 3) == palette.THEME_COLOURS[3]


def test_a_theme_keeps_its_colour_by_its_place_in_the_corpus():
    corpus = load(EMBEDDED_CORPUS)
    colours = palette.theme_colours([theme.id for theme in corpus.themes])
    assert list(colours) == [theme.id for theme in corpus.themes]
    assert colours[corpus.themes[1].id] == palette.THEME_COLOURS[1]
    assert len(set(colours.values())) == min(len(corpus.themes), len(palette.THEME_COLOURS))
