"""Bad input: every file is loaded or quarantined with a reason, exactly once, and never stops the run.

Files that vanish, grow or become unreadable while a run looks at them are
left for the next run, which takes them. Timings printed here (``-s``) are
measurements for the README, never assertions.
"""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import psutil
import pytest

from flows.ingest import ingest_flow
from tests.faults.conftest import (
    Jingji,
    article,
    assert_loaded_once,
    ingest_args,
    query,
    sha256,
    write_inbox,
)
from transforms.pipeline import process

pytestmark = pytest.mark.usefixtures("prefect_harness")

BODY = article(1).rstrip("\n")  # ends with 。, a three-byte character in UTF-8
LONG = article(6) + BODY  # long enough that one NUL is under 1 % of the characters
GOOD = article(2).encode("utf-8")


def _ingest(inbox: Path, warehouse: Path, **options) -> dict:
    return ingest_flow(inbox=str(inbox), warehouse=str(warehouse), run_models=False, **options)


def _outcomes(warehouse: Path) -> dict[str, str]:
    """source_path → 'load' or 'quarantine:<reason>'."""
    rows = query(
        warehouse,
        "SELECT source_path, 'load' FROM documents "
        "UNION ALL SELECT source_path, 'quarantine:' || reason FROM quarantine",
    )
    return dict(rows)


# name → (bytes, the outcome the run must give it)
BAD_BYTES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "quarantine:empty"),
    "whitespace.txt": (b" \r\n\t \n", "quarantine:empty"),
    "nul-only.txt": (b"\x00" * 512, "quarantine:empty"),
    "scan.txt": (b"%PDF-1.7\n" + bytes(range(256)) * 16, "quarantine:binary"),
    "random.bin.txt": (bytes((i * 7919 + 13) % 251 for i in range(40_000)), "quarantine:undecodable"),
    "truncated-gb18030.txt": (BODY.encode("gb18030")[:-1], "load"),
    "truncated-utf8-odd.txt": ((BODY + "。").encode("utf-8")[:-1], "load"),
    "nul-in-utf8.txt": (LONG.replace("，", "，\x00", 1).encode("utf-8"), "load"),
    "nul-in-gb18030.txt": (LONG.replace("，", "，\x00", 1).encode("gb18030"), "load"),
    "nul-in-short-utf8.txt": (BODY.replace("，", "，\x00", 1).encode("utf-8"), "load"),
    "form-feed.txt": ((BODY + "\n\x0c\n" + article(3)).encode("utf-8"), "load"),
    # Damaged but readable: loaded, flagged (decode_errors, mixed_encoding; see the tests below).
    "truncated-utf8-even.txt": (BODY.encode("utf-8")[:-1], "load"),
    "utf8-lone-surrogate.txt": (BODY.encode("utf-8") + b"\xed\xa0\x80", "load"),
    "utf16-lone-surrogate.txt": (BODY.encode("utf-16")[:40] + b"\x00\xd8" + BODY.encode("utf-16")[40:], "load"),
    "utf16le-truncated.txt": (BODY.encode("utf-16-le")[:-1], "load"),
    "mixed-utf8-gbk.txt": (article(4).encode("utf-8") + article(5).encode("gbk"), "load"),
}


