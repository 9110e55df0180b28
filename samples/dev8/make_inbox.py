#!/usr/bin/env python3
"""Rebuild samples/dev8/inbox/ from samples/dev8/articles/ in each style's codec (stdlib only).

samples/devsets.py writes the files and checks that each decodes back to its article exactly.

    python samples/dev8/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

CODECS = {  # article stem → codec; the inbox file is <stem>_<codec>.txt
    "anhui-feixi-zhaoshang": "utf-8",
    "hunan-zhuzhou-list": "gbk",
    "guangxi-liuzhou-kaigong": "utf-8",
    "sichuan-mianyang-signing": "utf-8-sig",
    "henan-provincial-prose": "gb18030",
    "taiwan-ctee-jian": "big5",
    "hk-zhaoqing-logistics": "big5hkscs",
    "jiangsu-nantong-progress": "gb18030",
    "yunnan-qujing-quotes": "utf-8",
    "hebei-cangzhou-foreign": "utf-8",
    "shanxi-jinzhong-report": "gbk",
    "zhejiang-nanhu-numbered": "utf-8",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
