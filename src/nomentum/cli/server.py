"""serve, migrate, remind: running Nomentum itself (on the server's own database)."""

import argparse
import sys

from nomentum.cli.base import CliError, emit, migrate


def cmd_serve(args: argparse.Namespace) -> None:
    from django.conf import settings
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from nomentum.portability import backup
    from nomentum.wsgi import application

    database = backup.sqlite_path()
    if database is not None:
        # Never let go: held by this process and the workers it forks for their life, so
        # that `nomentum restore` refuses while any of them can still write.
        try:
            backup.lock_database(database, wait=backup.SERVE_WAIT, waiting=_say_waiting)
        except backup.DatabaseBusy as exc:
            raise CliError(str(exc)) from None
    migrate()
    connections.close_all()

    class Server(BaseApplication):
        def load_config(self) -> None:
            options = {
                "bind": f"{args.host}:{args.port}",
                "workers": settings.SERVE_WORKERS,
                "worker_class": "gthread",
                "threads": settings.SERVE_THREADS,
                "graceful_timeout": 10,
                "loglevel": "warning",
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    print(f"Nomentum is running on http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    Server().run()


def _say_waiting() -> None:
    print("Waiting for the server or restore that holds the database…", file=sys.stderr)


def cmd_migrate(args: argparse.Namespace) -> None:
    migrate()
    emit(args, {"migrated": True}, "The database is up to date.")


def cmd_remind(args: argparse.Namespace) -> None:
    from nomentum.asks.reminders import send_due_reminders
    from nomentum.portability.importer import purge_stale_previews

    purge_stale_previews()  # uploads waiting over an hour for "Import them" are dropped
    sent = send_due_reminders()
    emit(args, {"sent": sent}, f"Sent {sent} reminder{'s' if sent != 1 else ''}.")


def register(sub, common) -> None:
    p = sub.add_parser("serve", help="run the web app and API", parents=[common])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve, parser=p)

    p = sub.add_parser("migrate", help="create or update the database", parents=[common])
    p.set_defaults(func=cmd_migrate, parser=p)

    p = sub.add_parser("remind", help="send due follow-up reminders (for cron)", parents=[common])
    p.set_defaults(func=cmd_remind, parser=p)
