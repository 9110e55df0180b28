#!/usr/bin/env python3
"""Rebuild samples/dev6/inbox/ from samples/dev6/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in; every
file must decode back to its article exactly (checked here).

    python samples/dev6/make_inbox.py
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
    "jiangxi-shangrao-gov-report": "utf-8",
    "guizhou-zunyi-bulletin": "gb18030",
    "hunan-changsha-press": "utf-8",
    "xinhua-hainan-dispatch": "utf-8",
    "hk-takungpao-hengqin": "big5hkscs",
    "taiwan-wantdaily-hefei": "big5",
    "jiangsu-wuxi-techpark": "utf-8",
    "zhejiang-jiaxing-converter": "utf-16",
    "shaanxi-xian-progress": "utf-8-sig",
    "anhui-fanchang-gov-report": "gbk",
    "hebei-tangshan-keyproj": "gb18030",
    "xinjiang-hami-energy": "utf-8",
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
