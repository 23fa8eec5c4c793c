"""Bundle verification: each kind of bad bundle is refused, with the reason naming it."""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest

from kiosk.updates.bundle import MANIFEST, SIGNATURE, read_manifest, sign_bundle, verify_bundle
from kiosk.updates.errors import UpdateError
from tests.updates.testapp import make_bundle


def rewrite(source: Path, target: Path, change) -> Path:
    """Copy a bundle member by member; ``change(name, data)`` returns new bytes."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            data = change(member.name, old.extractfile(member).read())
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    return target


def flip_last(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0xFF])


def test_good_bundle_verifies_and_extracts_every_wheel(tmp_path, keys, bundles):
    manifest = verify_bundle(
        bundles["2.0.0"],
        keys.public,
        tmp_path / "out",
        current_version="1.0.0",
        expected_version="2.0.0",
    )
    assert manifest.version == "2.0.0"
    assert [p.name for p in (tmp_path / "out" / "wheels").iterdir()] == [
        "kupd_testapp-2.0.0-py3-none-any.whl"
    ]
    assert manifest.files[0].size == (tmp_path / "out" / manifest.files[0].path).stat().st_size


def test_bad_signature_is_refused(tmp_path, keys, bundles):
    bad = rewrite(
        bundles["2.0.0"],
        tmp_path / "bad.kbundle",
        lambda name, data: flip_last(data) if name == SIGNATURE else data,
    )
    with pytest.raises(UpdateError, match="signature does not check"):
        verify_bundle(bad, keys.public, tmp_path / "out")


def test_bundle_signed_with_another_key_is_refused(tmp_path, keys, bundles):
    other = shutil.copy(bundles["2.0.0"], tmp_path / "other.kbundle")
    sign_bundle(Path(other), keys.other_private)
    with pytest.raises(UpdateError, match="signature does not check"):
        verify_bundle(Path(other), keys.public, tmp_path / "out")
    # The same bundle checks with the key it was signed with.
    assert verify_bundle(Path(other), keys.other_public, tmp_path / "ok").version == "2.0.0"


def test_altered_manifest_is_refused_by_the_signature(tmp_path, keys, bundles):
    bad = rewrite(
        bundles["2.0.0"],
        tmp_path / "bad.kbundle",
        lambda name, data: data.replace(b"2.0.0", b"9.0.0") if name == MANIFEST else data,
    )
    with pytest.raises(UpdateError, match="signature"):
        verify_bundle(bad, keys.public, tmp_path / "out")


def test_unsigned_bundle_is_refused(tmp_path, keys):
    unsigned = make_bundle(tmp_path, "2.0.0", key=None)
    with pytest.raises(UpdateError, match="unsigned"):
        verify_bundle(unsigned, keys.public, tmp_path / "out")


def test_truncated_download_is_refused(tmp_path, keys, bundles):
    whole = bundles["2.0.0"].read_bytes()
    with tarfile.open(bundles["2.0.0"]) as tar:
        last = tar.getmembers()[-1]
    # Inside the manifest, inside the wheel, 10 bytes before the wheel's end (the tar's
    # zero padding after the last file carries nothing: cutting it loses nothing).
    for cut in (700, len(whole) // 2, last.offset_data + last.size - 10):
        short = tmp_path / f"short-{cut}.kbundle"
        short.write_bytes(whole[:cut])
        with pytest.raises(UpdateError, match="truncated") as refused:
            verify_bundle(short, keys.public, tmp_path / f"out-{cut}")
        assert refused.value.reason


def test_corrupted_file_is_refused_with_its_name(tmp_path, keys, bundles):
    bad = rewrite(
        bundles["2.0.0"],
        tmp_path / "bad.kbundle",
        lambda name, data: flip_last(data) if name.endswith(".whl") else data,
    )
    with pytest.raises(UpdateError, match=r"hash of wheels/kupd_testapp-2\.0\.0.*corrupted"):
        verify_bundle(bad, keys.public, tmp_path / "out")


def test_file_not_in_the_manifest_is_refused(tmp_path, keys, bundles):
    bad = tmp_path / "extra.kbundle"
    shutil.copy(bundles["2.0.0"], bad)
    with tarfile.open(bad, "a") as tar:
        info = tarfile.TarInfo("wheels/evil-1.0-py3-none-any.whl")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"bad"))
    with pytest.raises(UpdateError, match=r"evil.*does not list"):
        verify_bundle(bad, keys.public, tmp_path / "out")


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"current_version": "2.0.0"}, "not newer than the running 2.0.0"),
        ({"current_version": "10.0"}, "not newer"),
        ({"expected_version": "2.0.1"}, "offered as 2.0.1 but the manifest says 2.0.0"),
        ({"blocked": {"2.0.0"}}, "2.0.0 is blocked"),
    ],
)
def test_version_problems_are_refused(tmp_path, keys, bundles, kwargs, reason):
    with pytest.raises(UpdateError, match=reason):
        verify_bundle(bundles["2.0.0"], keys.public, tmp_path / "out", **kwargs)


def test_no_public_key_refuses_every_update(tmp_path, bundles):
    with pytest.raises(UpdateError, match="no public key"):
        verify_bundle(bundles["2.0.0"], "", tmp_path / "out")


def test_manifest_names_schema_range_and_files(bundles):
    manifest = read_manifest(bundles["2.0.0"])
    assert manifest.python_tag.startswith("cp3")
    assert manifest.app_wheel().sha256 == manifest.files[0].sha256


def test_a_package_name_that_is_not_a_distribution_name_is_refused_even_signed(
        tmp_path, keys, bundles):
    """The package names the bundle's file and the Content-Disposition header of every
    kiosk's download: a quote and a line break there (signed or not) broke the download
    of that version for the whole fleet. Refused on the kiosk and at the platform's
    upload alike, naming the field."""
    import json

    import requests

    from tests.backend.harness import threaded_backend

    def renamed(name: str, data: bytes) -> bytes:
        if name != MANIFEST:
            return data
        manifest = json.loads(data)
        manifest["package"] = 'evil"\r\nX-Injected: 1'
        return json.dumps(manifest).encode()

    bad = rewrite(bundles["2.0.0"], tmp_path / "bad.kbundle", renamed)
    sign_bundle(bad, keys.private)
    with pytest.raises(UpdateError, match="not a distribution name"):
        verify_bundle(bad, keys.public, tmp_path / "out")
    with threaded_backend(f"sqlite:///{tmp_path / 'backend.db'}") as backend:
        answer = requests.put(f"{backend.url}/api/v1/admin/updates/bundles/2.0.0",
                              data=bad.read_bytes(), timeout=30,
                              headers={"Authorization": f"Bearer {backend.admin}"})
    assert answer.status_code == 422 and "not a distribution name" in answer.text
