#!/usr/bin/env python3
"""Rebuild samples/dev11/inbox/ from samples/dev11/articles/ in each style's codec (stdlib only).

samples/devsets.py writes the files and checks that each decodes back to its article exactly.

    python samples/dev11/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

CODECS = {  # article stem → codec; the inbox file is <stem>_<codec>.txt
    "hebei-langfang-speaker": "utf-8",
    "shaanxi-xian-facilities": "gbk",
    "hubei-xiangyang-qa": "utf-8-sig",
    "jiangsu-yancheng-pipetable": "utf-8",
    "anhui-anqing-columns": "gb18030",
    "guangdong-zhaoqing-kaigong": "utf-8",
    "sichuan-yibin-converter": "utf-16",
    "taiwan-ctee-nanjing": "big5",
    "hk-hket-zhuhai": "big5hkscs",
    "zhejiang-huzhou-signing-html": "utf-8",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
