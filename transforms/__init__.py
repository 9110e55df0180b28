"""Pure text transforms: bytes in, clean text and extracted rows out.

Nothing here imports Prefect or touches the warehouse. The only I/O is reading
data files (``transforms/data/``, jieba's word lists) and the cache of lookup
tables built from them (:mod:`transforms.tablecache`, as jieba caches its own):
results never depend on it. The flows call one entry point,
:func:`transforms.pipeline.process`.
"""

# Bump whenever a change to any transform may change an output row; every
# staged row records the version that produced it so a rebuild can tell.
TRANSFORM_VERSION = "0.3.0"


def data_words(filename: str) -> tuple[str, ...]:
    """The stripped lines of ``transforms/data/<filename>`` in file order, blank and ``#`` comment lines skipped.

    The one reader of the bundled word lists (callers cache what they build from them).
    """
    from importlib import resources

    text = resources.files("transforms").joinpath("data", filename).read_text("utf-8")
    return tuple(w for w in (line.strip() for line in text.splitlines()) if w and not w.startswith("#"))
