#!/usr/bin/env python3
"""Rebuild samples/dev12/inbox/ from samples/dev12/articles/ in each style's codec (stdlib only).

samples/devsets.py writes the files and checks that each decodes back to its article exactly.

    python samples/dev12/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

CODECS = {  # article stem → codec; the inbox file is <stem>_<codec>.txt
    "hubei-yichang-bulletin": "gb18030",
    "jiangxi-ganzhou-yearend": "utf-8",
    "zhejiang-deqing-county": "gbk",
    "shandong-zibo-chain": "utf-8-sig",
    "hebei-baoding-stocks": "utf-8",
    "guangxi-yulin-quarter": "gb18030",
    "taiwan-udn-kunshan": "big5",
    "fujian-fuzhou-finance": "utf-16",
    "henan-gongyi-countycity": "utf-8",
    "yunnan-yuxi-firstquarter": "gbk",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
