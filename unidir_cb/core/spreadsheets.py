"""Cells a spreadsheet would run as formulas ("=HYPERLINK(...)" typed as an event title): every
export and every report that writes a spreadsheet escapes them the same way, and imports undo it."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """A leading apostrophe makes the cell text; other values keep their type."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unescape_formula(value):
    if isinstance(value, str) and len(value) > 1 and value[0] == "'" and value[1] in FORMULA_TRIGGERS:
        return value[1:]
    return value
