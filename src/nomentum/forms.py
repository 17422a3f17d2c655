"""Turning typed values (from JSON or the command line) into what Django forms read."""

from datetime import date


def form_data(payload: dict) -> dict:
    """Dates as ISO text, True as a ticked box, False and None left out."""
    data: dict = {}
    for key, value in payload.items():
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, date):
            data[key] = value.isoformat()
        elif value is not None:
            data[key] = value
    return data
