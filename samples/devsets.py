"""The inbox writer every dev set (``samples/dev3``, ``samples/dev4``, …) shares (stdlib only, deterministic).

A dev set is a folder with ``articles/<stem>.txt`` (the true text, UTF-8) and a
``make_inbox.py`` that holds only its own data — which codec each article's
style arrives in — and asks this module for the rest::

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # samples/, for devsets.py
    from devsets import dev_set

    CODECS = {"some-article": "gb18030", ...}
    build, main = dev_set(Path(__file__).resolve().parent, CODECS)

``main()`` rebuilds ``inbox/`` with one ``<stem>_<codec>.txt`` per article;
``build(stem, codec)`` returns one file's bytes (the tests compare the committed
inbox with it).  Every file is checked to decode back to its article exactly.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NamedTuple


def encode(articles: Path, stem: str, codec: str) -> bytes:
    """An article's bytes in ``codec``, checked to decode back to the article exactly."""
    text = (articles / f"{stem}.txt").read_text("utf-8")
    data = text.encode(codec)
    assert data.decode(codec) == text, stem
    return data


def write_inbox(articles: Path, inbox: Path, codecs: dict[str, str]) -> None:
    """Rewrite ``inbox`` with one ``<stem>_<codec>.txt`` per article; every article must have a codec."""
    assert {p.stem for p in articles.glob("*.txt")} == set(codecs)
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir()
    for stem, codec in sorted(codecs.items()):
        (inbox / f"{stem}_{codec}.txt").write_bytes(encode(articles, stem, codec))


class DevSet(NamedTuple):
    build: Callable[[str, str], bytes]  # (stem, codec) -> the inbox file's bytes
    main: Callable[[], None]  # rebuild the set's inbox/


def dev_set(here: Path, codecs: dict[str, str]) -> DevSet:
    """The ``build`` and ``main`` of the dev set in folder ``here`` (``articles/`` in, ``inbox/`` out)."""
    articles, inbox = here / "articles", here / "inbox"
    return DevSet(build=partial(encode, articles), main=partial(write_inbox, articles, inbox, codecs))
