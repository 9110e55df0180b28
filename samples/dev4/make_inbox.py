#!/usr/bin/env python3
"""Rebuild samples/dev4/inbox/ from samples/dev4/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in (CODECS);
samples/devsets.py writes the files and checks that each decodes back to its
article exactly.

    python samples/dev4/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

# article stem → codec (Python name); the inbox file is <stem>_<codec>.txt
CODECS = {
    "shanxi-changzhi-bulletin": "gb18030",
    "hebei-xingtai-monthly": "utf-8",
    "henan-dancheng-county": "gbk",
    "taiwan-ctee-dongguan": "big5",
    "taiwan-cna-sichuan": "utf-8",
    "hk-singtao-shenzhen": "big5hkscs",
    "jiangsu-wuxi-industry": "utf-8-sig",
    "zhejiang-nanxun-signing": "utf-8",
    "anhui-bengbu-bullets": "gb18030",
    "guangdong-zhongshan-review": "utf-8",
    "sichuan-yibin-wechat": "utf-8",
    "taiwan-ltn-fujian": "big5",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
