"""A chart of one issue across the rounds, drawn with matplotlib and saved as PNG or SVG.

Time runs left to right, each round at its date; a position holds until the next round, so each
party's preferred value is a step line, with a filled marker where a round states it and a hollow
one where it only carries. The y axis is the issue's own scale, on the data's range by the rule
the HTML charts follow (`negotrack.report._axes`): option labels on an ordinal or categorical
issue (past 24 options, at most 24 named), the number on a numeric one. What each party can
accept is a translucent band in its colour, the zone of possible agreement a hatched grey band,
and context events are dotted vertical lines.

matplotlib is an optional extra (``pip install 'negotrack[plot]'``), imported only when a chart is
drawn. The chart is drawn on a `matplotlib.figure.Figure` with the Agg canvas, never through
pyplot, so no figure or backend choice leaks into the caller's matplotlib state; the file is
rendered to bytes first and then written atomically.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Final

from negotrack.diff._timeline import timeline as build_timeline
from negotrack.files._writing import SaveError, atomic_write, write_files
from negotrack.model._errors import MissingExtraError
from negotrack.model._issues import NumericScale
from negotrack.model._positions import Interval
from negotrack.report._axes import marked_ticks, numeric_axis, option_axis
from negotrack.report._labels import number, party_name
from negotrack.report._palette import EVENT, MARKERS, ZONE, colour, party_styles, top_down

if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Sequence

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

    from negotrack.diff._timeline import IssueTimeline, Timeline, TimelinePoint
    from negotrack.model._issues import Issue
    from negotrack.model._negotiation import Negotiation
    from negotrack.model._positions import Acceptable
    from negotrack.report._axes import OptionAxis

__all__ = ["plot_all", "plot_issue"]

#: The file formats by suffix.
FORMATS: Final = {".png": "png", ".svg": "svg"}

#: What an issue id must look like to name a file.
_FILE_NAME: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

#: Half the height of an option's band on an ordinal or categorical scale.
_HALF: Final = 0.2

#: Spans of y values: one per run of adjacent options, or one interval.
_Spans = tuple[tuple[float, float], ...]


def plot_issue(
    negotiation: Negotiation,
    issue_id: str,
    path: str | os.PathLike[str],
    *,
    timeline: Timeline | None = None,
) -> None:
    """Draw one issue across all rounds and save it to ``path`` (``.png`` or ``.svg``).

    Args:
        negotiation: The dossier.
        issue_id: Id of the issue to draw.
        path: The file to write; its suffix picks the format. It is written as ``-o`` writes:
            a file atomically, a FIFO or device into, a symbolic link through.
        timeline: A timeline already built for the dossier, to reuse; built when not given.

    Raises:
        UnknownIdError: If the issue is not in the dossier.
        ValueError: If ``path`` does not end in ``.png`` or ``.svg``.
        MissingExtraError: If matplotlib is not installed.
        SaveError: If the file cannot be written.
    """
    issue = negotiation.issue(issue_id)
    target = Path(path)
    file_format = FORMATS.get(target.suffix.lower())
    if file_format is None:
        raise ValueError(f"cannot plot to {str(target)!r}: the file name must end in .png or .svg")
    if timeline is None or issue_id not in timeline.issues:
        timeline = build_timeline(negotiation, issues=[issue_id])
    atomic_write(target, _render(negotiation, issue, timeline, file_format))


def plot_all(
    negotiation: Negotiation,
    folder: str | os.PathLike[str],
    *,
    file_format: str = "png",
    timeline: Timeline | None = None,
) -> list[Path]:
    """Draw every issue, one file per issue named by its id, into ``folder`` (made if missing).

    Every chart is drawn before any file is written. A name that is already taken by anything
    but a regular file (a symlink, a FIFO, a folder) is refused, and nothing is written.

    Args:
        negotiation: The dossier.
        folder: The folder to write to.
        file_format: ``png`` or ``svg``.
        timeline: A timeline already built for the dossier, to reuse; built when not given.

    Returns:
        The files written, in the dossier's issue order.

    Raises:
        ValueError: If the format is not ``png`` or ``svg``, or an issue id is no file name.
        MissingExtraError: If matplotlib is not installed.
        SaveError: If the folder or a file cannot be written, or a name is taken.
    """
    if file_format not in FORMATS.values():
        raise ValueError(f"cannot plot as {file_format!r}: the format must be png or svg")
    where = Path(folder)
    if where.is_symlink() or (where.exists() and not where.is_dir()):
        raise SaveError(f"cannot write charts into {str(where)!r}: not a folder")
    targets = {}
    for issue in negotiation.issues:
        if not _FILE_NAME.fullmatch(issue.id):
            raise ValueError(f"cannot name a chart after the issue id {issue.id!r}")
        target = where / f"{issue.id}.{file_format}"
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise SaveError(f"will not write over {str(target)!r}: not a regular file")
        targets[issue.id] = target
    timeline = timeline or build_timeline(negotiation)
    write_files(
        {
            targets[i]: _render(negotiation, negotiation.issue(i), timeline, file_format)
            for i in targets
        }
    )
    return list(targets.values())


def _render(negotiation: Negotiation, issue: Issue, timeline: Timeline, file_format: str) -> bytes:
    """One issue's chart as the bytes of a PNG or SVG file."""
    try:
        import matplotlib as mpl  # noqa: PLC0415 - an optional extra, imported when used
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ImportError:
        raise MissingExtraError("plotting", "plot", "matplotlib") from None
    if issue.id not in timeline.issues:
        timeline = build_timeline(negotiation, issues=[issue.id])
    buffer = io.BytesIO()
    # analyst text is never read as mathematics ("$x^2$" stays as written); fixed ids and no
    # date: the same chart gives the same SVG bytes
    with mpl.rc_context(
        {"text.parse_math": False, "text.usetex": False, "svg.hashsalt": "negotrack"}
    ):
        figure = Figure(figsize=(11, 5), layout="constrained")
        FigureCanvasAgg(figure)
        _draw(figure.add_subplot(), negotiation, issue, timeline.rounds, timeline.issues[issue.id])
        figure.savefig(
            buffer,
            format=file_format,
            dpi=150,
            metadata={"Date": None} if file_format == "svg" else {"Software": "negotrack"},
        )
    return buffer.getvalue()


