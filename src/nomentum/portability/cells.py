"""Spreadsheet cells that are text, never formulas: written by our exports, read back by
the importer and the group summary."""

# A cell starting with one of these is a formula to a spreadsheet program.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula is kept as plain text by a leading
    quote; so is text that already starts with quotes before such a sign, so that
    ``restore`` gives back exactly what was written."""
    if isinstance(value, str) and value.lstrip("'").startswith(_FORMULA_START):
        return "'" + value
    return value


def restore(text: str) -> str:
    """Undo ``neutralise`` on a cell read back from one of our exports."""
    if text[:1] == "'" and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text