def test_bad_bytes_are_loaded_or_quarantined_once_and_never_stop_the_run(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(inbox, {name: data for name, (data, _) in BAD_BYTES.items()} | {"good.txt": GOOD})
    report = _ingest(inbox, warehouse)
    assert report["status"] == "completed" and report["files_new"] == len(files)
    assert_loaded_once(warehouse, files)
    outcomes = _outcomes(warehouse)
    expected = {name: want for name, (_, want) in BAD_BYTES.items() if want != "any"} | {"good.txt": "load"}
    assert {name: outcomes[name] for name in expected} == expected
    # A quarantined file says what to do, in a sentence.
    for reason, detail in query(warehouse, "SELECT reason, detail FROM quarantine"):
        assert reason and detail.endswith(".") and len(detail) > 40

    # Damaged but kept: the text up to the damage, the damage marked, the document flagged.
    text_raw, flags = query(
        warehouse, "SELECT text_raw, flags FROM documents WHERE source_path = 'truncated-gb18030.txt'"
    )[0]
    assert text_raw == BODY[:-1] + "\ufffd" and "decode_errors" in flags
    # NUL bytes inside an article are kept verbatim in text_raw (DuckDB VARCHAR holds them).
    (nul_raw,) = query(warehouse, "SELECT text_raw FROM documents WHERE source_path = 'nul-in-utf8.txt'")[0]
    assert nul_raw == LONG.replace("，", "，\x00", 1)


def _decoded(raw: bytes, name: str = "a.txt") -> tuple[str | None, str, list[str]]:
    """(text or None, encoding or rejection reason, flags) of the whole pipeline."""
    result = process(raw, name)
    if result.document is None:
        return None, result.rejected.reason, []
    return result.document["text"], result.document["encoding"], result.document["flags"]


def test_an_article_cut_inside_its_last_character_is_kept_whatever_its_length() -> None:
    for cut in (BODY.encode("utf-8")[:-1], BODY.encode("utf-8")[:-2], (BODY + "。").encode("utf-8")[:-1]):
        text, encoding, flags = _decoded(cut)
        assert text is not None and encoding == "utf-8" and "decode_errors" in flags, (len(cut), encoding)
        assert BODY[-30:-1] in text


@pytest.mark.parametrize("damage", [b"\xff", b"\xed\xa0\x80", b"\x80"], ids=["0xff", "cesu-surrogate", "0x80"])
def test_one_bad_byte_does_not_turn_an_article_into_gibberish(damage: bytes) -> None:
    text, encoding, flags = _decoded(BODY.encode("utf-8") + damage)
    assert text is not None and encoding == "utf-8" and "decode_errors" in flags, encoding
    assert BODY.splitlines()[2] in text


@pytest.mark.parametrize(
    "raw",
    [
        BODY.encode("utf-16")[:40] + b"\x00\xd8" + BODY.encode("utf-16")[40:],
        BODY.encode("utf-16")[:-1],
        BODY.encode("utf-16-le")[:40] + b"\x00\xdc" + BODY.encode("utf-16-le")[40:],
        BODY.encode("utf-16-le")[:-1],
    ],
    ids=["bom-lone-surrogate", "bom-odd-length", "le-lone-surrogate", "le-odd-length"],
)
def test_a_utf16_article_with_one_bad_code_unit_is_kept(raw: bytes) -> None:
    text, encoding, flags = _decoded(raw)
    assert text is not None and encoding.startswith("utf-16") and "decode_errors" in flags, encoding
    assert BODY.splitlines()[2][:20] in text


def test_mixed_encodings_in_one_file_are_not_loaded_as_unflagged_gibberish() -> None:
    text, encoding, flags = _decoded(article(4).encode("utf-8") + article(5).encode("gbk"))
    readable = text is not None and "武进区" in text and "晋江市" in text
    assert text is None or readable or flags, (encoding, (text or "")[:40])
    # Decoded line by line: both halves readable, and the document flagged for a look.
    assert readable and "mixed_encoding" in flags, (encoding, flags)


def test_one_nul_byte_in_a_short_article_does_not_quarantine_it() -> None:
    text, encoding, _ = _decoded(BODY.replace("，", "，\x00", 1).encode("utf-8"))
    assert text is not None and encoding == "utf-8", encoding
    assert text == process(BODY.encode("utf-8"), "a.txt").document["text"]  # the NUL dropped, nothing else


def test_nul_bytes_do_not_reach_the_cleaned_text() -> None:
    text, _, _ = _decoded(LONG.replace("，", "，\x00", 1).encode("utf-8"))
    assert text is not None and "\x00" not in text


def test_a_web_page_with_a_form_feed_does_not_fail_the_run(tmp_path: Path) -> None:
    page = (
        "<html><head><title>芜湖经济</title></head><body><h1>芜湖经济</h1>"
        f"<p>{BODY.splitlines()[2]}\x0c</p><p>{BODY.splitlines()[3]}\x0b</p></body></html>"
    )
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(inbox, {"good.txt": GOOD, "page.html": page.encode("utf-8")})
    try:
        _ingest(inbox, warehouse)
    finally:
        loaded = (
            query(warehouse, "SELECT count(*) FROM documents")[0][0] if (warehouse / "warehouse.duckdb").exists() else 0
        )
    assert loaded >= 1
    assert_loaded_once(warehouse, files)


# --------------------------------------------------------------------------
# files that change while a run looks at them


def test_a_file_deleted_during_discovery_is_left_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.discover

    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(inbox, {"a.txt": GOOD, "b.txt": article(3).encode("gb18030")})
    real_hash = flows.discover._hash_file

    def hash_and_delete(path: str) -> flows.discover.Hashed:  # the user deletes b.txt while discovery hashes a.txt
        if Path(path).name == "a.txt":
            (inbox / "b.txt").unlink(missing_ok=True)
        return real_hash(path)

    monkeypatch.setattr(flows.discover, "_hash_file", hash_and_delete)
    report = _ingest(inbox, warehouse)
    assert report["status"] == "completed" and report["documents_loaded"] == 1
    assert report["ignored"] == ["b.txt (No such file or directory)"]
    assert_loaded_once(warehouse, files, absent=("b.txt",))

    monkeypatch.undo()
    write_inbox(inbox, {"b.txt": files["b.txt"]})  # it comes back
    assert _ingest(inbox, warehouse)["documents_loaded"] == 1
    assert_loaded_once(warehouse, files)


def _after_discovery(monkeypatch: pytest.MonkeyPatch, action) -> None:
    """Run ``action()`` between discovery and archiving (when the run has hashed the inbox)."""
    import flows.ingest

    real = flows.ingest.discover_files

    def discover_then_act(*args, **kwargs):
        found = real(*args, **kwargs)
        action()
        return found

    monkeypatch.setattr(flows.ingest, "discover_files", discover_then_act)


def test_a_file_deleted_after_discovery_is_left_and_the_rest_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(inbox, {"a.txt": GOOD, "b.txt": article(3).encode("utf-8")})
    _after_discovery(monkeypatch, lambda: (inbox / "b.txt").unlink())
    report = _ingest(inbox, warehouse)
    assert report["ignored"] == ["b.txt (deleted before it could be archived)"]
    assert_loaded_once(warehouse, files, absent=("b.txt",))


def test_a_file_still_growing_after_discovery_waits_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(inbox, {"a.txt": GOOD, "b.txt": article(3).encode("utf-8")[:50]})

    def grow() -> None:
        with open(inbox / "b.txt", "ab") as f:
            f.write(article(3).encode("utf-8")[50:])

    _after_discovery(monkeypatch, grow)
    report = _ingest(inbox, warehouse)
    assert report["ignored"] == ["b.txt (changed while being ingested; the next run takes it)"]
    assert_loaded_once(warehouse, files, absent=("b.txt",))
    assert not (warehouse / "raw" / sha256(files["b.txt"])[:2] / f"{sha256(files['b.txt'])}.bin").exists()

    monkeypatch.undo()
    files["b.txt"] = (inbox / "b.txt").read_bytes()
    old = time.time() - 60
    os.utime(inbox / "b.txt", (old, old))
    assert _ingest(inbox, warehouse)["documents_loaded"] == 1
    assert_loaded_once(warehouse, files)


def test_a_file_that_grows_while_hashed_is_recorded_with_its_true_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.discover

    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    write_inbox(inbox, {"a.txt": GOOD[:60]})
    real_hash = flows.discover._hash_file

    def grow_then_hash(path: str) -> flows.discover.Hashed:  # the last bytes land between stat() and hashing
        with open(path, "ab") as f:
            f.write(GOOD[60:])
        return real_hash(path)

    monkeypatch.setattr(flows.discover, "_hash_file", grow_then_hash)
    _ingest(inbox, warehouse)
    assert query(warehouse, "SELECT size_bytes FROM documents") == [(len(GOOD),)]


# --------------------------------------------------------------------------
# unreadable files


def test_an_unreadable_file_is_ignored_by_discovery_not_fatal(tmp_path: Path) -> None:
    """chmod 000 does not stop root; so discovery runs in a forked child that dropped to ``nobody``."""
    import tempfile

    from flows.discover import discover

    if not hasattr(os, "fork"):
        pytest.skip("needs fork")
    inbox = Path(tempfile.mkdtemp(prefix="jingji-perm-", dir="/tmp"))
    try:
        inbox.chmod(0o755)
        write_inbox(inbox, {"readable.txt": GOOD, "secret.txt": article(3).encode("utf-8")})
        (inbox / "secret.txt").chmod(0o000)
        if os.geteuid() != 0:
            found = discover(inbox, set(), settle_seconds=0)
        else:
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: become nobody, discover, report, exit without cleanup
                try:
                    os.setgid(65534)
                    os.setuid(65534)
                    os.write(write, pickle.dumps(discover(inbox, set(), settle_seconds=0)))
                finally:
                    os._exit(0)
            os.close(write)
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            found = pickle.loads(data)
    finally:
        (inbox / "secret.txt").chmod(0o600)
        for p in inbox.iterdir():
            p.unlink()
        inbox.rmdir()
    assert [r.source_path for r in found.new] == ["readable.txt"]
    assert found.ignored == ["secret.txt (Permission denied)"]


def test_a_file_unreadable_when_archived_does_not_fail_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(inbox, {"a.txt": GOOD, "b.txt": article(3).encode("utf-8")})

    def unreadable() -> None:  # as root chmod 000 does not stop a read; a folder in its place does
        (inbox / "b.txt").unlink()
        (inbox / "b.txt").mkdir()

    _after_discovery(monkeypatch, unreadable)
    report = _ingest(inbox, warehouse)
    assert report["documents_loaded"] == 1
    assert report["ignored"] == ["b.txt (could not be read: Is a directory; the next run tries again)"]
    assert_loaded_once(warehouse, files, absent=("b.txt",))

    monkeypatch.undo()  # readable again: the next run takes it
    (inbox / "b.txt").rmdir()
    write_inbox(inbox, {"b.txt": files["b.txt"]})
    assert _ingest(inbox, warehouse)["documents_loaded"] == 1
    assert_loaded_once(warehouse, files)


# --------------------------------------------------------------------------
# volume


@pytest.mark.slow
def test_three_thousand_tiny_files(tmp_path: Path) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    files = write_inbox(
        inbox,
        {
            f"{i // 500:02d}/brief-{i:04d}.txt": f"第{i}号简讯：某县地区生产总值{i}.5亿元，增长{i % 9}.1%。".encode()
            for i in range(3000)
        },
    )
    t0 = time.perf_counter()
    report = _ingest(inbox, warehouse)
    seconds = time.perf_counter() - t0
    print(f"\n3000 tiny files: {seconds:.1f} s wall in-process, stages {report['seconds']}")
    assert report["documents_loaded"] == 3000
    assert_loaded_once(warehouse, files)
    assert _ingest(inbox, warehouse)["files_skipped"] == 3000


def _big_text(size: int) -> bytes:
    """``size`` bytes of distinct article lines, in UTF-8."""
    block = "".join(article(i) for i in range(2000)).encode("utf-8")
    repeats = size // len(block) + 1
    return (block * repeats)[:size].rsplit(b"\n", 1)[0] + b"\n"


@pytest.mark.slow
def test_a_200_mb_file_is_quarantined_or_loaded_in_bounded_time_and_memory(tmp_path: Path, prefect_api: str) -> None:
    inbox, warehouse = tmp_path / "inbox", tmp_path / "wh"
    huge = _big_text(200 * 2**20)
    files = write_inbox(inbox, {"huge.txt": huge, "small.txt": GOOD})
    del huge
    run = Jingji(ingest_args(inbox, warehouse), tmp_path / "proc", prefect_api).start()
    archived = warehouse / "raw" / sha256(files["huge.txt"])[:2] / f"{sha256(files['huge.txt'])}.bin"
    peak, deadline = 0, None
    process_ = psutil.Process(run.pid)
    while run.proc.poll() is None:
        try:
            peak = max(peak, process_.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        if deadline is None and archived.exists():
            deadline = time.monotonic() + 30  # a fixed run quarantines it at once, or streams it
        if deadline and time.monotonic() > deadline:
            break
        time.sleep(0.2)
    done = run.proc.poll() is not None
    if not done:
        run.kill()
    print(f"\n200 MB file: finished={done}, peak RSS {peak / 2**20:.0f} MB, {time.monotonic() - run.started:.0f} s")
    assert done, "still processing the 200 MB file 30 s after archiving it"
    finished = run.finish()
    assert finished.returncode == 0 and peak < 2 * 2**30
    assert_loaded_once(warehouse, files)
    # Archived whole, never processed: quarantined with the size, the limit and how to raise it.
    ((reason, detail),) = query(warehouse, "SELECT reason, detail FROM quarantine WHERE source_path = 'huge.txt'")
    assert reason == "too_large" and "200.0 MB" in detail and "JINGJI_MAX_FILE_MB" in detail
