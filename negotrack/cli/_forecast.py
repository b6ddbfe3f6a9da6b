"""``negotrack forecast`` and ``negotrack backtest``: each issue's outcome as the models see it.

The parsers are set up here (`add_forecast_parsers`) and the handlers are `forecast_command`
and `backtest_command`; the computation (`negotrack.diff._forecast`, `._backtest`) and the
rendering (`negotrack.report._forecasts`) are imported only when a command runs.
"""

from __future__ import annotations

from negotrack.cli._exit import EXIT_OK

# not `typing.TYPE_CHECKING`: `negotrack --help` does not import typing
TYPE_CHECKING = False

if TYPE_CHECKING:
    import argparse
    from typing import Any, TextIO

__all__ = ["add_forecast_parsers", "backtest_command", "forecast_command"]


def add_forecast_parsers(commands: Any) -> None:
    """Add the ``forecast`` and ``backtest`` commands to the subparsers ``commands``."""
    forecast = commands.add_parser(
        "forecast",
        help="each issue's outcome as the compromise model, the mean, the median and the "
        "reference point predict it",
        description="From the positions in force in ROUND (default: the last): the compromise "
        "model (the mean weighted by salience and party weight), the salience-weighted mean, "
        "the median, the weighted median and the reference point, per issue (docs/forecast.md).",
    )
    backtest = commands.add_parser(
        "backtest",
        help="each forecast model's mean absolute error against the recorded outcomes",
        description="Score the forecasts from ROUND (default: the last) against each issue's "
        "recorded outcome: errors on 0 to 100, their mean per model, and how often each model "
        "is the closest (docs/forecast.md).",
    )
    for command in (forecast, backtest):
        command.add_argument("dossier", metavar="DOSSIER")
        command.add_argument("round", nargs="?", metavar="ROUND", help="default: the last round")
        command.add_argument(
            "-f",
            "--format",
            choices=("text", "json"),
            default="text",
            help="text (a table, the default) or json",
        )
        command.add_argument(
            "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
        )
        command.add_argument(
            "--width",
            type=int,
            metavar="N",
            help="wrap text to N columns (default: the terminal's)",
        )


def forecast_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print (or write) the forecasts of the round asked for."""
    from negotrack.cli._io import dossier, emit, width  # noqa: PLC0415
    from negotrack.diff._forecast import forecast  # noqa: PLC0415
    from negotrack.report._forecasts import forecast_json, forecast_text  # noqa: PLC0415

    negotiation = dossier(args.dossier)
    made = forecast(negotiation, args.round)
    if args.format == "json":
        text = forecast_json(negotiation, made)
    else:
        text = forecast_text(negotiation, made, width(args, out))
    emit(args, text, out)
    return EXIT_OK


def backtest_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print (or write) the backtest of the round asked for."""
    from negotrack.cli._io import dossier, emit, width  # noqa: PLC0415
    from negotrack.diff._backtest import backtest  # noqa: PLC0415
    from negotrack.report._forecasts import backtest_json, backtest_text  # noqa: PLC0415

    negotiation = dossier(args.dossier)
    scored = backtest(negotiation, args.round)
    if args.format == "json":
        text = backtest_json(negotiation, scored)
    else:
        text = backtest_text(negotiation, scored, width(args, out))
    emit(args, text, out)
    return EXIT_OK
