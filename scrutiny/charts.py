"""Server-side SVG charts, each with a text alternative and a table of the same numbers.

Pure functions: callers pass plain data (codes, labels, counts) and get a `Chart` back, so a
page and the PDF report draw the same chart from the same numbers. Every piece of text that
reaches the SVG goes through `escape` or `quoteattr`. Fonts are Arial (Liberation Sans where
Arial is missing) so that WeasyPrint draws what a browser draws; colours are GOV.UK Frontend's,
and never the only carrier of meaning: bars carry patterns and written counts, lines carry
their code and a marker shape.
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#484949"
RULE = "#cecece"
BAND_RULE = "#b1b4b6"
_FONT_ATTRIBUTE = quoteattr(FONT)  # every text element carries it: quoted once


@dataclass(frozen=True)
class Chart:
    svg: SafeString
    title: str
    description: str
    # The header row, then one row per recommendation: plain values, for an HTML or PDF table.
    table: list[list] = field(default_factory=list)
    # Whether the table's cells after the first column are numbers (right-aligned).
    numeric: bool = True

    @property
    def header(self) -> list:
        return self.table[0] if self.table else []

    @property
    def rows(self) -> list[list]:
        return self.table[1:]


def _check_id(chart_id: str) -> str:
    # The id names patterns inside url(#...), where no escaping helps: allow only plain ids.
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", chart_id):
        raise ValueError(f"Chart ids are letters, digits, hyphens and underscores, not {chart_id!r}")
    return chart_id


def _text_width(text: str, size: float) -> float:
    """A generous estimate of Arial's width for `text`; enough to lay out labels without a font file."""
    return len(text) * size * 0.6


def _fit(text: str, size: float, width: float) -> str:
    """`text`, shortened with an ellipsis to fit `width` (the table always has it in full)."""
    if _text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * 0.6)) - 1)
    return text[:keep].rstrip() + "…"


def _text(x, y, content, *, size=14, anchor="start", weight="normal", fill=TEXT, baseline="central") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family={_FONT_ATTRIBUTE} font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}" text-anchor="{anchor}" dominant-baseline="{baseline}">'
        f"{escape(str(content))}</text>"
    )


def _svg(chart_id: str, height: float, title: str, description: str, body: list[str], width: int = WIDTH) -> SafeString:
    ident = quoteattr(chart_id)
    title_id = quoteattr(f"{chart_id}-title")
    desc_id = quoteattr(f"{chart_id}-desc")
    # No height attribute: with the viewBox alone, a browser keeps the proportions when max-width
    # narrows the chart, and WeasyPrint still sizes it (CSS height: auto would upset WeasyPrint).
    # max-width: 100% comes from the stylesheets (app.scss, report.css), not a style attribute,
    # which the Content Security Policy would block.
    return mark_safe(  # noqa: S308 - every piece of text above went through escape or quoteattr
        f'<svg xmlns="http://www.w3.org/2000/svg" id={ident} role="img" '
        f"aria-labelledby={quoteattr(f'{chart_id}-title {chart_id}-desc')} "
        f'width="{width}" viewBox="0 0 {width} {height:.0f}">'
        f"<title id={title_id}>{escape(title)}</title>"
        f"<desc id={desc_id}>{escape(description)}</desc>" + "".join(body) + "</svg>"
    )


def _empty(chart_id: str, title: str, message: str, table: list[list], numeric: bool) -> Chart:
    """A chart that says there is nothing to draw yet, rather than an empty frame."""
    height = 80
    body = [
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1}" fill="#f3f3f3" stroke="{RULE}"/>',
        _text(WIDTH / 2, height / 2, message, size=19, anchor="middle", weight="bold"),
    ]
    return Chart(
        svg=_svg(chart_id, height, title, message, body),
        title=title,
        description=message,
        table=table,
        numeric=numeric,
    )


