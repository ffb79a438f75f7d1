"""Colours every view shares: one per theme, told apart by colour-blind readers too.

Seven are Paul Tol's "light" scheme, made for areas with dark text on top such as highlighted
passages; its olive, too close to pear, and its grey, which reads as muted text, are replaced by a
violet. Under simulated protanopia, deuteranopia and tritanopia every pair stays at least 13.9
CIELAB units apart, and black text on each has a contrast of at least 7.7:1. A theme keeps its
colour across pages because the colour follows the theme's place in the corpus, not in a
selection; past eight themes the colours repeat.
"""

from __future__ import annotations

from collections.abc import Sequence

THEME_COLOURS: tuple[str, ...] = (
    "#77AADD",  # light blue
    "#EE8866",  # orange
    "#EEDD88",  # light yellow
    "#FFAABB",  # pink
    "#99DDFF",  # light cyan
    "#44BB99",  # mint
    "#BBCC33",  # pear
    "#AA88FF",  # violet
)

#: Text colour that reads well on every highlight colour, in light and dark page themes alike.
TEXT_ON_COLOUR = "#000000"


def theme_colour(index: int) -> str:
    """The colour of the theme at this position in the corpus, cycling past the palette's end."""
    return THEME_COLOURS[index % len(THEME_COLOURS)]


def theme_colours(theme_ids: Sequence[str]) -> dict[str, str]:
    """Colour of each theme, given every theme id in corpus order."""
    return {theme_id: theme_colour(index) for index, theme_id in enumerate(theme_ids)}


#: One colour per perspective, by the document's place in the corpus, on every page. Twelve, each
#: with a contrast of at least 3:1 on a white page (WCAG's level for marks); ordered so that the
#: first colours stay furthest apart: under simulated protanopia, deuteranopia and tritanopia any
#: two of the first seven are at least 17 CIELAB units apart, any two of all twelve at least 8.
PERSPECTIVE_COLOURS: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#8C564B",  # brown
    "#8338EC",  # violet
    "#332288",  # indigo
    "#882255",  # wine
    "#B5508A",  # mauve
    "#AE2012",  # brick red
    "#FF006E",  # magenta
    "#3A86FF",  # azure
    "#00876A",  # green
    "#BB3E03",  # rust
)


def perspective_colours(count: int) -> list[str]:
    """Colours of the first `count` perspectives, cycling past the palette's end."""
    return [PERSPECTIVE_COLOURS[index % len(PERSPECTIVE_COLOURS)] for index in range(count)]
