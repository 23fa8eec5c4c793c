"""The printer-independent receipt document: text rendering and storage round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.printer.document import (
    Barcode,
    Feed,
    QrCode,
    ReceiptDocument,
    Rule,
    TextLine,
    document_from_dict,
    document_to_dict,
    render_text,
)


def test_render_aligns_wraps_and_cuts():
    doc = ReceiptDocument((
        TextLine("Ville", align="center"),
        TextLine("droite", align="right"),
        Rule("="),
        TextLine("P-1", double=True, align="center"),
        TextLine("un deux trois quatre cinq six"),
        QrCode("https://x"),
        Feed(2),
    ), width=12)
    lines = render_text(doc).splitlines()
    assert lines[0] == "   Ville"
    assert lines[1] == "      droite"
    assert lines[2] == "============"
    assert lines[3] == "   P - 1"
    assert lines[4:7] == ["un deux", "trois quatre", "cinq six"]
    assert lines[-1].startswith("-------- cut")
    assert all(len(line) <= 12 for line in lines[:-1] if not line.startswith("[QR"))


blocks = st.one_of(
    st.builds(TextLine, st.text(max_size=60), st.sampled_from(["left", "center", "right"]),
              st.booleans(), st.booleans()),
    st.builds(Rule, st.sampled_from(["-", "="])),
    st.builds(QrCode, st.text(min_size=1, max_size=40)),
    st.builds(Barcode, st.text(min_size=1, max_size=20)),
    st.builds(Feed, st.integers(0, 3)),
)


@given(st.lists(blocks, max_size=12), st.integers(16, 64))
def test_documents_survive_the_storage_round_trip(parts, width):
    doc = ReceiptDocument(tuple(parts), width=width, title="t")
    assert document_from_dict(document_to_dict(doc)) == doc


def test_a_corrupt_stored_document_names_the_block():
    with pytest.raises(ValueError, match="block 1: unknown type 'image'"):
        document_from_dict({"blocks": [{"type": "feed", "lines": 1}, {"type": "image"}]})
    with pytest.raises(ValueError, match=r"block 0 \(text\)"):
        document_from_dict({"blocks": [{"type": "text", "colour": "red"}]})
