#!/usr/bin/env python3
"""Rebuild samples/dev3/inbox/ from samples/dev3/articles/ (stdlib only, deterministic).

Each article is saved in the codec real copies of its style arrive in (CODECS);
samples/devsets.py writes the files and checks that each decodes back to its
article exactly.

    python samples/dev3/make_inbox.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
from devsets import dev_set

# article stem → codec (Python name); the inbox file is <stem>_<codec>.txt
CODECS = {
    "zhejiang-shaoxing-report": "utf-8",
    "jiangxi-bulletin": "gb18030",
    "anhui-feidong-signing": "utf-8",
    "sichuan-shuangliu-district": "utf-8",
    "guangxi-qinzhou-review": "gbk",
    "neimenggu-xinhua": "utf-8",
    "shandong-yishui-completion": "utf-8",
    "hubei-xiaogan-list": "utf-8-sig",
    "chongqing-hk": "big5hkscs",
    "jiangsu-suzhou-tw": "big5",
    "henan-press-conference": "utf-8",
    "guangdong-foshan-zone": "gb18030",
}

build, main = dev_set(Path(__file__).resolve().parent, CODECS)

if __name__ == "__main__":
    main()