def _count_phrase(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# Actions by status -------------------------------------------------------------------------

# In the order of ActionItem.Status, with the colour of the status tag on the action pages and a
# pattern of its own, so that no status depends on colour alone.
STATUSES = ["Not started", "On track", "At risk", "Off track", "Complete"]
STATUS_STYLE = {
    "Not started": {"fill": "#858686", "ink": "#ffffff", "pattern": "dots"},
    "On track": {"fill": "#0f7a52", "ink": "#ffffff", "pattern": "solid"},
    "At risk": {"fill": "#ffdd00", "ink": "#0b0c0c", "pattern": "diagonal"},
    "Off track": {"fill": "#ca3535", "ink": "#ffffff", "pattern": "crosshatch"},
    "Complete": {"fill": "#1d70b8", "ink": "#ffffff", "pattern": "vertical"},
}
_STATUS_KEYS = {label.lower().replace(" ", "_"): label for label in STATUSES}


def _status_label(key: str) -> str:
    """A status label from its label ("On track") or its stored value ("on_track")."""
    if key in STATUS_STYLE:
        return key
    try:
        return _STATUS_KEYS[key]
    except KeyError:
        raise ValueError(f"Unknown action status {key!r}: expected one of {', '.join(STATUSES)}") from None


def _fill(chart_id: str, label: str) -> str:
    style = STATUS_STYLE[label]
    if style["pattern"] == "solid":
        # A one-colour pattern would show the seams between its tiles in some renderers.
        return style["fill"]
    return f"url(#{chart_id}-{_slug(label)})"


def _pattern(pattern_id: str, style: dict) -> str:
    fill, ink = style["fill"], style["ink"]
    shapes = {
        "dots": f'<circle cx="4" cy="4" r="1.6" fill="{ink}"/>',
        "diagonal": f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{ink}" stroke-width="1.5"/>',
        "crosshatch": (
            f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4 M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" '
            f'stroke="{ink}" stroke-width="1.2"/>'
        ),
        "vertical": f'<path d="M4,0 v8" stroke="{ink}" stroke-width="2"/>',
    }[style["pattern"]]
    return (
        f'<pattern id={quoteattr(pattern_id)} width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{fill}"/>{shapes}</pattern>'
    )


ALL_ACTIONS = "All actions, each counted once"


def _by_label(counts) -> list[int]:
    by_label = dict.fromkeys(STATUSES, 0)
    for key, n in counts.items():
        by_label[_status_label(key)] += int(n)
    return [by_label[label] for label in STATUSES]


def actions_by_status(
    rows, *, totals=None, chart_id: str = "chart-actions-by-status", title: str = "Actions by status"
) -> Chart:
    """A horizontal stacked bar per recommendation: how many of its actions are in each status.

    rows: [(recommendation code, {status label or value: count})], in the order to draw them. A row counts
    every action that serves its recommendation, so an action that serves two is in two rows.
    totals: {status label or value: count} of the actions, each counted once; the text and the table's last
    row give these. Without it the rows are taken to share no action.
    """
    _check_id(chart_id)
    header = ["Recommendation", *STATUSES, "Total"]
    counted = [(str(code), _by_label(counts)) for code, counts in rows]
    table = [header, *[[code, *numbers, sum(numbers)] for code, numbers in counted]]
    row_sum = [sum(numbers[i] for _, numbers in counted) for i in range(len(STATUSES))]
    once = row_sum if totals is None else _by_label(totals)
    if not sum(row_sum):
        return _empty(chart_id, title, "No actions yet", table, numeric=True)
    if sum(row_sum) != sum(once):
        table.append([ALL_ACTIONS, *once, sum(once)])

    description = _status_description(counted, once, sum(row_sum))

    legend_size, label_size = 14, 14
    # The legend: a patterned swatch and the status's name, wrapping onto a second line if needed.
    legend, x, y = [], 0.0, 14.0
    for label in STATUSES:
        item_width = 18 + 6 + _text_width(label, legend_size) + 18
        if x and x + item_width > WIDTH:
            x, y = 0.0, y + 26
        legend.append(
            f'<rect x="{x + 0.5:.1f}" y="{y - 8.5:.1f}" width="17" height="17" '
            f'fill="{_fill(chart_id, label)}" stroke="{TEXT}" stroke-width="1"/>'
        )
        legend.append(_text(x + 24, y, label, size=legend_size))
        x += item_width
    top = y + 26

    longest = max(_text_width(code, label_size) for code, _ in counted)
    left = min(max(longest + 16, 48), 200)
    total_space = _text_width(str(max(sum(n) for _, n in counted)), label_size) + 16
    bar_space = WIDTH - left - total_space
    bar_height, pitch = 26, 38
    scale = bar_space / max(sum(numbers) for _, numbers in counted)
    height = top + pitch * len(counted) + 8

    body = [
        "<defs>",
        *[
            _pattern(f"{chart_id}-{_slug(s)}", STATUS_STYLE[s])
            for s in STATUSES
            if STATUS_STYLE[s]["pattern"] != "solid"
        ],
        "</defs>",
        *legend,
    ]
    for index, (code, numbers) in enumerate(counted):
        bar_y = top + index * pitch
        middle = bar_y + bar_height / 2
        body.append(_text(left - 8, middle, _fit(code, label_size, left - 12), size=label_size, anchor="end"))
        body.append(
            f'<line x1="{left:.1f}" y1="{bar_y - 3:.1f}" x2="{left:.1f}" y2="{bar_y + bar_height + 3:.1f}" '
            f'stroke="{TEXT}" stroke-width="1"/>'
        )
        x = float(left)
        for label, n in zip(STATUSES, numbers, strict=True):
            if not n:
                continue
            width = n * scale
            body.append(
                f'<rect x="{x:.1f}" y="{bar_y:.1f}" width="{width:.1f}" height="{bar_height}" '
                f'fill="{_fill(chart_id, label)}" stroke="{TEXT}" stroke-width="1"/>'
            )
            pill = _text_width(str(n), 12) + 8
            if width >= pill + 4:
                # The count on a white tab, so it reads on every colour and pattern.
                centre = x + width / 2
                body.append(
                    f'<rect x="{centre - pill / 2:.1f}" y="{middle - 9:.1f}" width="{pill:.1f}" height="18" '
                    f'rx="3" fill="#ffffff"/>'
                )
                body.append(_text(centre, middle, n, size=12, anchor="middle", weight="bold"))
            x += width
        total = sum(numbers)
        body.append(_text(x + 8, middle, total if total else "No actions", size=label_size, fill=SECONDARY_TEXT))
    return Chart(
        svg=_svg(chart_id, height, title, description, body),
        title=title,
        description=description,
        table=table,
        numeric=True,
    )


def _slug(label: str) -> str:
    return label.lower().replace(" ", "-")


def _status_description(counted, once, row_sum) -> str:
    """Totals count each action once; the rows, which may repeat an action, are named as such."""
    total = sum(once)
    parts = ", ".join(f"{n} {label.lower()}" for label, n in zip(STATUSES, once, strict=True))
    recommendations = _count_phrase(len(counted), "recommendation")
    if row_sum > total:
        text = (
            f"{_count_phrase(total, 'action')} for {recommendations}; some serve more than one recommendation, "
            f"so each bar counts every action that serves its recommendation and the bars add up to {row_sum}. "
            f"Each action counted once: {parts}."
        )
    else:
        text = f"{_count_phrase(total, 'action')} across {recommendations}: {parts}."
    off_track = [(code, numbers[3]) for code, numbers in counted if numbers[3]]
    at_risk = [(code, numbers[2]) for code, numbers in counted if numbers[2]]
    if off_track:
        text += " Off track: " + ", ".join(f"{code} ({n})" for code, n in off_track) + "."
    if at_risk:
        text += " At risk: " + ", ".join(f"{code} ({n})" for code, n in at_risk) + "."
    return text


# Assurance across reviews ------------------------------------------------------------------

# Top to bottom, as the y axis reads. Each level accepts its stored value, its full label and
# its short name; None is "Not yet assessed".
LEVELS = [
    ("Substantial", "Substantial assurance", "substantial", "#f3f8f6"),
    ("Reasonable", "Reasonable assurance", "reasonable", "#f3f9f9"),
    ("Limited", "Limited assurance", "limited", "#fef8f5"),
    ("No assurance", "No assurance", "none", "#fcf5f5"),
    ("Not yet assessed", "Not yet assessed", "not_assessed", "#f3f3f3"),
]
_LEVEL_INDEX = {key.lower(): index for index, names in enumerate(LEVELS) for key in names[:3]}
NOT_ASSESSED = len(LEVELS) - 1

LINE_COLOURS = ["#1d70b8", "#ca357c", "#0f7a52", "#54319f", "#ca3535", "#158187", "#99704a", "#484949"]
MARKERS = ["circle", "square", "triangle", "diamond"]


def _level_index(level) -> int:
    if level is None or level == "":
        return NOT_ASSESSED
    try:
        return _LEVEL_INDEX[str(level).lower()]
    except KeyError:
        raise ValueError(f"Unknown assurance level {level!r}") from None


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}" stroke="#ffffff" stroke-width="1.5"/>'
    if shape == "square":
        return (
            f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="1.5"/>'
        )
    if shape == "triangle":
        points = f"{x:.1f},{y - 6:.1f} {x + 5.5:.1f},{y + 4:.1f} {x - 5.5:.1f},{y + 4:.1f}"
        return f'<polygon points="{points}" fill="{colour}" stroke="#ffffff" stroke-width="1.5"/>'
    points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
    return f'<polygon points="{points}" fill="{colour}" stroke="#ffffff" stroke-width="1.5"/>'


