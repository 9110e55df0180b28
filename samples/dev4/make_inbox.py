#!/usr/bin/env python3
"""Rebuild samples/dev4/inbox/ from samples/dev4/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in; every
file must decode back to its article exactly (checked here).

    python samples/dev4/make_inbox.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
INBOX = HERE / "inbox"

# article stem → codec (Python name); the inbox file is <stem>_<codec>.txt
CODECS = {
    "shanxi-changzhi-bulletin": "gb18030",
    "hebei-xingtai-monthly": "utf-8",
    "henan-dancheng-county": "gbk",
    "taiwan-ctee-dongguan": "big5",
    "taiwan-cna-sichuan": "utf-8",
    "hk-singtao-shenzhen": "big5hkscs",
    "jiangsu-wuxi-industry": "utf-8-sig",
    "zhejiang-nanxun-signing": "utf-8",
    "anhui-bengbu-bullets": "gb18030",
    "guangdong-zhongshan-review": "utf-8",
    "sichuan-yibin-wechat": "utf-8",
    "taiwan-ltn-fujian": "big5",
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
