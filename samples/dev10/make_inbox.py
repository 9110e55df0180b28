#!/usr/bin/env python3
"""Rebuild samples/dev10/inbox/ from samples/dev10/articles/ in each style's codec (stdlib only).

samples/devsets.py writes the files and checks that each decodes back to its article exactly.

    python samples/dev10/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

CODECS = {  # article stem → codec; the inbox file is <stem>_<codec>.txt
    "fujian-quanzhou-bulletin": "gb18030",
    "sichuan-chengdu-districts": "utf-8",
    "jiangsu-suzhou-monthly": "utf-8-sig",
    "yunnan-lijiang-tourism": "gbk",
    "hk-takungpao-shenzhen-port": "big5hkscs",
    "taiwan-cna-xiamen": "big5",
    "guangdong-foshan-lianghui": "utf-8",
    "shandong-weifang-shares": "gb18030",
    "zhejiang-yiwu-cumulative": "utf-8",
    "anhui-hefei-population": "utf-8",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
