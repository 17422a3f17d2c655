"""adduser, deluser, token create, token revoke: accounts and API tokens from a shell."""

import argparse
import getpass
import sys

from nomentum.cli.base import CliError, emit, migrate, path, run


def cmd_adduser(args: argparse.Namespace) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from nomentum.accounts import services
    from nomentum.accounts.models import User

    migrate()
    name = args.name.strip()
    if not name or len(name) > 150:
        raise CliError("NAME must be 1 to 150 characters")
    if User.objects.filter(username=name).exists():
        raise CliError(f"an account named {name!r} already exists")
    if args.email:
        try:
            validate_email(args.email)
        except ValidationError:
            raise CliError(f"--email: {args.email!r} is not an email address") from None
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password (leave empty for command-line use only): ")
        if password and password != getpass.getpass("Again: "):
            raise CliError("the two passwords differ")
    user = User(username=name, email=args.email or "", timezone=args.timezone)
    try:
        user.full_clean(exclude=["password"])
        if password:
            validate_password(password, user)
    except ValidationError as exc:
        raise CliError(" ".join(exc.messages)) from None
    user = services.create_account(name, user.email, user.timezone, password, admin=args.admin)
    emit(args, {"username": user.username}, f"Created account {user.username!r}.")


def cmd_deluser(args: argparse.Namespace) -> None:
    from nomentum.accounts import services
    from nomentum.accounts.models import User

    user = User.objects.filter(username=args.name).first()
    if user is None:
        raise CliError(f"no account named {args.name!r}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliError("add --yes to delete without being asked (nothing was deleted)")
        answer = input(
            f"Delete {user.username!r} and everything in it (asks, contacts, challenges, "
            "plans, groups, tokens, sessions)? This can't be undone. Type the name to confirm: "
        )
        if answer.strip() != user.username:
            raise CliError("not deleted: the name didn't match")
    services.delete_account(user)
    emit(args, {"username": args.name, "deleted": True}, f"Deleted account {args.name!r}.")


def cmd_token_create(args: argparse.Namespace) -> None:
    given = {"read_only": args.read_only, "name": args.name or ""}

    def local(user):
        from nomentum.accounts import services
        from nomentum.accounts.forms import TokenForm
        from nomentum.accounts.schemas import TokenOut
        from nomentum.errors import valid
        from nomentum.forms import form_data
        from nomentum.schemas import dump

        data = valid(TokenForm(form_data(given)))
        return dump(TokenOut.of(*services.create_token(user, **data)))

    made = run(args, local, lambda server: server.call("POST", "/tokens", given))
    emit(args, made, f"{made['token']}\n(id {made['id']}; shown once — keep it somewhere safe)")


def cmd_token_revoke(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.accounts import services
        from nomentum.accounts.access import find_token_for_user

        token = find_token_for_user(user, args.id)
        services.revoke_token(token)
        return {"id": str(token.code), "revoked": True}

    done = run(args, local, lambda server: server.call("DELETE", f"/tokens/{path(args.id)}"))
    emit(args, done, f"Revoked {done['id']}.")


def register(sub, common, parser_class) -> None:
    p = sub.add_parser("adduser", help="create an account", parents=[common])
    p.add_argument("name")
    p.add_argument("--email", default="")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.add_argument("--timezone", default="UTC", help="e.g. Europe/Berlin (default UTC)")
    p.add_argument("--admin", action="store_true", help="may use the admin site")
    p.set_defaults(func=cmd_adduser, parser=p)

    p = sub.add_parser("deluser", help="delete an account and everything in it", parents=[common])
    p.add_argument("name")
    p.add_argument("--yes", action="store_true", help="don't ask for confirmation")
    p.set_defaults(func=cmd_deluser, parser=p)

    token = sub.add_parser("token", help="API tokens for scripts and the remote CLI")
    tsub = token.add_subparsers(dest="action", required=True, parser_class=parser_class)
    p = tsub.add_parser("create", help="make a token (shown once)", parents=[common])
    p.add_argument("--read-only", action="store_true")
    p.add_argument("--name")
    p.set_defaults(func=cmd_token_create, parser=p)
    p = tsub.add_parser("revoke", help="revoke a token by its id", parents=[common])
    p.add_argument("id")
    p.set_defaults(func=cmd_token_revoke, parser=p)
