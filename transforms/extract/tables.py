"""Literal tables inside an article: Markdown pipe rows and aligned columns.

Statistical releases put their main figures in a table (``| 指标 | 1—9月 |
同比增长（%） |``) rather than in sentences.  The HTML stage renders an HTML
table as pipe rows; plain-text reports align columns with tabs or runs of
spaces.  Here a table is found with the offsets of every cell, so that it can
be kept in long format (table, row, column, header, cell) and read for
indicators.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from transforms.lines import COLUMN_GAP


class Cell(NamedTuple):
    """One cell's text (stripped) and where it stands in the text."""

    text: str
    start: int
    end: int


class Line(NamedTuple):
    """One table row: its cells and the offsets of the whole line."""

    cells: tuple[Cell, ...]
    start: int
    end: int


class Table(NamedTuple):
    """A header row and the body rows under it (rule lines left out)."""

    header: Line
    rows: tuple[Line, ...]

    @property
    def start(self) -> int:
        return self.header.start

    @property
    def end(self) -> int:
        return self.rows[-1].end if self.rows else self.header.end


class TableCell(NamedTuple):
    """A body cell in long format: the ``(table, row, column, header, cell)`` of the issue."""

    table: int
    row: int
    column: int
    header: str
    cell: str
    char_start: int
    char_end: int


_RULE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)*\s*:?-{2,}:?\s*\|?\s*$")
_PIPE_SPLIT = re.compile(r"\|")
_NUMERIC = re.compile(r"^[-+－—–]?\s*\d[\d,]*(?:\.\d+)?\s*[%％]?$")


def _pipe_cells(line: str, offset: int) -> tuple[Cell, ...] | None:
    body = line.strip()
    if not body.startswith("|") or body.count("|") < 3:
        return None
    lead = offset + line.index("|")
    cells: list[Cell] = []
    pos = 0
    parts = _PIPE_SPLIT.split(body)
    for n, part in enumerate(parts):
        if 0 < n < len(parts) - 1 or (n == len(parts) - 1 and part.strip()):
            stripped = part.strip()
            at = lead + pos + (part.index(stripped) if stripped else 0)
            cells.append(Cell(stripped, at, at + len(stripped)))
        pos += len(part) + 1
    return tuple(cells)


def _gap_cells(line: str, offset: int) -> tuple[Cell, ...] | None:
    if "\t" not in line and "  " not in line and "\u3000" not in line:
        return None  # no gap (COLUMN_GAP), one cell: most lines of prose
    cells: list[Cell] = []
    pos = 0
    for m in [*COLUMN_GAP.finditer(line), None]:
        end = m.start() if m else len(line)
        part = line[pos:end]
        stripped = part.strip()
        if stripped:
            at = offset + pos + part.index(stripped)
            cells.append(Cell(stripped, at, at + len(stripped)))
        pos = m.end() if m else len(line)
    return tuple(cells) if len(cells) >= 2 else None


def find_tables(text: str) -> list[Table]:
    """Tables in ``text``: runs of pipe rows, or of three or more lines that split
    into the same number of aligned columns with figures in them.

        >>> t = find_tables("如下：\\n| 指标 | 数值 |\\n| --- | --- |\\n| 生产总值（亿元） | 88.5 |\\n完")[0]
        >>> [c.text for c in t.header.cells], [[c.text for c in r.cells] for r in t.rows]
        (['指标', '数值'], [['生产总值（亿元）', '88.5']])
        >>> t = find_tables("指标    2023年    增长%\\n地区生产总值    95.1    5.2\\n税收收入    8.3    -1.0")[0]
        >>> [[c.text for c in r.cells] for r in t.rows]
        [['地区生产总值', '95.1', '5.2'], ['税收收入', '8.3', '-1.0']]
        >>> find_tables("记者 王明  报道\\n正文一段。")
        []
    """
    lines: list[tuple[str, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((line, pos))
        pos += len(line) + 1
    out: list[Table] = []
    i = 0
    while i < len(lines):
        line, offset = lines[i]
        if _pipe_cells(line, offset) is not None:
            block: list[Line] = []
            while i < len(lines):
                line, offset = lines[i]
                if _RULE.match(line) and "-" in line:
                    i += 1
                    continue
                cells = _pipe_cells(line, offset)
                if cells is None:
                    break
                block.append(Line(cells, offset + len(line) - len(line.lstrip()), offset + len(line.rstrip())))
                i += 1
            if len(block) >= 2:
                out.append(Table(block[0], tuple(block[1:])))
            continue
        cells = _gap_cells(line, offset)
        if cells is not None:
            block = []
            width = len(cells)
            while i < len(lines):
                line, offset = lines[i]
                cells = _gap_cells(line, offset)
                if cells is None or len(cells) != width:
                    break
                block.append(Line(cells, offset + len(line) - len(line.lstrip()), offset + len(line.rstrip())))
                i += 1
            body = block[1:]
            if len(body) >= 2 and all(any(_NUMERIC.match(c.text) for c in r.cells[1:]) for r in body):
                out.append(Table(block[0], tuple(body)))
            continue
        i += 1
    return out


def table_cells(text: str) -> list[TableCell]:
    """Every body cell of every table in ``text``, in long format.

        >>> [(c.row, c.column, c.header, c.cell) for c in table_cells("| 指标 | 数值 |\\n| 税收 | 8 |")]
        [(0, 0, '指标', '税收'), (0, 1, '数值', '8')]
    """
    out: list[TableCell] = []
    for t, table in enumerate(find_tables(text)):
        headers = [c.text for c in table.header.cells]
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                header = headers[c] if c < len(headers) else ""
                out.append(TableCell(t, r, c, header, cell.text, cell.start, cell.end))
    return out