def _wrap(text: str, size: float, width: float, lines: int = 2) -> list[str]:
    """Break `text` into at most `lines` lines that fit `width`, the last shortened if need be."""
    words, out, current = text.split(), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if current and _text_width(candidate, size) > width:
            out.append(current)
            current = word
        else:
            current = candidate
    out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [_fit(line, size, width) for line in out]


# The assurance chart's text sizes: the axis (levels, review names) and the recommendations' codes.
_AXIS_SIZE, _CODE_SIZE = 14, 13
# The y axis: "not yet assessed" is no level, and has no place on it.
_SCALE = LEVELS[:NOT_ASSESSED]
_TOP, _BAND = 8, 52  # the y of the highest level's band, and the height of each band


@dataclass(frozen=True)
class _Grid:
    """Where the assurance chart's reviews (x) and levels (y) fall."""

    left: float
    plot_width: float
    column: float  # the width given to each review
    lanes: int  # one per recommendation
    step: float  # between lanes

    @property
    def bottom(self) -> float:
        return _TOP + _BAND * len(_SCALE)

    def x_of(self, review_index: int) -> float:
        return self.left + self.column * (review_index + 0.5)

    def y_of(self, level_index: int, line_index: int) -> float:
        return _TOP + _BAND * (level_index + 0.5) + (line_index - (self.lanes - 1) / 2) * self.step


def assurance_across_reviews(
    reviews, rows, *, chart_id: str = "chart-assurance", title: str = "Assurance across reviews"
) -> Chart:
    """A grid of reviews (x, in time order) by assurance level (y), a line per recommendation.

    reviews: [review title, oldest first]; rows: [(recommendation code, [level or None per review])].
    """
    _check_id(chart_id)
    reviews = [str(review) for review in reviews]
    indexed = _indexed_levels(reviews, rows)
    table = [["Recommendation", *reviews], *[[code, *[LEVELS[i][1] for i in levels]] for code, levels in indexed]]
    if not reviews or not indexed:
        return _empty(chart_id, title, "No reviews yet", table, numeric=False)

    description = _assurance_description(reviews, indexed)
    grid = _assurance_grid(reviews, indexed)
    names, review_lines = _review_names(grid, reviews)
    unassessed, height = _unassessed_row(grid, reviews, indexed, review_lines)
    lines, ends = _recommendation_lines(grid, indexed)
    body = [*_level_bands(grid), *names, *unassessed, *lines, *_end_labels(grid, ends, len(reviews))]
    return Chart(
        svg=_svg(chart_id, height, title, description, body),
        title=title,
        description=description,
        table=table,
        numeric=False,
    )


def _indexed_levels(reviews: list[str], rows) -> list[tuple[str, list[int]]]:
    """[(code, [index into LEVELS per review])], refusing a row without one level per review."""
    indexed = []
    for code, levels in rows:
        levels = list(levels)
        if len(levels) != len(reviews):
            raise ValueError(f"{code}: {len(levels)} levels for {len(reviews)} reviews")
        indexed.append((str(code), [_level_index(level) for level in levels]))
    return indexed


def _assurance_grid(reviews: list[str], indexed) -> _Grid:
    left = max(_text_width(short, _AXIS_SIZE) for short, *_ in _SCALE) + 16
    right = min(max(_text_width(code, _CODE_SIZE) for code, _ in indexed) + 34, 120)
    plot_width = WIDTH - left - right
    # Several recommendations often share a level: each gets its own lane within the level's band.
    lanes = len(indexed)
    return _Grid(
        left=left,
        plot_width=plot_width,
        column=plot_width / len(reviews),
        lanes=lanes,
        # Lanes sit close to the band's middle, so each point reads as the band's level.
        step=min(5.5, (_BAND - 20) / max(lanes - 1, 1)),
    )


