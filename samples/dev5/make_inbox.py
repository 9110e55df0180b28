#!/usr/bin/env python3
"""Rebuild samples/dev5/inbox/ from samples/dev5/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in; every
file must decode back to its article exactly (checked here).

    python samples/dev5/make_inbox.py
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
INBOX = HERE / "inbox"

# article stem → codec (Python name); the inbox file is <stem>_<codec>.txt
CODECS = {
    "jiangxi-ganzhou-kaigong": "utf-8",
    "guangdong-huizhou-signing": "gb18030",
    "hubei-yichang-progress": "utf-8",
    "shandong-provincial-list": "gbk",
    "sichuan-deyang-table": "utf-8-sig",
    "taiwan-udn-kunshan": "big5",
    "hk-wenweipo-qinzhou": "big5hkscs",
    "zhejiang-ningbo-quotes": "utf-8",
    "neimenggu-ordos-energy": "utf-8",
    "henan-xuchang-wechat": "utf-8",
    "jiangsu-changzhou-review": "gb18030",
    "fujian-fuqing-foreign": "utf-8",
}


def _dev3() -> ModuleType:
    """samples/dev3/make_inbox.py, whose encoder and writer this set shares."""
    spec = importlib.util.spec_from_file_location("dev3_make_inbox", HERE.parent / "dev3" / "make_inbox.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(stem: str, codec: str) -> bytes:
    return _dev3().encode(ARTICLES, stem, codec)


def main() -> None:
    _dev3().write_inbox(ARTICLES, INBOX, CODECS)


if __name__ == "__main__":
    main()
