"""Extraction of the ``indicators`` and ``projects`` tables from clean article text.

The pipeline calls :func:`extract_indicators` and :func:`extract_projects` with
``text_simplified``, the publication date and the title; both return rows with
the contract's columns (less ``doc_id``) and offsets into that same string.
:func:`table_cells` gives the literal tables of an article in long format
(table, row, column, header, cell, offsets) for a table of its own.
"""

from transforms.extract.indicators import IndicatorRow, extract_indicators
from transforms.extract.projects import ProjectRow, extract_projects
from transforms.extract.tables import TableCell, table_cells

__all__ = ["IndicatorRow", "ProjectRow", "TableCell", "extract_indicators", "extract_projects", "table_cells"]