def _level_bands(grid: _Grid) -> list[str]:
    """A tinted band per level, named on the left, and the x axis below them."""
    left, right = grid.left, grid.left + grid.plot_width
    body = []
    for index, (short, _label, _value, tint) in enumerate(_SCALE):
        band_y = _TOP + _BAND * index
        body.append(
            f'<rect x="{left:.1f}" y="{band_y:.1f}" width="{grid.plot_width:.1f}" height="{_BAND}" fill="{tint}"/>'
        )
        body.append(
            f'<line x1="{left:.1f}" y1="{band_y:.1f}" x2="{right:.1f}" y2="{band_y:.1f}" '
            f'stroke="{BAND_RULE}" stroke-width="1"/>'
        )
        body.append(_text(left - 8, band_y + _BAND / 2, short, size=_AXIS_SIZE, anchor="end"))
    body.append(
        f'<line x1="{left:.1f}" y1="{grid.bottom:.1f}" x2="{right:.1f}" y2="{grid.bottom:.1f}" '
        f'stroke="{TEXT}" stroke-width="1"/>'
    )
    return body


def _review_names(grid: _Grid, reviews: list[str]) -> tuple[list[str], int]:
    """A dashed rule up from each review's name, and the most lines any name took."""
    body, review_lines = [], 1
    for review_index, review in enumerate(reviews):
        x = grid.x_of(review_index)
        body.append(
            f'<line x1="{x:.1f}" y1="{_TOP:.1f}" x2="{x:.1f}" y2="{grid.bottom:.1f}" stroke="{RULE}" '
            f'stroke-width="1" stroke-dasharray="2 3"/>'
        )
        wrapped = _wrap(review, _AXIS_SIZE, grid.column - 8)
        review_lines = max(review_lines, len(wrapped))
        for line_number, line in enumerate(wrapped):
            body.append(_text(x, grid.bottom + 14 + line_number * 16, line, size=_AXIS_SIZE, anchor="middle"))
    return body, review_lines


def _unassessed_row(grid: _Grid, reviews: list[str], indexed, review_lines: int) -> tuple[list[str], float]:
    """Not yet assessed is the absence of a judgement: no point, and no line through that review. Below the
    review names, outside the scale, a row says in words which recommendations each review has not assessed.

    Returns the row and the chart's height, which ends below it."""
    left = grid.left
    unassessed_y = grid.bottom + 14 + review_lines * 16 + 12
    body = [
        f'<line x1="{left:.1f}" y1="{unassessed_y - 14:.1f}" x2="{left + grid.plot_width:.1f}" '
        f'y2="{unassessed_y - 14:.1f}" stroke="{RULE}" stroke-width="1"/>',
        _text(left - 8, unassessed_y, LEVELS[NOT_ASSESSED][0], size=_CODE_SIZE, anchor="end", weight="bold"),
    ]
    unassessed_lines = 1
    for review_index in range(len(reviews)):
        codes = [code for code, levels in indexed if levels[review_index] == NOT_ASSESSED]
        wrapped = _wrap(", ".join(codes), _CODE_SIZE, grid.column - 8, lines=3) if codes else ["None"]
        unassessed_lines = max(unassessed_lines, len(wrapped))
        body.extend(
            _text(
                grid.x_of(review_index),
                unassessed_y + line_number * 16,
                line,
                size=_CODE_SIZE,
                anchor="middle",
                fill=SECONDARY_TEXT,
            )
            for line_number, line in enumerate(wrapped)
        )
    return body, unassessed_y + unassessed_lines * 16 + 4


def _recommendation_lines(grid: _Grid, indexed) -> tuple[list[str], dict]:
    """Each recommendation's line and markers, and {level in the latest review: [(code, colour, shape)]},
    top lane first, of the lines to name at their end."""
    body = []
    ends = defaultdict(list)
    for line_index, (code, levels) in enumerate(indexed):
        colour = LINE_COLOURS[line_index % len(LINE_COLOURS)]
        shape = MARKERS[line_index % len(MARKERS)]
        points = [
            (i, grid.x_of(i), grid.y_of(level, line_index)) for i, level in enumerate(levels) if level != NOT_ASSESSED
        ]
        body.extend(_polyline(run, colour) for run in _consecutive_runs(points) if len(run) > 1)
        body.extend(_marker(shape, x, y, colour) for _, x, y in points)
        if levels[-1] != NOT_ASSESSED:
            ends[levels[-1]].append((code, colour, shape))
        elif points:
            # Judged before but not in the latest review: named beside its last point.
            _, x, y = points[-1]
            body.append(_text(x + 9, y - 9, code, size=_CODE_SIZE - 2, weight="bold", fill=colour))
    return body, ends


def _consecutive_runs(points: list[tuple]) -> list[list[tuple]]:
    """A line joins judgements of consecutive reviews only: a review not assessed leaves a gap.

    points: [(review index, x, y)] in review order; returns them split where an index is skipped."""
    runs, run = [], []
    for point in points:
        if run and point[0] != run[-1][0] + 1:
            runs.append(run)
            run = []
        run.append(point)
    if run:
        runs.append(run)
    return runs


def _polyline(run: list[tuple], colour: str) -> str:
    path = " ".join(f"{x:.1f},{y:.1f}" for _, x, y in run)
    return f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"/>'


