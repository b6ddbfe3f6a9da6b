"""What each ``negotrack`` command does, given parsed arguments and the two output streams.

Errors a user can cause (a missing file, a bad dossier, an unknown round, an unwritable output)
are caught here and printed as one line each; the exit code is 2. Nothing is written on failure:
output files are rendered in full first, then written atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from negotrack.cli._exit import EXIT_BAD_INPUT, EXIT_DIFFERENCES, EXIT_OK
from negotrack.cli._export import export_command
from negotrack.cli._forecast import backtest_command, forecast_command
from negotrack.cli._import import import_command
from negotrack.cli._io import dossier, dossier_paths, emit, paint, renderer, use_color, validated
from negotrack.cli._new_round import new_round
from negotrack.cli._problems import annotation, as_text, validation_json
from negotrack.model._errors import LoadError, NegotrackError, did_you_mean
from negotrack.model._plain import plain

if TYPE_CHECKING:
    import argparse

    from negotrack.diff._changes import Diff
    from negotrack.model._negotiation import Negotiation

__all__ = ["run", "summary"]


class _UsageError(NegotrackError):
    """A command was given arguments it cannot use."""


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the parsed command; print problems to ``err``; return the exit code."""
    commands = {
        "validate": _validate,
        "diff": _diff,
        "report": _report,
        "timeline": _timeline,
        "export": export_command,
        "import": import_command,
        "forecast": forecast_command,
        "backtest": backtest_command,
        "schema": _schema,
        "init": _init,
        "new-round": new_round,
        "plot": _plot,
        "brackets": _brackets,
        "git-diff": _git_diff,
        "site": _site,
    }
    try:
        return commands[args.command](args, out, err)
    except BrokenPipeError:
        raise  # standard output's reader left: `main` ends quietly
    except LoadError as exc:
        for problem in exc.problems:
            print(as_text(problem), file=err)
    except (NegotrackError, ValueError) as exc:
        print(plain(f"negotrack: {exc}"), file=err)
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        said = f"negotrack: cannot write{where}: {(exc.strerror or str(exc)).lower()}"
        print(plain(said), file=err)
    return EXIT_BAD_INPUT


def summary(negotiation: Negotiation) -> str:
    """One line saying what a dossier holds."""
    rounds = negotiation.rounds
    counts = [
        (len(negotiation.parties), "party", "parties"),
        (len(negotiation.issues), "issue", "issues"),
        (len(negotiation.proposals), "proposal", "proposals"),
        (len(rounds), "round", "rounds"),
        (sum(len(r.positions) for r in rounds), "position", "positions"),
        (sum(len(r.stances) for r in rounds), "stance", "stances"),
        (len(negotiation.all_statements), "statement", "statements"),
    ]
    text = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
    if rounds:  # from the day the talks began to the day the last round ended
        start, end = min(r.when for r in rounds), max(r.last_day for r in rounds)
        text += f"; {start}" if start == end else f"; {start} to {end}"
    return text


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = EXIT_OK
    found: list[dict[str, Any]] = []
    for path in dossier_paths(args.paths):
        try:
            checked = validated(path)
        except LoadError as exc:
            status = EXIT_BAD_INPUT
            found.append({"path": path, "problems": list(exc.problems), "notes": []})
            continue
        notes = [] if args.quiet else list(checked.notes)
        found.append({"path": path, "summary": summary(checked.negotiation), "notes": notes})
    if args.format == "json":
        out.write(validation_json(found))
    err_color, out_color = use_color(args, err, errors=True), use_color(args, out)
    for entry in found if args.format != "json" else ():
        for problem in entry.get("problems", ()):
            if args.format == "github":
                print(annotation("error", problem), file=out)
            else:
                print(as_text(problem, color=err_color), file=err)
        for note in entry["notes"]:
            if args.format == "github":
                print(annotation("notice", note), file=out)
            else:
                print(as_text(note, note=True, color=err_color), file=err)
        if "summary" in entry and not args.quiet:
            ok = paint("ok", "green", out_color)
            print(f"{entry['path']}: {ok}: {entry['summary']}", file=out)
    return status


