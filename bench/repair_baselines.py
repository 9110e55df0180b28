"""Mojibake repair against the usual tools: jingji, ftfy, chardet and charset-normalizer, kind by kind.

Issue 3 aims to beat ftfy, chardet and charset-normalizer on every Chinese
damage kind. This script damages the project's own sample articles
(``samples/articles`` and ``samples/dev*/articles``: text we wrote, never the
seeds) the ways the unit tests do (``tests/transforms/test_mojibake.py``'s
``DAMAGE``: UTF-8 read as GBK/GB18030/Big5, GBK/Big5 read as Latin-1/cp1252,
two rounds, the wrong decode saved) and asks each tool for the text back.

How each tool is asked, as a user would:
- **jingji**: ``transforms.mojibake.repair_mojibake(damaged)``;
- **ftfy**: ``ftfy.fix_text(damaged)`` (optional: ``pip install -e '.[bench]'``);
- **chardet**, **charset-normalizer**: the damaged text as it sits in a file
  (UTF-8 bytes), detected and decoded — what they are for; they see valid
  UTF-8 and hand the mojibake back;
- **nothing**: the damaged text itself, for scale.

Per kind: documents recovered exactly, and the share of all characters found
in order (longest common subsequence with the true text). Run from the
repository root::

    .venv/bin/python bench/repair_baselines.py            # prints a Markdown table
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.transforms.test_mojibake import DAMAGE, damage, matched  # noqa: E402 - the tests' own damage kinds
from transforms.mojibake import repair_mojibake  # noqa: E402


def articles() -> list[str]:
    """Our own sample articles (plain-text ones), each as one document."""
    paths = sorted(ROOT.glob("samples/articles/*.txt")) + sorted(ROOT.glob("samples/dev*/articles/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def tools() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {
        "jingji": lambda text: repair_mojibake(text).text,
        "nothing": lambda text: text,
    }
    try:
        import ftfy

        found["ftfy"] = ftfy.fix_text
    except ImportError:
        print("ftfy not installed (pip install -e '.[bench]'): left out", file=sys.stderr)
    import chardet
    from charset_normalizer import from_bytes

    def with_chardet(text: str) -> str:
        raw = text.encode("utf-8")
        return raw.decode(chardet.detect(raw)["encoding"] or "utf-8", errors="replace")

    def with_charset_normalizer(text: str) -> str:
        best = from_bytes(text.encode("utf-8")).best()
        return str(best) if best is not None else text

    found["chardet"] = with_chardet
    found["charset-normalizer"] = with_charset_normalizer
    return found


def main() -> None:
    texts = articles()
    runners = tools()
    names = list(runners)
    print(f"{len(texts)} articles, {sum(map(len, texts)):,} characters; per kind: exact documents / characters found\n")
    print("| damage | docs | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    seconds = dict.fromkeys(names, 0.0)
    for kind, (steps, _tags) in DAMAGE.items():
        pairs = []
        for text in texts:
            try:
                pairs.append((text, damage(text, steps)))
            except UnicodeEncodeError:
                continue  # simplified characters Big5 cannot hold
        cells = []
        for name in names:
            exact = found = total = 0
            t = time.process_time()
            outputs = [runners[name](damaged) for _, damaged in pairs]
            seconds[name] += time.process_time() - t
            for (truth, _), got in zip(pairs, outputs, strict=True):
                exact += got == truth
                found += matched(truth, got)
                total += len(truth)
            cells.append(f"{exact}/{len(pairs)} · {found / total:.1%}" if total else "–")
        print(f"| {kind} | {len(pairs)} | " + " | ".join(cells) + " |")
    print("\nCPU seconds over all kinds: " + ", ".join(f"{n} {s:.1f}" for n, s in seconds.items()))


if __name__ == "__main__":
    main()
