"""The `nomentum` command: one module per command group, each registering its commands.
Data goes to stdout (one JSON object with --json); bad input gives a one-line reason on
stderr and exit code 2 (SPEC §7)."""

import os
import sys
from collections.abc import Sequence

from nomentum.cli import (
    accounts,
    asks,
    challenges,
    coach,
    groups,
    insights,
    journal,
    portability,
    server,
)
from nomentum.cli.base import (
    EXIT_USAGE,
    CliError,
    Parser,
    common_options,
    migrate_if_needed,
    setup_django,
)

# Commands that work on the server's own database, never through NOMENTUM_URL.
LOCAL_ONLY = ("serve", "migrate", "adduser", "deluser", "backup", "restore", "remind")


def build_parser() -> Parser:
    common = common_options()
    parser = Parser(
        prog="nomentum", description="Make bold asks, log them, count every no as a win."
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    server.register(sub, common)
    accounts.register(sub, common, Parser)
    asks.register(sub, common)
    portability.register(sub, common)
    challenges.register(sub, common, Parser)
    coach.register(sub, common)
    journal.register(sub, common)
    insights.register(sub, common)
    groups.register(sub, common, Parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    remote = bool(os.environ.get("NOMENTUM_URL", "").strip())
    try:
        if remote and args.command in LOCAL_ONLY:
            raise CliError(
                f"`{args.command}` works on the server's own database: run it there "
                "(or unset NOMENTUM_URL to use the local one)"
            )
        if not remote:
            setup_django()
            # restore migrates the database it puts in place; the one it replaces may
            # be damaged, so nothing may open it first.
            if args.command not in ("serve", "migrate", "adduser", "restore"):
                migrate_if_needed()
        args.func(args)
    except CliError as exc:
        print(f"nomentum: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `nomentum list --json | head`: the reader left, nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
