"""Charts as standalone SVG, rendered on the server with pygal (no JavaScript)."""

from datetime import date, timedelta
from xml.etree import ElementTree

import pygal
from pygal.style import Style

SVG_NS = "http://www.w3.org/2000/svg"

# Large type: a 640-wide image shown about 300 px wide on a phone is scaled by less
# than half, and labels must stay at least 11 px there.
_TYPE = {
    "font_family": "system-ui, sans-serif",
    "label_font_size": 24,
    "major_label_font_size": 24,
    "legend_font_size": 24,
    "title_font_size": 24,
}
_LIGHT = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f1b16",
    foreground_strong="#1f1b16",
    foreground_subtle="#e4ddd3",
    colors=("#1d6b57", "#b4410f", "#1f1b16"),
    **_TYPE,
)
_DARK = Style(
    background="#221e1a",
    plot_background="#221e1a",
    foreground="#f3ede6",
    foreground_strong="#f3ede6",
    foreground_subtle="#3a332c",
    colors=("#7fd8bd", "#f08a4b", "#f3ede6"),
    **_TYPE,
)


def burnup_svg(
    start: date, actual: list[int], target_line: list[float], *, label: str, dark: bool = False
) -> bytes:
    """Cumulative counted asks (up to today) against the target line (whole challenge)."""
    days = len(target_line)
    chart = pygal.Line(
        style=_DARK if dark else _LIGHT,
        width=640,
        height=400,
        js=(),  # no script: the chart is an image
        show_dots=False,
        fill=False,
        stroke_style={"width": 3},
        legend_at_bottom=True,
        show_minor_x_labels=False,
        x_labels_major_every=max(1, days // 6),
        truncate_label=-1,
        include_x_axis=True,
        range=(0, max(target_line[-1], max(actual, default=0)) * 1.05 or 1),
        margin=12,
        margin_right=48,  # room for the last date's label
    )
    chart.x_labels = [f"{start + timedelta(days=i):%-d %b}" for i in range(days)]
    chart.add(label, actual, stroke_style={"width": 5})
    chart.add(
        "Target",
        [round(v, 1) for v in target_line],
        stroke_style={"width": 2, "dasharray": "6,4"},
    )
    if actual and len(actual) <= days:
        # Today: one marked point at the end of the counted line.
        today = [None] * (len(actual) - 1) + [actual[-1]]
        chart.add("Today", today, show_dots=True, dots_size=8, stroke=False)
    return _without_scripts(chart.render())


def _without_scripts(svg: bytes) -> bytes:
    """pygal always embeds a small config script for its interactive mode; an image
    needs none, so it is taken out rather than left for the browser to block."""
    ElementTree.register_namespace("", SVG_NS)
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ElementTree.fromstring(svg)  # noqa: S314 - pygal output of our own, no user text
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}script", "script"):
                parent.remove(child)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def fear_svg(weeks: list[str], fear: list, sting: list, *, dark: bool = False) -> bytes:
    """Weekly means of fear before and sting after (0–10); gaps where a week had none."""
    chart = pygal.Line(
        style=_DARK if dark else _LIGHT,
        width=640,
        height=400,
        js=(),
        show_dots=True,
        dots_size=4,
        fill=False,
        stroke_style={"width": 3},
        legend_at_bottom=True,
        truncate_label=-1,
        x_labels_major_every=max(1, len(weeks) // 6),
        show_minor_x_labels=False,
        range=(0, 10),
        margin=12,
        margin_right=48,
        allow_interruptions=True,
    )
    chart.x_labels = weeks
    chart.add("Fear before", fear)
    chart.add("Sting after", sting, stroke_style={"dasharray": "6,4"})
    return _without_scripts(chart.render())
