"""What a person downloads validates: the site's ZIPs, a folder of datasets anywhere, one dataset folder; and a
hostile ZIP is refused before anything lands outside a temporary folder."""
from __future__ import annotations

import io
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from scripts import downloads
from scripts.context import Context
from scripts.paths import DATASETS
from scripts.validate import archive, validate_datasets, validate_paths
from tests.problem_language import untranslated

CTX = Context.load()  # the repository's project: its address, from its mkdocs.yml


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, bytes]:
    """The site's downloads of the shipped datasets, made by the build's own writers: every dataset's ZIP and
    all-data.zip, by file name."""
    result = validate_datasets()
    assert result.valid, result.problems
    per_dataset = {name: downloads.dataset_files(ds, CTX.site_url) for name, ds in result.datasets.items()}
    files = {"all-data.zip": downloads.all_data_zip(result.datasets, per_dataset, CTX.site_url)}
    files.update({f"{name}.zip": f[f"{name}.zip"] for name, f in per_dataset.items()})
    return files


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_sites_all_data_zip_validates_clean(published, tmp_path):
    result = validate_paths([_write(tmp_path, "all-data.zip", published["all-data.zip"])])
    assert result.problems == []
    assert sorted(result.datasets) == sorted(p.name for p in DATASETS.iterdir() if (p / "datapackage.json").exists())


def test_a_renamed_all_data_zip_validates_clean(published, tmp_path):
    """A browser saves a second download as 'all-data (1).zip'."""
    assert validate_paths([_write(tmp_path, "all-data (1).zip", published["all-data.zip"])]).problems == []


@pytest.mark.parametrize("name", ["admin-units", "documents", "observations"])
def test_one_datasets_zip_validates_clean(published, name, tmp_path):
    """A dataset's ZIP holds the published descriptor, where cross-dataset references are left out: it stands alone
    (saved under another name, it is unpacked under its package's name)."""
    assert validate_paths([_write(tmp_path, f"tai-ve-{name}.zip", published[f"{name}.zip"])]).problems == []


def test_a_folder_of_datasets_anywhere(tmp_path):
    shutil.copytree(DATASETS, tmp_path / "du-lieu")
    assert validate_paths([tmp_path / "du-lieu"]).problems == []


def test_a_dataset_copied_alone_names_what_is_absent(tmp_path):
    """observations references admin-units and programme-targets: alone, it says exactly that, once per reference."""
    shutil.copytree(DATASETS / "observations", tmp_path / "observations")
    problems = validate_paths([tmp_path / "observations"]).problems
    assert {p.code for p in problems} == {"dataset-absent"}
    details = sorted(p.detail for p in problems)
    assert len(problems) == len({(p.resource, p.detail) for p in problems})  # one per reference, not per row
    assert "area_code → admin-units/admin-units.code: bộ dữ liệu admin-units không nằm cạnh bộ observations" in details
    assert {p.detail.split(" → ")[1].split("/")[0] for p in problems} == {"admin-units", "programme-targets"}
    hint = problems[0].hint
    assert "python -m scripts validate <thư mục chứa mọi bộ dữ liệu>" in hint and "all-data.zip" in hint


def test_the_set_together_resolves_the_references(tmp_path):
    names = ("observations", "admin-units", "programme-targets", "documents")  # programme-targets cites documents
    for name in names:
        shutil.copytree(DATASETS / name, tmp_path / name)
    assert validate_paths([tmp_path / n for n in names]).problems == []


def test_a_file_that_is_neither(tmp_path):
    problems = validate_paths([_write(tmp_path, "ghi-chu.txt", b"khong phai zip")]).problems
    assert [(p.dataset, p.code) for p in problems] == [("ghi-chu.txt", "package-missing")]


