"""The table cache returns what the builder returns, rebuilds when its key changes, and never fails a run."""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from transforms import tablecache
from transforms.tablecache import cache_dir, load_or_build, persisted


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "cache"
    monkeypatch.setenv("JINGJI_CACHE_DIR", str(target))
    return target


def _counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


def test_returns_what_the_builder_returns_and_builds_once(folder: Path) -> None:
    table = {"经济": -7.5, "发展": -8.25, "#年": [1, 2, 3]}
    calls, build = _counting(table)
    first = load_or_build("t", build)
    second = load_or_build("t", build)
    assert first == second == table and second is not table  # the second one came from the pickle
    assert len(calls) == 1
    assert len(list(folder.glob("t-*.pickle"))) == 1


def test_a_changed_source_file_rebuilds(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("经济 10\n", encoding="utf-8")
    calls, build = _counting({"经济": 10})
    load_or_build("t", build, sources=[source])
    load_or_build("t", build, sources=[source])
    assert len(calls) == 1
    source.write_text("经济 10\n发展 3\n", encoding="utf-8")  # another size (and modification time)
    load_or_build("t", build, sources=[source])
    assert len(calls) == 2


def test_changed_code_or_arguments_rebuild(folder: Path) -> None:
    calls, build = _counting(1)
    load_or_build("t", build, code=["numpy 2.0"])
    load_or_build("t", build, code=["numpy 2.1"])  # a version string stands for itself
    load_or_build("t", build, code=["numpy 2.1"], args=(1,))
    assert len(calls) == 3
    load_or_build("t", build, code=["numpy 2.1"], args=(1,))
    assert len(calls) == 3


def test_a_changed_module_file_rebuilds(folder: Path, tmp_path: Path) -> None:
    module = tmp_path / "builder.py"
    module.write_text("X = 1\n")
    calls, build = _counting(1)
    load_or_build("t", build, code=[module])
    module.write_text("X = 2\n")
    tablecache._file_hash.cache_clear()  # a running process never sees its code change; a new one does
    load_or_build("t", build, code=[module])
    assert len(calls) == 2


def test_a_corrupt_or_truncated_file_falls_back_to_building(folder: Path) -> None:
    calls, build = _counting([1, 2, 3])
    load_or_build("t", build)
    (path,) = folder.glob("t-*.pickle")
    path.write_bytes(path.read_bytes()[:5])
    assert load_or_build("t", build) == [1, 2, 3]
    path.write_bytes(b"not a pickle at all")
    assert load_or_build("t", build) == [1, 2, 3]
    assert len(calls) == 3
    assert load_or_build("t", build) == [1, 2, 3] and len(calls) == 3  # rewritten whole by the last build


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_unwritable_folder_falls_back_to_building(folder: Path) -> None:
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        calls, build = _counting("x")
        assert load_or_build("t", build) == load_or_build("t", build) == "x"
        assert len(calls) == 2
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_folder_that_cannot_be_made_falls_back_to_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("JINGJI_CACHE_DIR", str(blocker / "cache"))  # under a file: mkdir fails, as root too
    calls, build = _counting("x")
    assert load_or_build("t", build) == load_or_build("t", build) == "x"
    assert len(calls) == 2


def test_a_table_that_does_not_pickle_is_returned_uncached(folder: Path) -> None:
    calls, build = _counting(lambda: None)  # a lambda does not pickle
    assert callable(load_or_build("t", build)) and callable(load_or_build("t", build))
    assert len(calls) == 2
    assert not list(folder.glob("*"))  # nor a temporary file left behind


def test_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JINGJI_CACHE_DIR", "off")
    assert cache_dir() is None
    calls, build = _counting(1)
    load_or_build("t", build)
    load_or_build("t", build)
    assert len(calls) == 2


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JINGJI_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "jingji"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "jingji"


def test_old_keys_are_pruned(folder: Path) -> None:
    for version in range(6):
        load_or_build("t", lambda: 1, code=[f"v{version}"])
    assert len(list(folder.glob("t-*.pickle"))) == tablecache.KEEP_PER_NAME
    load_or_build("t", lambda: 1, code=["v9"], args=(1,))  # another argument list: pruned apart
    assert len(list(folder.glob("t-*.pickle"))) == tablecache.KEEP_PER_NAME + 1


def test_persisted_decorator_keys_by_arguments(folder: Path) -> None:
    calls: list[int] = []

    @persisted()
    def table(n: int, *, square: bool = False) -> list[int]:
        calls.append(n)
        return [i * i if square else i for i in range(n)]

    assert table(3) == table(3) == [0, 1, 2]
    assert table(3, square=True) == [0, 1, 4]
    assert table(4) == [0, 1, 2, 3]
    assert calls == [3, 3, 4]


_WRITER = """
import sys
from transforms.tablecache import load_or_build
table = {str(i): float(i) for i in range(200000)}
assert load_or_build("race", lambda: table, code=["fixed"]) == table
"""


def test_concurrent_writers_leave_a_loadable_file(folder: Path) -> None:
    root = Path(__file__).parents[2]
    env = {**os.environ, "JINGJI_CACHE_DIR": str(folder)}
    writers = [subprocess.Popen([sys.executable, "-c", _WRITER], cwd=root, env=env) for _ in range(4)]
    assert all(w.wait(timeout=120) == 0 for w in writers)
    (path,) = folder.glob("race-*.pickle")  # one file, whole; no temporary file left
    assert not list(folder.glob(".*"))
    with path.open("rb") as f:
        assert pickle.load(f) == {str(i): float(i) for i in range(200000)}


def test_the_real_tables_come_back_equal(folder: Path) -> None:
    """The repair's and the keywords' tables, built and then loaded, are the same tables."""
    import numpy as np

    from transforms import mojibake, segment

    built = segment._idf_table.__wrapped__()  # under functools.cache: the persisted builder (builds, stores)
    loaded = segment._idf_table.__wrapped__()
    assert built.median == loaded.median and built.by_length.keys() == loaded.by_length.keys()
    for n, (words, values) in built.by_length.items():
        assert np.array_equal(words, loaded.by_length[n][0]) and np.array_equal(values, loaded.by_length[n][1])
    built_losses = mojibake._losses.__wrapped__(("gbk",))
    assert mojibake._losses.__wrapped__(("gbk",)) == built_losses
    assert len(list(folder.glob("*.pickle"))) == 2


def test_keyword_idf_arrays_answer_as_the_dict_did(folder: Path) -> None:
    """Every word of jieba's IDF table, and words it lacks, looked up in the arrays as in a dict."""
    from transforms import segment

    table = segment._idf_table()
    idf, median = segment._idf()
    words = list(idf)
    asked = [*words, "不在表里的词", "锂电产业集群产业链条供应链配套体系", "电\0"]
    assert table.lookup(asked) == [idf.get(word, median) for word in asked]
    assert median == sorted(idf.values())[len(idf) // 2]
