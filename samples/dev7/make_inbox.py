#!/usr/bin/env python3
"""Rebuild samples/dev7/inbox/ from samples/dev7/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in (CODECS);
samples/devsets.py writes the files and checks that each decodes back to its
article exactly.

    python samples/dev7/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

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

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
