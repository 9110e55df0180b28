#!/usr/bin/env python3
"""Rebuild samples/dev4/inbox/ from samples/dev4/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in; every
file must decode back to its article exactly (checked here).

    python samples/dev4/make_inbox.py
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