def _end_labels(grid: _Grid, ends: dict, review_count: int) -> list[str]:
    """Each line is named at its end, inside the band of its last level, by its marker and code; lines
    that end on the same level share rows of names there rather than spilling into other bands."""
    label_x = grid.x_of(review_count - 1) + 14
    room = WIDTH - 4 - label_x
    body = []
    for level, names in ends.items():
        rows = _label_rows(names, room)
        pitch = min(_CODE_SIZE + 3, (_BAND - 6) / len(rows))
        first_y = _TOP + _BAND * (level + 0.5) - pitch * (len(rows) - 1) / 2
        for row_index, row in enumerate(rows):
            y = first_y + row_index * pitch
            for text, colour, shape, offset in row:
                body.append(_marker(shape, label_x + offset + 5, y, colour))
                body.append(_text(label_x + offset + 14, y, text, size=_CODE_SIZE, weight="bold", fill=colour))
    return body


def _label_rows(names: list[tuple], room: float) -> list[list[tuple]]:
    """[(code, colour, shape)] laid out in rows that fit `room`: [[(text, colour, shape, offset)]]."""
    rows, row, used = [], [], 0.0
    for code, colour, shape in names:
        text = _fit(code, _CODE_SIZE, room - 16)
        width = 14 + _text_width(text, _CODE_SIZE) + 8
        if row and used + width > room:
            rows.append(row)
            row, used = [], 0.0
        row.append((text, colour, shape, used))
        used += width
    rows.append(row)
    return rows


def _assurance_description(reviews, indexed) -> str:
    latest = len(reviews) - 1
    counts = [0] * len(LEVELS)
    for _code, levels in indexed:
        counts[levels[latest]] += 1
    spread = ", ".join(f"{n} {LEVELS[i][0].lower()}" for i, n in enumerate(counts[:NOT_ASSESSED]) if n) or "none judged"
    if len(reviews) == 1:
        text = f"Assurance for {_count_phrase(len(indexed), 'recommendation')} in {reviews[0]}: {spread}."
    else:
        text = (
            f"Assurance for {_count_phrase(len(indexed), 'recommendation')} across {len(reviews)} reviews, "
            f"{reviews[0]} to {reviews[-1]}. In {reviews[-1]}: {spread}."
        )
        # Lower index is higher assurance; a move out of "not yet assessed" is not a change of level.
        before = latest - 1
        moved = [(code, levels[before], levels[latest]) for code, levels in indexed]
        assessed = [(code, old, new) for code, old, new in moved if NOT_ASSESSED not in (old, new)]
        better = [code for code, old, new in assessed if new < old]
        worse = [code for code, old, new in assessed if new > old]
        if better:
            text += f" Higher than in {reviews[before]}: {', '.join(better)}."
        if worse:
            text += f" Lower than in {reviews[before]}: {', '.join(worse)}."
    unassessed = [code for code, levels in indexed if levels[latest] == NOT_ASSESSED]
    if unassessed:
        text += (
            f" Not yet assessed in {reviews[latest]}: {', '.join(unassessed)}. Not yet assessed is no level of "
            "assurance: the chart draws no point for it and names it below the reviews."
        )
    return text


# Indicator trends --------------------------------------------------------------------------

# The partnership's line, its region's and England's: each has a colour, a dash pattern and a marker of
# its own, so that none depends on colour alone; the target is a dash-dot rule across the plot.
SERIES_STYLE = {
    "local": {"colour": "#1d70b8", "dash": "", "marker": "circle", "width": 3},
    "region": {"colour": "#ca357c", "dash": "9 5", "marker": "square", "width": 2},
    "england": {"colour": "#0b0c0c", "dash": "3 4", "marker": "triangle", "width": 2},
}
TARGET_COLOUR, TARGET_DASH = "#0f7a52", "12 4 3 4"
# Narrower than the other charts, so that its text reads at the size of theirs beside its table in the report.
TREND_WIDTH = 480
_TREND_SIZE, _TREND_PLOT_HEIGHT = 13, 170
GAPS_NOTE = "A gap in a line is a period without a figure; a suppressed figure's code is shown above the axis."


@dataclass(frozen=True)
class Series:
    """One line of a trend chart: `key` is local, region or england (its style); `values` one per period,
    each a number, a suppression code (a str, drawn as a gap and named) or None (no figure, a gap)."""

    key: str
    name: str
    values: list


def _is_number(value) -> bool:
    return value is not None and not isinstance(value, str)


def _scale(highest: Decimal) -> tuple[Decimal, Decimal]:
    """A step of 1, 2, 2.5 or 5 times a power of ten, and the top of the axis: at most four steps from 0."""
    highest = highest if highest > 0 else Decimal(1)
    magnitude = Decimal(1).scaleb((highest / 4).adjusted())
    step = next(magnitude * f for f in (1, 2, Decimal("2.5"), 5, 10) if magnitude * f * 4 >= highest)
    return step, (highest / step).to_integral_value(rounding=ROUND_CEILING) * step


def _legend_sample(key: str, x: float, y: float) -> list[str]:
    style = SERIES_STYLE[key]
    dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
    return [
        f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 30:.1f}" y2="{y:.1f}" stroke="{style["colour"]}" '
        f'stroke-width="{style["width"]}"{dash}/>',
        _marker(style["marker"], x + 15, y, style["colour"]),
    ]


def _trend_legend(series: list[Series], target_label: str) -> tuple[list[str], float]:
    """A sample of each line (and of the target rule) with its name, wrapping as needed; and its bottom."""
    items = [(s.key, s.name) for s in series] + ([("target", target_label)] if target_label else [])
    body, x, y = [], 0.0, 12.0
    for key, name in items:
        name = _fit(name, _TREND_SIZE, TREND_WIDTH - 40)
        width = 30 + 8 + _text_width(name, _TREND_SIZE) + 20
        if x and x + width > TREND_WIDTH:
            x, y = 0.0, y + 22
        if key == "target":
            body.append(
                f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 30:.1f}" y2="{y:.1f}" stroke="{TARGET_COLOUR}" '
                f'stroke-width="2" stroke-dasharray="{TARGET_DASH}"/>'
            )
        else:
            body.extend(_legend_sample(key, x, y))
        body.append(_text(x + 38, y, name, size=_TREND_SIZE))
        x += width
    return body, y + 12