# -- diff --------------------------------------------------------------------------------------


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    del err
    from negotrack.cli._git import is_revision_spec, load_version  # noqa: PLC0415
    from negotrack.diff._changes import ChangeKind, Meaning  # noqa: PLC0415
    from negotrack.diff._compare import compare  # noqa: PLC0415
    from negotrack.diff._versions import compare_versions  # noqa: PLC0415

    values = list(args.args)
    if len(values) > 3:
        raise _UsageError("diff takes DOSSIER [FROM] [TO], or OLD NEW")
    if len(values) == 2 and all(Path(v).exists() or is_revision_spec(v) for v in values):
        old, new = load_version(values[0]), load_version(values[1])
        negotiation, dossiers = new, [old, new]
        diff = compare_versions(old, new, before=values[0], after=values[1])
    else:
        negotiation = dossier(values[0])
        dossiers = [negotiation]
        ids = [r.id for r in negotiation.rounds]
        rounds = values[1:]
        if not rounds:
            if len(ids) < 2:
                raise _UsageError(f"{values[0]} has {len(ids)} round(s); a diff needs two")
            rounds = ids[-2:]
        elif len(rounds) == 1:
            rounds = [rounds[0], ids[-1] if ids else rounds[0]]
        diff = compare(negotiation, rounds[0], rounds[1])
    _check_filters(args, dossiers, [k.value for k in ChangeKind])
    diff = _filtered(diff, args, ChangeKind, Meaning)
    emit(args, renderer(args, out).diff(negotiation, diff), out)
    return EXIT_DIFFERENCES if args.exit_code and diff.changes else EXIT_OK


def _check_filters(args: argparse.Namespace, dossiers: list[Negotiation], kinds: list[str]) -> None:
    """``--party``, ``--issue`` and ``--kind`` name parties, issues (or proposals) and kinds.

    An id that names nothing is an error with a did-you-mean, not an empty diff: a typo must not
    read as "no changes". With two versions, either version's ids count.
    """
    parties = sorted({p.id for n in dossiers for p in n.parties})
    issues = sorted(
        {i.id for n in dossiers for i in n.issues} | {p.id for n in dossiers for p in n.proposals}
    )
    for option, wanted, names in (
        ("party", args.party, parties),
        ("issue", args.issue, issues),
        ("kind", args.kind, kinds),
    ):
        for value in wanted or ():
            if value not in names:
                raise _UsageError(
                    f"--{option}: unknown {option} {value!r}{did_you_mean(value, names)}"
                )


def _filtered(diff: Diff, args: argparse.Namespace, kinds: Any, meanings: Any) -> Diff:
    if not (args.party or args.issue or args.kind or args.meaning):
        return diff
    return diff.filter(
        party=args.party,
        issue=args.issue,
        kind=[kinds(k) for k in args.kind] if args.kind else None,
        meaning=[meanings(m) for m in args.meaning] if args.meaning else None,
    )


# -- report, timeline ------------------------------------------------------------------------


def _story(args: argparse.Namespace) -> tuple[Negotiation, Any]:
    from negotrack.diff._timeline import timeline  # noqa: PLC0415

    negotiation = dossier(args.dossier)
    return negotiation, timeline(negotiation, issues=args.issue)


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    del err
    negotiation, story = _story(args)
    emit(args, renderer(args, out).report(negotiation, story), out)
    return EXIT_OK


def _timeline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    del err
    negotiation, story = _story(args)
    emit(args, renderer(args, out).timeline(negotiation, story), out)
    return EXIT_OK


