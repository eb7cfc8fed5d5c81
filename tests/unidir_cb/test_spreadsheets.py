"""Cells that a spreadsheet program would run as a formula are escaped on export with a leading
apostrophe and unescaped on import (unidir_cb/core/spreadsheets.py): CSV injection never reaches a
reader's Excel, and what staff typed comes back as they typed it."""

import pytest

from unidir_cb.core.spreadsheets import escape_formula, unescape_formula

FORMULA_STARTS = ["=1+1", "+41 22 917 11 41", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd"]


@pytest.mark.parametrize("cell", FORMULA_STARTS)
def test_a_cell_a_spreadsheet_would_run_is_escaped_and_comes_back_unchanged(cell):
    escaped = escape_formula(cell)

    assert escaped == "'" + cell
    assert unescape_formula(escaped) == cell


@pytest.mark.parametrize("value", ["Geneva", "O'Brien", "'quoted' on purpose", "", "'", 42, 1.5, None])
def test_other_values_pass_both_ways_untouched(value):
    assert escape_formula(value) == value
    assert unescape_formula(value) == value
