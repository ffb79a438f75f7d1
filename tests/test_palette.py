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


# Machado, Oliveira and Fernandes (2009), severity 1: how linear RGB looks to colour-blind readers.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}  # fmt: skip


def linear_rgb(colour: str) -> list[float]:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def cielab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb)
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.9505,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def seen_apart(first: str, second: str) -> float:
    """The smallest CIELAB distance between two colours, to typical and colour-blind eyes."""
    distances = []
    for matrix in [((1, 0, 0), (0, 1, 0), (0, 0, 1)), *CVD.values()]:
        a, b = (
            cielab(
                [sum(m * c for m, c in zip(row, linear_rgb(colour), strict=True)) for row in matrix]
            )
            for colour in (first, second)
        )
        distances.append(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)
    return min(distances)


def test_twelve_perspective_colours_each_visible_on_white():
    colours = palette.PERSPECTIVE_COLOURS
    assert len(set(colours)) == len(colours) == 12
    for colour in colours:
        assert 1.05 / (relative_luminance(colour) + 0.05) >= 3, colour


def test_perspective_colours_stay_apart_for_colour_blind_readers():
    colours = palette.PERSPECTIVE_COLOURS
    first_seven = [seen_apart(a, b) for i, a in enumerate(colours[:7]) for b in colours[i + 1 : 7]]
    every_pair = [seen_apart(a, b) for i, a in enumerate(colours) for b in colours[i + 1 :]]
    assert min(first_seven) >= 17
    assert min(every_pair) >= 8