def _draw(
    ax: Axes, negotiation: Negotiation, issue: Issue, rounds: Sequence[str], track: IssueTimeline
) -> None:
    """Draw the bands, the zone, the step lines and the events of one issue on ``ax``."""
    from matplotlib.lines import Line2D  # noqa: PLC0415 - part of the optional extra
    from matplotlib.patches import Patch  # noqa: PLC0415

    days = [negotiation.round(round_id).when for round_id in rounds]
    xs = [_x(day) for day in days]
    if xs:  # each round holds until the next; the last for a short while
        xs.append(xs[-1] + max((xs[-1] - xs[0]) / 12, 1.0))
    styles = party_styles(negotiation)
    present = {p.party for p in track.points}
    parties = [p for p in styles if p in present] + sorted(present - set(styles))
    by_round = {(p.round, p.party): p for p in track.points}
    options = not isinstance(issue.scale, NumericScale)
    latest = track.points[::-1]  # named first; every option held, accepted or in a zone shown
    sets = [*(p.position.acceptable for p in latest), *(m.zone for m in track.measures)]
    axis = option_axis(issue, [p.position.preferred for p in latest], sets) if options else None
    drawn: list[float] = []
    for index, party in enumerate(parties):
        style = styles.get(party, index)
        ink, shape = colour(style), MARKERS[style % len(MARKERS)]
        offset = (index - (len(parties) - 1) / 2) * 0.06 if options else 0.0
        held = [by_round.get((round_id, party)) for round_id in rounds]
        spans = [_spans(issue, None if p is None else p.position.acceptable, axis) for p in held]
        _bands(ax, xs, spans, ink, alpha=0.15)
        ys = [_y(issue, p, axis) + offset for p in held]
        drawn += [y for y in ys if y == y]  # noqa: PLR0124 - NaN is not equal to itself
        drawn += [e for p in held if p is not None for e in _inside(issue, p)]
        ax.plot(xs, [*ys, ys[-1]] if ys else [], drawstyle="steps-post", color=ink)
        for carried, face in ((False, ink), (True, "white")):
            chosen = [i for i, p in enumerate(held) if p is not None and p.carried is carried]
            where = [xs[i] for i in chosen], [ys[i] for i in chosen]
            ax.scatter(*where, facecolors=face, edgecolors=ink, marker=shape, zorder=3, s=30)
    zones = [_spans(issue, m.zone, axis) if m.zone_exists else () for m in track.measures]
    _bands(ax, xs, zones, ZONE, alpha=0.18, hatch="///")
    numbered = _events(ax, negotiation)
    _axes(ax, issue, days, xs, drawn, axis=axis)
    if not parties:
        ax.text(0.5, 0.5, "no positions recorded", transform=ax.transAxes, ha="center", color="0.3")
    handles: list[Artist] = [
        Line2D(
            [],
            [],
            color=colour(styles.get(p, i)),
            marker=MARKERS[styles.get(p, i) % len(MARKERS)],
            label=party_name(negotiation, p),
        )
        for i, p in enumerate(parties)
    ]
    handles.append(Patch(facecolor=ZONE, alpha=0.18, hatch="///", label="zone of agreement"))
    handles += [Patch(color="none", label=line) for line in numbered]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
        fontsize=8,
        title="bands: acceptable\nhollow: carried",
        title_fontsize=7,
    )


