"""The library part of ``make demo``: every screen photographed, the slips saved, and
the offline replay matching what the terminal recorded."""

from __future__ import annotations

from demo.library import run_library_headless


def test_library_demo_writes_screens_slips_and_a_matching_replay(qapp, tmp_path):
    out = tmp_path / "library"
    out.mkdir()
    (out / "99-stale.png").write_bytes(b"old")
    report = run_library_headless(qapp, out)
    names = [p.stem for p in report.screenshots]
    assert not (out / "99-stale.png").exists()
    for screen in ("overview", "borrow", "renew", "pay", "offline-overview", "offline-borrow"):
        assert {f"{screen}-{lang}" for lang in ("fr", "nl", "en")} <= {n[3:] for n in names}
    assert all(p.exists() for p in report.screenshots)
    slips = [p.read_text("utf-8") for p in report.slips.receipts]
    library_slips = [s for s in slips if "Bibliothèque : votre reçu" in s]
    assert len(library_slips) == 2 and "provisoires" in library_slips[1]
    assert "Amendes payées" in library_slips[0]
    # offline, items are named by the titles seen online, or said to be unknown
    assert "De Avonden" in library_slips[1] and "Tintin au Tibet" in library_slips[1]
    assert "Titre inconnu - exemplaire BXL0000004" in library_slips[1]
    assert (out / "replay.txt").read_text("utf-8").endswith("replay matches: yes\n")
