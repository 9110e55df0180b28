"""Warm a fresh process while it waits for Prefect's temporary server: load what the first file would.

The first article a process handles pays for loading the tables the pipeline builds
lazily (jieba's dictionary and IDF table, the segmenter, the gazetteer, the mojibake
repair's readings, hundreds of compiled patterns) and for imports done on first use
(``pyarrow.dataset``, which DuckDB imports when it first reads an Arrow table).
The CLI waits several seconds for Prefect's temporary server to answer anyway
(``flows.server.TemporaryServer.wait_until_ready``) and spends that wait on these
steps, one at a time, stopping as soon as the server answers: warming never delays
a run by more than the step in progress.

The steps run the real code on two short articles written for this module (one
clean GBK file, one UTF-8 file read as GBK): nothing is loaded that an ingest would
not load itself, and the results are thrown away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

_log = logging.getLogger(__name__)

_ARTICLE = """标题：新城区前三季度经济运行稳中有进
来源：新城日报　记者 王明　2026年10月28日

今年以来，新城区坚持项目为王，全区经济运行稳中有进。前三季度，全区实现地区生产总值512.6亿元，同比增长6.2%；
规上工业增加值增长8.1%，固定资产投资同比增长12.4%。

总投资30亿元的华东新材料年产5万吨电池材料项目已开工建设，预计明年投产。
"""


def _import_arrow_dataset() -> None:
    import pyarrow.dataset  # noqa: F401 - DuckDB imports it on the first Arrow scan (0.3 s)


def _process(raw: bytes, name: str) -> Callable[[], None]:
    """What ``process_batch`` does with one file, its result thrown away."""

    def step() -> None:
        from transforms.pipeline import process
        from warehouse import near_duplicates, search

        document = process(raw, name).document or {}
        text = document.get("text_simplified") or ""
        near_duplicates.signature_row("warm-up", text)
        search.terms_row("warm-up", document.get("title"), text)

    return step


def _never_raising(step: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        try:
            step()
        except Exception:  # a fault here is the run's to meet and report, not the warm-up's
            _log.debug("warm-up step %s failed", getattr(step, "__name__", step), exc_info=True)

    return run


def steps() -> Iterator[Callable[[], None]]:
    """The warm-up, cheapest and most often needed first. A step never raises: warming is an optimisation."""
    yield _never_raising(_import_arrow_dataset)
    yield _never_raising(_process(_ARTICLE.encode("gbk"), "warm-up.txt"))  # decoding, repairs, extraction, keywords
    # one paragraph of UTF-8 bytes shown as GBK and saved again: the lossy mojibake repair's tables
    clean, damaged = _ARTICLE.rsplit("\n\n", 1)
    lossy = clean + "\n\n" + damaged.encode("utf-8").decode("gbk", errors="replace")
    yield _never_raising(_process(lossy.encode("utf-8"), "warm-up-mojibake.txt"))