# --- hostile archives ------------------------------------------------------------------------------------------------
def _zip(members: list[tuple[zipfile.ZipInfo | str, bytes]], level: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", level) as z:
        for info, data in members:
            z.writestr(info, data)
    return buf.getvalue()


def _symlink(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    info.create_system = 3
    return info


GOOD = [("counts/datapackage.json", b"{}")]
HOSTILE = {
    "zip-slip": ([("../../escaped.csv", b"x")], "archive-unsafe", "'../../escaped.csv' chứa '..' (trỏ ra ngoài thư mục giải nén)"),
    "absolute": ([("/tmp/escaped.csv", b"x")], "archive-unsafe", "'/tmp/escaped.csv' là đường dẫn tuyệt đối"),
    "windows-absolute": ([("C:\\escaped.csv", b"x")], "archive-unsafe", "'C:\\escaped.csv' là đường dẫn tuyệt đối"),
    "backslash-slip": ([("counts\\..\\..\\escaped.csv", b"x")], "archive-unsafe",
                       "'counts\\..\\..\\escaped.csv' chứa '..' (trỏ ra ngoài thư mục giải nén)"),
    "symlink": ([(_symlink("counts/data/x.csv", "/etc/passwd"), b"/etc/passwd")], "archive-unsafe",
                "'counts/data/x.csv' là liên kết tượng trưng"),
    "bomb": ([("counts/data/x.csv", bytes(50 * 1024 * 1024))], "archive-ratio", None),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_archive_is_refused_and_nothing_escapes(name, tmp_path):
    members, code, detail = HOSTILE[name]
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    path = _write(work, f"{name}.zip", _zip(GOOD + members))
    problems = validate_paths([path]).problems
    assert [(p.dataset, p.code) for p in problems] == [(f"{name}.zip", code)]
    if detail:
        assert problems[0].detail == detail
    else:
        assert problems[0].detail.startswith("'counts/data/x.csv': ") and "(hơn 200 lần)" in problems[0].detail
        assert problems[0].detail_en.startswith("'counts/data/x.csv': ") and "(more than 200 times)" in problems[0].detail_en
    assert not untranslated(problems)
    assert not list(tmp_path.rglob("escaped.csv")) and not Path("/tmp/escaped.csv").exists()


def test_total_size_and_member_count_limits(tmp_path):
    path = _write(tmp_path, "lon.zip", _zip([(f"counts/f{i}.csv", b"a,b\n" * 100) for i in range(5)]))  # 5 × 400 B
    for n, (limits, detail, english) in enumerate((
            (dict(max_total=1000), "giải nén ra 2.000 byte, tối đa 1.000 byte", "unpacks to 2,000 bytes, at most 1,000 bytes"),
            (dict(max_members=4), "5 tệp, tối đa 4", "5 files, at most 4"))):
        dest = tmp_path / str(n)
        dest.mkdir()
        with pytest.raises(archive.ArchiveRefused) as refused:
            archive.unpack(path, dest, **limits)
        assert (refused.value.problem.code, refused.value.problem.detail) == ("archive-too-large", detail)
        assert refused.value.problem.detail_en == english
        assert not any(dest.iterdir())


def test_an_archive_that_lies_about_its_sizes(tmp_path):
    """A member whose header declares fewer bytes than it holds is stopped while unpacking."""
    data = _zip([("counts/x.csv", b"a" * 5000)], zipfile.ZIP_STORED)
    # the size fields of the local header and the central directory say 50 bytes (CRC is checked only at the end)
    lied = data.replace((5000).to_bytes(4, "little"), (50).to_bytes(4, "little"))
    path = _write(tmp_path, "noi-doi.zip", lied)
    problems = validate_paths([path]).problems
    assert [p.code for p in problems] in (["archive-too-large"], ["archive-unreadable"])


def test_a_damaged_or_empty_zip(tmp_path):
    good = _zip(GOOD)
    for name, data in (("hong.zip", good[: len(good) // 2]), ("rong.zip", b"")):
        problems = validate_paths([_write(tmp_path, name, data)]).problems
        assert [(p.dataset, p.code) for p in problems] == [(name, "archive-unreadable")]
        assert problems[0].detail_en.startswith("not a readable ZIP file (")