def _inside(issue: Issue, held: TimelinePoint) -> list[float]:
    """The ends of an acceptable interval that lie inside the scale (data for the axis)."""
    scale, accepted = issue.scale, held.position.acceptable
    if not isinstance(scale, NumericScale) or not isinstance(accepted, Interval):
        return []
    ends = (accepted.min, accepted.max)
    return [float(e) for e in ends if e is not None and scale.min < e < scale.max]


def _bands(
    ax: Axes,
    xs: Sequence[float],
    spans: Sequence[_Spans],
    colour: str,
    *,
    alpha: float,
    hatch: str | None = None,
) -> None:
    """Fill each round's spans until the next round, merging rounds whose spans are the same."""
    start = 0
    for spans_of_run, run in groupby(spans):
        length = len(list(run))
        for low, high in spans_of_run:
            ax.fill_between(
                [xs[start], xs[start + length]],
                low,
                high,
                color=colour,
                alpha=alpha,
                hatch=hatch,
                linewidth=0,
            )
        start += length


def _spans(issue: Issue, accepted: Acceptable | None, axis: OptionAxis | None) -> _Spans:
    """A set of values as spans of y: runs of adjacent options drawn, or the interval."""
    scale = issue.scale
    if accepted is None:
        return ()
    if isinstance(accepted, Interval):
        if not isinstance(scale, NumericScale):
            return ()
        low = scale.min if accepted.min is None else accepted.min
        high = scale.max if accepted.max is None else accepted.max
        return ((float(low), float(high)),)
    if axis is None:
        return ()
    index = issue.option_index
    places = {index[o]: axis.place(index[o]) for o in accepted if o in index}
    drawn = sorted((k, y) for k, y in places.items() if y is not None)
    runs = [  # options next to each other on the scale, not merely on a cut axis
        [y for _, (_, y) in run]
        for _, run in groupby(enumerate(drawn), lambda pair: pair[1][0] - pair[0])
    ]
    return tuple((run[0] - _HALF, run[-1] + _HALF) for run in runs)


