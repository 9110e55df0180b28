#!/usr/bin/env python3
"""Build ``samples/inbox/`` from the true article texts in ``samples/articles/``.

The sample inbox exercises decoding: every article is saved in a different
encoding (UTF-8, UTF-8 with BOM, GB2312, GBK, GB18030, Big5, UTF-16 with and
without BOM, an HTML page declaring its charset), plus three damaged inputs —
UTF-8 text that was once read as GB18030 and saved again (mojibake), a PNG
named like an article, and an empty file.  A few files sit in sub-folders so
that discovery must recurse.

Stdlib only, deterministic and re-runnable: the inbox is rebuilt from scratch,
and ``samples/manifest.tsv`` (kept *outside* the inbox, which holds nothing
but inputs) records what each file is and whether the pipeline should load or
quarantine it.  Every undamaged file is checked to decode back to its article
text exactly.

    python samples/make_inbox.py
"""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
INBOX = HERE / "inbox"
MANIFEST = HERE / "manifest.tsv"


class Entry(NamedTuple):
    path: str  # relative to the inbox
    stem: str  # article stem in samples/articles ('' for non-articles)
    codec: str  # Python codec that decodes the saved bytes ('' when none does)
    damage: str = "none"  # none | mojibake:utf-8/gb18030 | binary | empty
    newline: str = "lf"  # lf | crlf: line ends as saved


ENTRIES = [
    Entry("hubei-xiangyang_gb18030.txt", "hubei-xiangyang", "gb18030"),
    Entry("2024/sichuan-mianyang_utf-8.txt", "sichuan-mianyang", "utf-8"),
    Entry("zhejiang-haining_big5.txt", "zhejiang-haining", "big5"),
    Entry("jiangsu-wujin_utf-16le-bom.txt", "jiangsu-wujin", "utf-16"),
    Entry("henan-changge_gb2312.txt", "henan-changge", "gb2312", newline="crlf"),
    Entry("2024/anhui-wuhu_utf-8-sig.txt", "anhui-wuhu", "utf-8-sig"),
    Entry("guangdong-shunde_gb2312.html", "guangdong-shunde", "gb2312"),
    Entry("2024/hunan-liling_gbk.txt", "hunan-liling", "gbk"),
    Entry("shaanxi-shenmu_utf-16le.txt", "shaanxi-shenmu", "utf-16-le"),
    Entry("2024/11/fujian-jinjiang_utf-16be-bom.txt", "fujian-jinjiang", "utf-16"),
    Entry("guizhou-renhuai_mojibake.txt", "guizhou-renhuai", "utf-8", damage="mojibake:utf-8/gb18030"),
    Entry("jiangxi-nankang_utf-8.txt", "jiangxi-nankang", "utf-8"),
    Entry("2024/liaoning-dalian_scan.txt", "", "", damage="binary"),
    Entry("jilin-yanji_utf-8.txt", "", "", damage="empty"),
]

# How each codec label in a file name is written out (BOMs made explicit so the
# bytes do not depend on the machine's byte order).
BOMS = {
    "utf-16le-bom": b"\xff\xfe",
    "utf-16be-bom": b"\xfe\xff",
}


def article_text(stem: str) -> str:
    """The true text of an article (.txt or .html), as UTF-8 on disk."""
    [path] = [p for p in ARTICLES.glob(stem + ".*") if p.suffix in (".txt", ".html")]
    return path.read_text(encoding="utf-8")


def encode(entry: Entry, text: str) -> bytes:
    """The bytes a tool that saved ``text`` this way would have written."""
    if entry.newline == "crlf":
        text = text.replace("\n", "\r\n")
    label = Path(entry.path).stem.rsplit("_", 1)[1]
    if entry.damage.startswith("mojibake:"):
        # UTF-8 bytes opened as GB18030 (undecodable bytes became U+FFFD), then saved as UTF-8.
        misread = text.encode("utf-8").decode("gb18030", errors="replace")
        return misread.encode("utf-8")
    if label in BOMS:
        return BOMS[label] + text.encode("utf-16-le" if label.startswith("utf-16le") else "utf-16-be")
    return text.encode(entry.codec)


def png_bytes() -> bytes:
    """A small valid PNG (a 24x12 grey gradient with a text chunk): a scan saved as .txt."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    width, height = 24, 12
    rows = b"".join(b"\x00" + bytes((x * 10 + y * 3) % 256 for x in range(width)) for y in range(height))
    text = b"Comment\x00scanned page, not an article " + bytes(range(32, 127))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"tEXt", text)
            + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b""))


def build(entry: Entry) -> bytes:
    """The bytes of one inbox file, checked against what the manifest says about it."""
    if entry.damage == "empty":
        return b""
    if entry.damage == "binary":
        data = png_bytes()
        assert data.startswith(b"\x89PNG")
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return data
        raise AssertionError("the binary sample must not be valid UTF-8")
    text = article_text(entry.stem)
    data = encode(entry, text)
    decoded = data.decode(entry.codec)
    if entry.newline == "crlf":
        decoded = decoded.replace("\r\n", "\n")
    if entry.damage == "none":
        assert decoded == text, f"{entry.path}: does not round-trip through {entry.codec}"
    else:  # mojibake: damaged, yet every surviving character is a GB18030 reading of the bytes
        assert decoded != text and "\ufffd" in decoded
        decoded.replace("\ufffd", "").encode("gb18030")
    return data


def check_codec_choice(entry: Entry, data: bytes) -> None:
    """Make each sample exercise what its name promises (not a narrower codec by luck)."""
    text = article_text(entry.stem)
    narrower = {"gbk": "gb2312", "gb18030": "gbk"}.get(entry.codec)
    if narrower:
        try:
            text.encode(narrower)
        except UnicodeEncodeError:
            pass
        else:
            raise AssertionError(f"{entry.path}: text fits {narrower}; it would not test {entry.codec}")
    if entry.codec == "utf-16-le":
        assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if entry.path.endswith(".html"):
        assert f'charset="{entry.codec}"'.encode() in data


def main() -> None:
    if INBOX.exists():
        shutil.rmtree(INBOX)
    lines = ["inbox_path\tarticle_stem\tcodec\tdamage\tnewline\tbytes\texpected"]
    for entry in ENTRIES:
        data = build(entry)
        if entry.damage == "none":
            check_codec_choice(entry, data)
        target = INBOX / entry.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        expected = "quarantine" if entry.damage in ("binary", "empty") else "load"
        lines.append("\t".join([entry.path, entry.stem, entry.codec, entry.damage, entry.newline,
                                str(len(data)), expected]))
    MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(ENTRIES)} files to {INBOX.relative_to(HERE.parent)} and {MANIFEST.name}")


if __name__ == "__main__":
    main()
