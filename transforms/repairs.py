"""The record every transform stage leaves when it changes text.

Like ftfy's ``fix_and_explain``, each stage returns its output together with
the repairs it made, so ``documents.repairs`` is simply the list the pipeline
collected and a user can ask *why* any text changed.
"""

from __future__ import annotations

from typing import NamedTuple


class Repair(NamedTuple):
    """One change a stage made: a short stable ``tag`` and a human ``detail``.

    ``tag`` is what lands in ``documents.repairs`` (``mojibake:utf-8/gbk``,
    ``pinyin_annotations``, ``doubled_punctuation``, ``boilerplate``, ``reflow``);
    ``detail`` says what exactly changed, e.g. ``"removed 37 annotations"``.
    """

    tag: str
    detail: str = ""


class Fixed(NamedTuple):
    """A stage's output: the new text and the repairs that produced it."""

    text: str
    repairs: list[Repair]


def unchanged(text: str) -> Fixed:
    """The result of a stage that found nothing to repair."""
    return Fixed(text, [])
