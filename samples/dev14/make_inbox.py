#!/usr/bin/env python3
"""Rebuild samples/dev14/inbox/ from samples/dev14/articles/ in each style's codec (stdlib only).

samples/devsets.py writes the files and checks that each decodes back to its article exactly.

    python samples/dev14/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

CODECS = {  # article stem → codec; the inbox file is <stem>_<codec>.txt
    "jiangsu-kunshan-chips": "utf-8",
    "zhejiang-yiwu-trade": "gb18030",
    "guangdong-foshan-appliance": "utf-8-sig",
    "shandong-yantai-wine": "gbk",
    "anhui-hefei-xinhua": "utf-8",
    "hunan-changsha-machinery": "gb18030",
    "hubei-xiangyang-people": "utf-16",
    "sichuan-chengdu-wechat": "utf-8",
    "chongqing-cctv": "gbk",
    "fujian-xiamen-yearintitle": "utf-8-sig",
    "guangdong-dongguan-meta-html": "utf-8",
    "henan-zhengzhou-html": "gbk",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
