"""import, export, backup, restore: your data in and out from a shell."""

import argparse
from pathlib import Path

from nomentum.cli.base import CliError, as_query, emit, run

FORMATS = (
    "csv",
    "xlsx",
    "json",
    "ics",
    "journal-csv",
    "journal-md",
)  # as portability.export.FORMATS (a test checks)


def cmd_import(args: argparse.Namespace) -> None:
    from nomentum.portability.limits import MAX_BYTES, TOO_BIG

    source = Path(args.file)
    try:
        if source.stat().st_size > MAX_BYTES:  # before reading it into memory
            raise CliError(f"FILE: {TOO_BIG}")
        content = source.read_bytes()
    except OSError as exc:
        raise CliError(f"FILE: cannot read {source}: {exc.strerror}") from None

    def local(user):
        from nomentum.portability import services
        from nomentum.schemas import dump

        return dump(services.import_file(user, content, source.name, args.dry_run, args.anyway))

    def remote(server):
        fields = {"dry_run": as_query(args.dry_run), "anyway": as_query(args.anyway)}
        return server.upload("/import", source.name, content, fields)

    result = run(args, local, remote)
    verb = "Would import" if args.dry_run else "Imported"
    emit(args, result, f"{verb} {result['new']} asks; {result['duplicates']} already in your log.")


def cmd_export(args: argparse.Namespace) -> None:
    target = Path(args.output)
    if target.exists() and not args.force:
        raise CliError(f"-o: {target} already exists (add --force to replace it)")

    def local(user):
        from nomentum.portability import services

        return services.export(user, args.format)[0]

    def remote(server):
        return server.send("GET", "/export", query={"format": args.format})

    data = run(args, local, remote)
    try:
        target.write_bytes(data)
    except OSError as exc:
        raise CliError(f"-o: cannot write {target}: {exc.strerror}") from None
    emit(
        args,
        {"file": str(target), "format": args.format, "bytes": len(data)},
        f"Wrote {target} ({len(data):,} bytes).",
    )


def cmd_backup(args: argparse.Namespace) -> None:
    from nomentum.errors import Invalid
    from nomentum.portability import services

    try:
        size = services.backup(Path(args.file))
    except Invalid as exc:
        raise CliError(str(exc.errors["file"][0])) from None
    emit(
        args,
        {"file": args.file, "bytes": size},
        f"Backed up to {args.file} ({size:,} bytes). To restore it: stop the server, then "
        f"`nomentum restore {args.file}`.",
    )


def cmd_restore(args: argparse.Namespace) -> None:
    from nomentum.errors import Invalid
    from nomentum.portability import services

    try:
        done = services.restore(Path(args.file))
    except Invalid as exc:
        raise CliError(str(exc.errors["file"][0])) from None
    aside = f" The database it replaced is kept as {done.kept_aside}." if done.kept_aside else ""
    asks = f"{done.asks:,} ask{'' if done.asks == 1 else 's'}"
    emit(args, done.model_dump(), f"Restored {args.file} ({asks}).{aside}")


def register(sub, common) -> None:
    p = sub.add_parser(
        "import", help="import a tracking spreadsheet (CSV or XLSX)", parents=[common]
    )
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="check every row, import nothing")
    p.add_argument(
        "--anyway",
        action="store_true",
        help="import rows the text check objects to (noted on each ask)",
    )
    p.set_defaults(func=cmd_import, parser=p)

    p = sub.add_parser("export", help="your data as a file", parents=[common])
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("-o", "--output", required=True, help="the file to write")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    p.set_defaults(func=cmd_export, parser=p)

    p = sub.add_parser(
        "backup", help="a consistent copy of the database, while it runs", parents=[common]
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_backup, parser=p)

    p = sub.add_parser(
        "restore",
        help="put a backup in place of the database (stop the server first)",
        parents=[common],
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_restore, parser=p)
