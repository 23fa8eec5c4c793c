"""The demo's sealed certificates: printed on ippeveprinter, left in documents/ beside the
seal root they verify under (the `kiosk demo` section, run alone)."""

from __future__ import annotations

import pytest

from demo.documents import run_document_demo
from drivers.docprinter.ippeveprinter import missing_tools
from kiosk.seal.verify import check_seal, load_roots_file


@pytest.mark.e2e
@pytest.mark.skipif(bool(missing_tools()), reason=f"missing {missing_tools()}")
def test_the_demo_leaves_sealed_documents_and_their_root(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "stale.pdf").write_bytes(b"old run")
    demo = run_document_demo(tmp_path)
    names = sorted(p.name for p in (tmp_path / "documents").iterdir())
    assert names == ["certificate-01-cert-residence-fr.pdf",
                     "certificate-02-cert-household-nl.pdf", "seal-root.pem"]
    roots = load_roots_file(tmp_path / "documents" / "seal-root.pem")
    for document in demo.documents:
        assert check_seal(document.read_bytes(), roots).ok
    assert all("seal intact" in note for note in demo.notes), demo.notes
