#!/usr/bin/env python3
"""Rebuild samples/dev9/inbox/ from samples/dev9/articles/ in each style's codec (stdlib only).

samples/devsets.py writes the files and checks that each decodes back to its article exactly.

    python samples/dev9/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

CODECS = {  # article stem → codec; the inbox file is <stem>_<codec>.txt
    "shandong-linyi-product": "utf-8",
    "jiangsu-taizhou-govinvest": "gbk",
    "zhejiang-shangyu-jigai": "utf-8-sig",
    "hubei-jingzhou-press": "utf-8",
    "fujian-zhangzhou-signing": "gb18030",
    "guangdong-jiangmen-foreign": "utf-8",
    "anhui-chuzhou-table": "gbk",
    "taiwan-cnyes-chongqing": "big5",
    "hk-mingpao-huizhou": "big5hkscs",
    "sichuan-suining-wechat": "utf-8",
    "henan-luoyang-review": "gb18030",
    "jilin-changchun-vehicle": "utf-8",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
