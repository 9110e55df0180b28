#!/usr/bin/env python3
"""Rebuild samples/dev6/inbox/ from samples/dev6/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in (CODECS);
samples/devsets.py writes the files and checks that each decodes back to its
article exactly.

    python samples/dev6/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

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

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