def _trend_line(series: Series, xs: list[float], y_of) -> list[str]:
    style = SERIES_STYLE[series.key]
    points = [(i, xs[i], y_of(value)) for i, value in enumerate(series.values) if _is_number(value)]
    dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
    body = [
        f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for _, x, y in run)}" fill="none" '
        f'stroke="{style["colour"]}" stroke-width="{style["width"]}" stroke-linejoin="round"{dash}/>'
        for run in _consecutive_runs(points)
        if len(run) > 1
    ]
    body.extend(_marker(style["marker"], x, y, style["colour"]) for _, x, y in points)
    return body


def trend_over_periods(
    periods: list[str],
    series: list[Series],
    *,
    shown,
    chart_id: str,
    title: str,
    description: str,
    target=None,
    target_label: str = "",
) -> Chart:
    """A line per series over the periods (oldest first), from 0 up, with the target as a rule.

    shown: how a number reads (12.5%, 31 days), for the axis and the table. The first series is the
    partnership's: its suppressed figures are named by their code above the axis. The table has a row per
    period and a column per series, codes as codes and no figure as None."""
    _check_id(chart_id)
    table = [["Period", *[s.name for s in series]]]
    table += [[period, *[_cell(s.values[i], shown) for s in series]] for i, period in enumerate(periods)]
    numbers = [value for s in series for value in s.values if _is_number(value)]
    if not periods or not numbers:
        return _empty(chart_id, title, "No figures yet", table, numeric=True)
    step, top = _scale(max([*numbers, *([target] if target is not None else [])]))

    body, legend_bottom = _trend_legend(series, target_label if target is not None else "")
    plot_top = legend_bottom + 16
    bottom = plot_top + _TREND_PLOT_HEIGHT
    ticks = [step * i for i in range(int(top / step) + 1)]
    left = max(_text_width(shown(tick), _TREND_SIZE) for tick in ticks) + 14
    right = TREND_WIDTH - 4
    column = (right - 8 - left) / len(periods)
    xs = [left + column * (i + 0.5) for i in range(len(periods))]

    def y_of(value) -> float:
        return bottom - float(value / top) * _TREND_PLOT_HEIGHT

    for tick in ticks:
        y = y_of(tick)
        rule = TEXT if tick == 0 else RULE
        body.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" stroke="{rule}" stroke-width="1"/>'
        )
        body.append(_text(left - 8, y, shown(tick), size=_TREND_SIZE, anchor="end", fill=SECONDARY_TEXT))
    body.extend(_period_labels(periods, xs, column, bottom))
    if target is not None:
        y = y_of(target)
        body.append(
            f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" stroke="{TARGET_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="{TARGET_DASH}"/>'
        )
    for line in reversed(series):  # the partnership's line last, on top
        body.extend(_trend_line(line, xs, y_of))
    for i, value in enumerate(series[0].values):
        if isinstance(value, str):
            body.append(_text(xs[i], bottom - 10, value, size=12, anchor="middle", weight="bold", fill=SECONDARY_TEXT))
    height = bottom + 30
    if any(not _is_number(v) for s in series if any(map(_is_number, s.values)) for v in s.values):
        for line in _wrap(GAPS_NOTE, 12, TREND_WIDTH):
            body.append(_text(0, height, line, size=12, fill=SECONDARY_TEXT))
            height += 15
    return Chart(
        svg=_svg(chart_id, height, title, description, body, width=TREND_WIDTH),
        title=title,
        description=description,
        table=table,
        numeric=True,
    )


def _cell(value, shown):
    return shown(value) if _is_number(value) else value


def _period_labels(periods: list[str], xs: list[float], column: float, bottom: float) -> list[str]:
    """Each period's name under the axis, or every second (third…) one counting back from the latest,
    when they would not fit side by side."""
    widest = max(_text_width(period, 12) for period in periods) + 10
    every = max(1, math.ceil(widest / column))
    last = len(periods) - 1
    return [
        _text(xs[i], bottom + 14, period, size=12, anchor="middle")
        for i, period in enumerate(periods)
        if (last - i) % every == 0
    ]


def indicator_trend(trend, *, area_name: str, chart_id: str) -> Chart:
    """The chart of an indicators.trends.IndicatorTrend: the partnership's area (`area_name`) and, where
    imported, its region and England, with the target; its text alternative says the trend in words."""
    indicator = trend.indicator

    def reading(value):
        if value is None:
            return None
        return value.suppressed if value.is_suppressed else value.value

    series = [Series("local", area_name, [reading(p.local) for p in trend.points])]
    if any(p.region for p in trend.points):
        series.append(Series("region", trend.region_name or "Region", [reading(p.region) for p in trend.points]))
    if any(p.england for p in trend.points):
        series.append(Series("england", "England", [reading(p.england) for p in trend.points]))
    target = trend.target.value if trend.target else None
    target_label = ""
    if trend.target:
        by = f" by {trend.target.by_period}" if trend.target.by_period else ""
        target_label = f"Target: {indicator.shown(target)}{by}"
    return trend_over_periods(
        [p.period.label for p in trend.points],
        series,
        shown=indicator.shown,
        chart_id=chart_id,
        title=indicator.name,
        description=_trend_description(trend, area_name, series),
        target=target,
        target_label=target_label,
    )


def _trend_description(trend, area_name: str, series: list[Series]) -> str:
    periods = [p.period.label for p in trend.points]
    if trend.latest is None:
        return f"No figures for {area_name} yet." + (
            f" {' and '.join(s.name for s in series[1:])} figures from {periods[0]} to {periods[-1]}."
            if len(series) > 1
            else ""
        )
    span = f"in {periods[0]}" if len(periods) == 1 else f"for {len(periods)} periods, {periods[0]} to {periods[-1]}"
    parts = [f"{area_name}'s figures {span}. Latest: {trend.latest.shown} in {trend.latest.period}."]
    parts += [c.words for c in (trend.since_previous, trend.against_england, trend.against_target) if c]
    suppressed = [f"{p.period.label} ({p.local.suppressed})" for p in trend.points if p.local and p.local.is_suppressed]
    if suppressed:
        parts.append(f"Suppressed, shown as gaps: {', '.join(suppressed)}.")
    missing = [p.period.label for p in trend.points if p.local is None]
    if missing:
        parts.append(f"No figure for {area_name}: {', '.join(missing)}.")
    if len(series) > 1:
        parts.append(f"Drawn beside it: {' and '.join(s.name for s in series[1:])}.")
    return " ".join(parts)


# Audit grades by domain ----------------------------------------------------------------------

# A style per grade of a tool's scale, best first (a longer scale repeats the last), and one for the cases not
# moderated yet: each its own pattern as well as its colour, and every segment outlined and counted in writing.
GRADE_STYLES = [
    {"fill": "#0f7a52", "ink": "#ffffff", "pattern": "solid"},
    {"fill": "#85994b", "ink": "#ffffff", "pattern": "diagonal"},
    {"fill": "#f47738", "ink": "#0b0c0c", "pattern": "dots"},
    {"fill": "#ca3535", "ink": "#ffffff", "pattern": "crosshatch"},
]
NOT_MODERATED_STYLE = {"fill": "#ffffff", "ink": "#858686", "pattern": "vertical"}
NOT_MODERATED = "Not moderated yet"
_GRADE_SIZE = 13


def _grade_style(index: int) -> dict:
    return GRADE_STYLES[min(index, len(GRADE_STYLES) - 1)]


def _patterned_legend(prefix: str, keys: list[str], styles: list[dict]) -> tuple[list[str], list[str], float]:
    """The patterns (`prefix`-N) and a legend wrapping across the chart, a swatch and its words for each key:
    (the SVG so far, each key's fill, where the bars may start)."""
    fills = [
        style["fill"] if style["pattern"] == "solid" else f"url(#{prefix}-{index})"
        for index, style in enumerate(styles)
    ]
    body = [
        "<defs>",
        *[_pattern(f"{prefix}-{index}", style) for index, style in enumerate(styles) if style["pattern"] != "solid"],
        "</defs>",
    ]
    x, y = 0.0, 14.0
    for key, fill in zip(keys, fills, strict=True):
        item_width = 18 + 6 + _text_width(key, _GRADE_SIZE) + 18
        if x and x + item_width > WIDTH:
            x, y = 0.0, y + 26
        body.append(
            f'<rect x="{x + 0.5:.1f}" y="{y - 8.5:.1f}" width="17" height="17" fill="{fill}" '
            f'stroke="{TEXT}" stroke-width="1"/>'
        )
        body.append(_text(x + 24, y, key, size=_GRADE_SIZE))
        x += item_width
    return body, fills, y + 30


def _stacked_bar(counts: list[int], fills: list[str], *, y: float, height: int, scale: float) -> list[str]:
    """One bar of segments, a count each (`scale` wide per one), its count written on a segment wide enough."""
    shapes, x = [], 0.5
    for n, fill in zip(counts, fills, strict=True):
        if not n:
            continue
        width = n * scale
        shapes.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height}" fill="{fill}" '
            f'stroke="{TEXT}" stroke-width="1"/>'
        )
        pill = _text_width(str(n), 12) + 8
        if width >= pill + 4:
            centre, middle = x + width / 2, y + height / 2
            shapes.append(
                f'<rect x="{centre - pill / 2:.1f}" y="{middle - 9:.1f}" width="{pill:.1f}" height="18" '
                f'rx="3" fill="#ffffff"/>'
            )
            shapes.append(_text(centre, middle, n, size=12, anchor="middle", weight="bold"))
        x += width
    return shapes