def _plot(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    del out
    from negotrack.interop._plot import plot_all, plot_issue  # noqa: PLC0415

    negotiation = dossier(args.dossier)
    if not args.all:
        if args.format is not None:
            raise _UsageError("--format goes with --all; with --issue the file name's suffix says")
        plot_issue(negotiation, args.issue, Path(args.output))
        return EXIT_OK
    written = plot_all(negotiation, Path(args.output), file_format=args.format or "png")
    print(f"negotrack: wrote {_plural(len(written), 'chart')} to {args.output}", file=err)
    return EXIT_OK


# -- site --------------------------------------------------------------------------------------


def _site(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Render every page first, then write them all (`write_files`: every target checked first)."""
    del err
    from negotrack.files._writing import write_files  # noqa: PLC0415
    from negotrack.report._site import site_files  # noqa: PLC0415

    files = site_files([dossier(path) for path in args.dossiers])
    root = Path(args.output)
    targets = {root.joinpath(*name.split("/")): text for name, text in files.items()}
    for folder in dict.fromkeys([root, *(t.parent for t in targets)]):
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise _UsageError(f"{folder}: not a folder; the site writes only into real folders")
    write_files(targets)
    print(f"wrote {len(targets)} files to {root}", file=out)
    return EXIT_OK


# -- brackets ----------------------------------------------------------------------------------


class _UnreadableError(NegotrackError):
    """A draft given to ``negotrack brackets`` cannot be read as UTF-8 text."""


def _brackets(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json  # noqa: PLC0415

    from negotrack.model._brackets import count_brackets  # noqa: PLC0415

    status = EXIT_OK
    found: list[dict[str, str | int]] = []
    for name in args.files or ["-"]:
        try:
            counts = count_brackets(_draft_text(name))
        except _UnreadableError as exc:
            print(plain(f"{name}: {exc}"), file=err)
            status = EXIT_BAD_INPUT
            continue
        found.append(
            {
                "file": name,
                "brackets": counts.brackets,
                "options": counts.options,
                "unclosed": counts.unclosed,
            }
        )
        if args.format == "text":
            line = f"{name}: {_plural(counts.brackets, 'bracket')}, "
            line += _plural(counts.options, "option")
            unclosed = paint(f"{counts.unclosed} unclosed", "red", use_color(args, out))
            print(line + (f", {unclosed}" if counts.unclosed else ""), file=out)
    if args.format == "json":
        out.write(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
    return status


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _draft_text(name: str) -> str:
    """The text of a draft file, or of standard input for ``-``: UTF-8, with or without a BOM."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise _UnreadableError(f"cannot read file: {reason}") from None
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        bad = data[exc.start : exc.start + 1]
        raise _UnreadableError(
            f"invalid UTF-8 byte {bad!r} at line {line}, column {column}; save the file as UTF-8"
        ) from None


# -- schema, init, git -------------------------------------------------------------------------


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from negotrack.report._catalogue import SCHEMA_NAMES, schema_json  # noqa: PLC0415

    if args.dossier is not None:
        from negotrack.cli._schema_cmd import dossier_schemas  # noqa: PLC0415

        return dossier_schemas(args, out, err)
    if args.name is None:
        for name in SCHEMA_NAMES:
            print(name, file=out)
        return EXIT_OK
    if args.name not in SCHEMA_NAMES:
        raise _UsageError(
            f"unknown schema {args.name!r}{did_you_mean(args.name, SCHEMA_NAMES)}; "
            f"the schemas are: {', '.join(SCHEMA_NAMES)}"
        )
    out.write(schema_json(args.name))
    return EXIT_OK


def _init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    del err
    from negotrack.files._scaffold import scaffold  # noqa: PLC0415

    written = scaffold(Path(args.directory), title=args.title)
    for path in written:
        print(f"wrote {path}", file=out)
    print(f"next: edit the files, then run: negotrack validate {args.directory}", file=out)
    return EXIT_OK


def _git_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    del err
    from negotrack.cli._git import driver_versions, text_diff  # noqa: PLC0415
    from negotrack.diff._versions import compare_versions  # noqa: PLC0415

    if len(args.git_args) != 7:
        raise _UsageError(
            "git-diff is git's diff driver: "
            "PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE"
        )
    path, old_file, new_file = args.git_args[0], args.git_args[1], args.git_args[4]
    try:
        old, new = driver_versions(path, old_file, new_file)
    except LoadError as exc:
        # not a dossier (a CI workflow), or one half edited: git's own diff, never a dead driver
        first = exc.problems[0] if exc.problems else None
        why = f"{first.path}: {first.message}" if first is not None else "it does not load"
        print(
            plain(f"negotrack: {path} is not a dossier that loads ({why}); a text diff:"), file=out
        )
        out.write(text_diff(path, old_file, new_file))
        return EXIT_OK
    diff = compare_versions(old, new, before=f"a/{path}", after=f"b/{path}")
    emit(args, renderer(args, out).diff(new, diff), out)
    return EXIT_OK
