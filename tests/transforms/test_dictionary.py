"""Tests for transforms.dictionary: jieba's word list as plain data, without jieba's tokenizer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from transforms.dictionary import dict_path, dictionary, entries, frequencies, parts_of_speech, total_frequency


def test_frequencies_and_tags_are_jiebas() -> None:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    # jieba's FREQ also holds every word's prefixes at 0; the words themselves agree
    assert {w: f for w, f in jieba.dt.FREQ.items() if f} == {w: f for w, f in frequencies().items() if f}
    assert parts_of_speech() == jieba.posseg.dt.word_tag_tab
    assert total_frequency() == jieba.dt.total


def test_entries_are_the_lines_duplicates_included() -> None:
    lines = [line for line in dict_path().read_text(encoding="utf-8").splitlines() if line.strip()]
    listed = list(entries())
    assert len(listed) == len(lines)
    assert sum(e.frequency for e in listed) == total_frequency()
    # a word listed twice keeps its last entry in the lookups
    last = {e.word: e.frequency for e in listed}
    assert last == frequencies()


def test_loaded_once() -> None:
    assert dictionary() is dictionary()
    assert frequencies()["经济"] > 0 and parts_of_speech()["经济"] == "n"


def test_reading_it_does_not_import_jieba() -> None:
    code = (
        "import sys\n"
        "from transforms.dictionary import frequencies\n"
        "from transforms.segment import keywords\n"
        "assert frequencies()['经济'] > 0\n"
        "keywords('锂电产业集群加快发展。')\n"
        "assert 'jieba' not in sys.modules, 'jieba was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, cwd=Path(__file__).parents[2])