def audit_grades(grades, rows, *, standard: str, chart_id: str, title: str) -> Chart:
    """A horizontal stacked bar per domain: how many moderated cases the meeting agreed at each grade, and how
    many are not moderated yet.

    grades: [(label, meets the standard)], best first. rows: [(domain name, [count per grade], not moderated)],
    in the tool's order. standard: what meeting the standard is called ("good or better"). The table has a row
    per domain: the count at each grade, not moderated, and the share meeting the standard ("3 of 5")."""
    _check_id(chart_id)
    labels = [str(label) for label, _ in grades]
    meets = [bool(flag) for _, flag in grades]
    header = ["Domain", *labels, NOT_MODERATED, f"Cases {standard}"]
    counted = [(str(name), [int(n) for n in counts], int(waiting)) for name, counts, waiting in rows]
    shares = [(sum(n for n, ok in zip(counts, meets, strict=True) if ok), sum(counts)) for _, counts, _ in counted]
    table = [header]
    for (name, counts, waiting), (meeting, moderated) in zip(counted, shares, strict=True):
        table.append([name, *counts, waiting, f"{meeting} of {moderated}" if moderated else "None moderated"])
    if not any(sum(counts) for _, counts, _ in counted):
        return _empty(chart_id, title, "No case moderated yet", table, numeric=True)
    description = _grades_description(labels, counted, shares, standard)

    styles = [*[_grade_style(i) for i in range(len(labels))], NOT_MODERATED_STYLE]
    body, fills, top = _patterned_legend(f"{chart_id}-grade", [*labels, NOT_MODERATED], styles)

    # Each domain's name above its bar, the share meeting the standard at the right; the bar spans the sample.
    most = max(sum(counts) + waiting for _, counts, waiting in counted)
    scale = (WIDTH - 2) / most
    bar_height, pitch = 24, 58
    for index, ((name, counts, waiting), (meeting, moderated)) in enumerate(zip(counted, shares, strict=True)):
        label_y = top + index * pitch
        share = f"{meeting} of {moderated} {standard}" if moderated else "None moderated"
        share_width = _text_width(share, _GRADE_SIZE) + 12
        body.append(_text(0, label_y, _fit(name, _GRADE_SIZE, WIDTH - share_width), size=_GRADE_SIZE, weight="bold"))
        body.append(_text(WIDTH, label_y, share, size=_GRADE_SIZE, anchor="end", fill=SECONDARY_TEXT))
        body += _stacked_bar([*counts, waiting], fills, y=label_y + 12, height=bar_height, scale=scale)
    height = top + pitch * len(counted) - 12
    return Chart(
        svg=_svg(chart_id, height, title, description, body),
        title=title,
        description=description,
        table=table,
        numeric=True,
    )


