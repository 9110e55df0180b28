#!/usr/bin/env python3
"""Rebuild samples/dev3/inbox/ from samples/dev3/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in; every
file must decode back to its article exactly (checked here).

    python samples/dev3/make_inbox.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
INBOX = HERE / "inbox"

# article stem → codec (Python name); the inbox file is <stem>_<codec>.txt
CODECS = {
    "zhejiang-shaoxing-report": "utf-8",
    "jiangxi-bulletin": "gb18030",
    "anhui-feidong-signing": "utf-8",
    "sichuan-shuangliu-district": "utf-8",
    "guangxi-qinzhou-review": "gbk",
    "neimenggu-xinhua": "utf-8",
    "shandong-yishui-completion": "utf-8",
    "hubei-xiaogan-list": "utf-8-sig",
    "chongqing-hk": "big5hkscs",
    "jiangsu-suzhou-tw": "big5",
    "henan-press-conference": "utf-8",
    "guangdong-foshan-zone": "gb18030",
}


def build(stem: str, codec: str) -> bytes:
    text = (ARTICLES / f"{stem}.txt").read_text("utf-8")
    data = text.encode(codec)
    assert data.decode(codec) == text, stem
    return data


def main() -> None:
    assert {p.stem for p in ARTICLES.glob("*.txt")} == set(CODECS)
    shutil.rmtree(INBOX, ignore_errors=True)
    INBOX.mkdir()
    for stem, codec in sorted(CODECS.items()):
        (INBOX / f"{stem}_{codec}.txt").write_bytes(build(stem, codec))


if __name__ == "__main__":
    main()
