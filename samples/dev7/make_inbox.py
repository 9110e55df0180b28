#!/usr/bin/env python3
"""Rebuild samples/dev7/inbox/ from samples/dev7/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in; every
file must decode back to its article exactly (checked here).

    python samples/dev7/make_inbox.py
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
    "hunan-yueyang-lianghui": "utf-8",
    "shaanxi-baoji-quarterly": "gb18030",
    "gansu-jingchuan-county": "utf-8",
    "zhejiang-ningbo-trade": "utf-8",
    "jiangsu-kunshan-income": "utf-8-sig",
    "guangdong-dongguan-shares": "gb18030",
    "hk-wenweipo-hainan": "big5hkscs",
    "henan-province-review": "gbk",
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