def _grades_description(labels, counted, shares, standard: str) -> str:
    moderated = max(m for _, m in shares)
    waiting = max(w for _, _, w in counted)
    text = f"Agreed grades of {_count_phrase(moderated, 'moderated case')} in {_count_phrase(len(counted), 'domain')}"
    text += f"; {waiting} not moderated yet." if waiting else "."
    text += f" Cases {standard}, by domain: " + "; ".join(
        f"{name}, {meeting} of {of}" if of else f"{name}, none moderated"
        for (name, _, _), (meeting, of) in zip(counted, shares, strict=True)
    )
    text += "."
    worst = labels[-1].lower() if labels else ""
    graded_worst = [(name, counts[-1]) for name, counts, _ in counted if counts and counts[-1]]
    if graded_worst:
        text += f" Graded {worst}: " + ", ".join(f"{name} ({n})" for name, n in graded_worst) + "."
    return text


# Survey confidence ---------------------------------------------------------------------------

# The five points of a survey's confidence scale, least confident first: each its own pattern as well as its
# colour, every segment outlined and its count written when it fits.
CONFIDENCE_STYLES = [
    {"fill": "#ca3535", "ink": "#ffffff", "pattern": "crosshatch"},
    {"fill": "#f47738", "ink": "#0b0c0c", "pattern": "dots"},
    {"fill": "#b1b4b6", "ink": "#0b0c0c", "pattern": "vertical"},
    {"fill": "#85994b", "ink": "#ffffff", "pattern": "diagonal"},
    {"fill": "#0f7a52", "ink": "#ffffff", "pattern": "solid"},
]


def survey_confidence(scale, rows, *, confident_from: int, chart_id: str, title: str) -> Chart:
    """A horizontal bar per group of people, as wide as the group, split by how many answered at each point of the
    confidence scale, with the share confident and the share trained written beside it.

    scale: [words of each point], least confident first (five). rows: [(group label, [count per point], confident
    in words, trained in words)], only groups that may be shown (surveys.results decides and words the shares,
    "n of m (p%)"). The table: a row per group, the count at each point, then confident and trained."""
    _check_id(chart_id)
    labels = [str(words) for words in scale]
    counted = [(str(name), [int(n) for n in counts], str(c), str(t)) for name, counts, c, t in rows]
    header = ["Group", *labels, "Confident", "Trained in the last two years"]
    table = [header]
    for name, counts, c, t in counted:
        table.append([name, *counts, c, t])
    if not any(sum(counts) for _, counts, _, _ in counted):
        return _empty(chart_id, title, "No answers to show", table, numeric=True)
    confident_words = " or ".join(labels[confident_from - 1 :]).lower()
    description = (
        f"How confident people are, by group, of {len(counted)} {'group' if len(counted) == 1 else 'groups'}. "
    )
    description += " ".join(
        f"{name}: {sum(counts)} answered; confident ({confident_words}): {c}; trained in the last two years: {t}; "
        + ", ".join(f"{label.lower()} {n}" for label, n in zip(labels, counts, strict=True))
        + "."
        for name, counts, c, t in counted
    )
    styles = [CONFIDENCE_STYLES[min(i, len(CONFIDENCE_STYLES) - 1)] for i in range(len(labels))]
    body, fills, top = _patterned_legend(f"{chart_id}-point", labels, styles)
    bar_height, pitch = 24, 76
    for index, (name, counts, confident_text, trained_text) in enumerate(counted):
        label_y = top + index * pitch
        body.append(
            _text(
                0,
                label_y,
                _fit(f"{name} ({sum(counts)} answered)", _GRADE_SIZE, WIDTH),
                size=_GRADE_SIZE,
                weight="bold",
            )
        )
        bar_y = label_y + 12
        body += _stacked_bar(counts, fills, y=bar_y, height=bar_height, scale=(WIDTH - 2) / (sum(counts) or 1))
        body.append(
            _text(0, bar_y + bar_height + 14, f"Confident: {confident_text}. Trained: {trained_text}.",
                  size=_GRADE_SIZE, fill=SECONDARY_TEXT)
        )  # fmt: skip
    height = top + pitch * len(counted) - 20
    return Chart(
        svg=_svg(chart_id, height, title, description, body), title=title, description=description, table=table
    )
