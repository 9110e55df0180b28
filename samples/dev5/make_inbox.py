#!/usr/bin/env python3
"""Rebuild samples/dev5/inbox/ from samples/dev5/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in (CODECS);
samples/devsets.py writes the files and checks that each decodes back to its
article exactly.

    python samples/dev5/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

# article stem → codec (Python name); the inbox file is <stem>_<codec>.txt
CODECS = {
    "jiangxi-ganzhou-kaigong": "utf-8",
    "guangdong-huizhou-signing": "gb18030",
    "hubei-yichang-progress": "utf-8",
    "shandong-provincial-list": "gbk",
    "sichuan-deyang-table": "utf-8-sig",
    "taiwan-udn-kunshan": "big5",
    "hk-wenweipo-qinzhou": "big5hkscs",
    "zhejiang-ningbo-quotes": "utf-8",
    "neimenggu-ordos-energy": "utf-8",
    "henan-xuchang-wechat": "utf-8",
    "jiangsu-changzhou-review": "gb18030",
    "fujian-fuqing-foreign": "utf-8",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