def _x(day: dt.date) -> float:
    """A day as matplotlib's date number (days since its epoch), for arithmetic on the x axis."""
    from matplotlib.dates import date2num  # noqa: PLC0415 - part of the optional extra

    return float(date2num(day))  # type: ignore[no-untyped-call]  # matplotlib leaves it untyped


def _y(issue: Issue, held: TimelinePoint | None, axis: OptionAxis | None) -> float:
    """Where a preferred value sits on the y axis: its place on the line, or its option's row.

    NaN (a gap in the line) when there is no position or no preferred value.
    """
    if held is None:
        return float("nan")
    if held.point is not None:
        return held.point
    value = held.position.preferred
    index = issue.option_index.get(value) if isinstance(value, str) else None
    place = None if index is None or axis is None else axis.place(index)
    return float("nan") if place is None else place


def _events(ax: Axes, negotiation: Negotiation) -> list[str]:
    """A dotted line per day with context events, numbered above the plot, never over the data.

    Returns the lines of the key (number, date, title), for the legend beside the plot; the
    numbers and their order are those of the HTML report's list of events.
    """
    everything = [*negotiation.events, *(e for r in negotiation.rounds for e in r.events)]
    numbers: dict[dt.date, list[int]] = defaultdict(list)
    key = []
    for index, event in enumerate(sorted(everything, key=lambda e: (e.date, e.id)), start=1):
        numbers[event.date].append(index)
        title = event.title if len(event.title) <= 40 else event.title[:39] + "…"
        key.append(f"{index}. {event.date:%d %b %Y}: {title}")
    for day, indices in sorted(numbers.items()):
        x = _x(day)
        ax.axvline(x, color=EVENT, linestyle=":", linewidth=1, zorder=0.4)
        label = ",".join(map(str, indices)) if len(indices) < 4 else f"{indices[0]}-{indices[-1]}"
        ax.annotate(
            label,
            (x, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=6.5,
            color="0.3",
            annotation_clip=False,
        )
    return key


def _axes(
    ax: Axes,
    issue: Issue,
    days: Sequence[dt.date],
    xs: Sequence[float],
    drawn: Sequence[float],
    *,
    axis: OptionAxis | None,
) -> None:
    """Title, round dates on the x axis, the issue's scale on the y axis (the data's range)."""
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 - part of the optional extra

    ax.set_title(issue.title, loc="left", fontweight="bold", pad=14)
    ax.set_xticks(list(xs[: len(days)]), [f"{day.day} {day:%b}" for day in days])
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    years = sorted({day.year for day in days})
    if years:
        ax.set_xlabel(str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}")
    scale = issue.scale
    if isinstance(scale, NumericScale):
        low, high, ticks = numeric_axis(drawn, scale.min, scale.max)
        ticks = marked_ticks(ticks, scale.marks, low, high)  # a mark: its number and label
        ax.set_ylim(low, high)
        ax.set_yticks([value for value, _ in ticks])
        labels = dict(ticks)
        ax.yaxis.set_major_formatter(
            FuncFormatter(lambda value, _: labels.get(value) or number(value))
        )
        for end, reached in ((scale.min, low == scale.min), (scale.max, high == scale.max)):
            if reached:
                ax.axhline(end, color="0.2", linewidth=1.2)
        whole = f"scale {number(scale.min)} to {number(scale.max)}"
        cut = "" if (low, high) == (scale.min, scale.max) else f" (axis cut; {whole})"
        ax.set_ylabel(f"{scale.unit or ''}{cut}".strip(), fontsize=8)
    elif axis is not None:  # every option, or past `OPTION_ROWS` the data's options named
        ax.set_yticks([value for value, _ in axis.ticks], [label for _, label in axis.ticks])
        ax.set_ylim(axis.low - 0.1, axis.high + 0.1)
        if top_down(issue):
            ax.invert_yaxis()
        ax.tick_params(axis="y", labelsize=8)
        if axis.note:
            ax.set_ylabel(axis.note, fontsize=8)
    ax.grid(axis="y", color="0.9")
    ax.set_axisbelow(True)
