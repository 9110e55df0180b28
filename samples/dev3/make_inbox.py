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


def encode(articles: Path, stem: str, codec: str) -> bytes:
    """An article's bytes in ``codec``, checked to decode back to the article exactly."""
    text = (articles / f"{stem}.txt").read_text("utf-8")
    data = text.encode(codec)
    assert data.decode(codec) == text, stem
    return data


def write_inbox(articles: Path, inbox: Path, codecs: dict[str, str]) -> None:
    """Rewrite ``inbox`` with one ``<stem>_<codec>.txt`` per article (other dev sets call this too)."""
    assert {p.stem for p in articles.glob("*.txt")} == set(codecs)
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir()
    for stem, codec in sorted(codecs.items()):
        (inbox / f"{stem}_{codec}.txt").write_bytes(encode(articles, stem, codec))


def build(stem: str, codec: str) -> bytes:
    return encode(ARTICLES, stem, codec)


def main() -> None:
    write_inbox(ARTICLES, INBOX, CODECS)


if __name__ == "__main__":
    main()
