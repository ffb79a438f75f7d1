"""Closed sets of values are declared once, as types; what labels them covers every value."""

from __future__ import annotations

from typing import get_args

from perspectives import export
from perspectives.schema import EXCLUDED_SPANS, RESOURCES, SPAN_KINDS, SpanKind


def test_every_span_kind_has_a_label_and_is_a_choice():
    assert tuple(SPAN_KINDS) == get_args(SpanKind)
    (kind,) = [field for field in EXCLUDED_SPANS.fields if field.name == "kind"]
    assert kind.choices == get_args(SpanKind)


def test_every_export_format_has_an_extension_and_a_media_type():
    assert tuple(export.FORMATS) == get_args(export.Format)


def test_every_enum_column_declares_its_choices():
    for resource in RESOURCES:
        for field in resource.fields:
            assert bool(field.choices) == (field.kind == "enum"), (resource.file, field.name)
