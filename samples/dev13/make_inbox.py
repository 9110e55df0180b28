#!/usr/bin/env python3
"""Rebuild samples/dev13/inbox/ from samples/dev13/articles/ in each style's codec (stdlib only).

samples/devsets.py writes the files and checks that each decodes back to its article exactly.

    python samples/dev13/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

CODECS = {  # article stem → codec; the inbox file is <stem>_<codec>.txt
    "guangdong-shenzhen-icdesign": "utf-8",
    "jiangsu-rudong-lng": "gb18030",
    "zhejiang-hangzhou-lowalt": "utf-8-sig",
    "anhui-hefei-hjt": "gb18030",
    "sichuan-yibin-battery": "utf-8",
    "hebei-xiongan-pmi": "gbk",
    "hk-wenweipo-zhuhai-ev": "big5hkscs",
    "shandong-qingdao-newspaper": "gbk",
    "hubei-wuhan-optics": "utf-8",
    "guangxi-qinzhou-wechat": "utf-8",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
