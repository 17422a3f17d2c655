"""group create, join, board, list: the groups app's use cases from a shell."""

import argparse

from nomentum.cli.base import day, emit, path, run, whole


def group_line(g: dict) -> str:
    invite = f", invite code {g['invite']}" if g["invite"] else ""
    return f"{g['name']}: {g['start']} to {g['end']} ({g['role']}{invite})"


def cmd_group_create(args: argparse.Namespace) -> None:
    given = {
        "name": args.name,
        "start": day(args.start, "--start").isoformat() if args.start else None,
        "end": day(args.end, "--end").isoformat() if args.end else None,
        "template": args.template,
        "weekly_goal": args.weekly_goal,
        "description": args.description,
        "on_board": args.on_board,
    }

    def local(user):
        from django.utils import timezone

        from nomentum.errors import valid
        from nomentum.groups import services
        from nomentum.groups.forms import GroupForm
        from nomentum.groups.schemas import GroupOut
        from nomentum.schemas import dump

        form = GroupForm.for_input(given, timezone.localdate())
        return dump(GroupOut.of(services.create_group(user, valid(form))))

    def remote(server):
        return server.call("POST", "/groups", {k: v for k, v in given.items() if v is not None})

    made = run(args, local, remote)
    emit(args, made, group_line(made))


def cmd_group_join(args: argparse.Namespace) -> None:
    given = {"weekly_goal": args.weekly_goal, "on_board": args.on_board}

    def local(user):
        from nomentum.errors import valid
        from nomentum.forms import form_data
        from nomentum.groups import services
        from nomentum.groups.access import get_group_by_invite
        from nomentum.groups.forms import JoinForm
        from nomentum.groups.schemas import GroupOut
        from nomentum.schemas import dump

        group = get_group_by_invite(args.code)
        data = valid(JoinForm.for_input(form_data(given)))
        return dump(GroupOut.of(services.join_group(user, group, **data)))

    def remote(server):
        body = {"code": args.code, **given}
        return server.call("POST", "/groups/join", {k: v for k, v in body.items() if v is not None})

    joined = run(args, local, remote)
    emit(args, joined, f"Joined {group_line(joined)}")


def cmd_group_board(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.groups.access import find_membership
        from nomentum.groups.board import board_out
        from nomentum.schemas import dump

        membership = find_membership(user, args.name)
        return dump(board_out(membership.group, membership, args.by, args.page))

    def remote(server):
        query = {"by": args.by, "page": args.page}
        return server.call("GET", f"/groups/{path(args.name)}/board", query=query)

    found = run(args, local, remote)
    if found["board"] is None:
        emit(args, found, found["reason"])
        return
    lines = [
        f"{r['rank']:>3}. {r['name']}{' (you)' if r['you'] else ''}: {r['nos']} no's, "
        f"{r['progress']}% of their goal"
        for r in found["board"]
    ]
    if found["pages"] > 1:
        lines.append(f"(page {found['page']} of {found['pages']}: --page N)")
    emit(args, found, "\n".join(lines))


def cmd_group_list(args: argparse.Namespace) -> None:
    def local(user):
        from nomentum.groups.access import memberships_for_user
        from nomentum.groups.schemas import GroupOut
        from nomentum.schemas import dump

        return {"groups": [dump(GroupOut.of(m)) for m in memberships_for_user(user)]}

    found = run(args, local, lambda server: server.call("GET", "/groups"))
    lines = [group_line(g) for g in found["groups"]] or [
        'In no group yet. Start one with: nomentum group create "November of NO"'
    ]
    emit(args, found, "\n".join(lines))


def register(sub, common, parser_class) -> None:
    group = sub.add_parser("group", help="groups: create, join, the board")
    gsub = group.add_subparsers(dest="action", required=True, parser_class=parser_class)
    p = gsub.add_parser("create", help="start a group (you organise it)", parents=[common])
    p.add_argument("name")
    p.add_argument("--start", help="YYYY-MM-DD (default: the 1st of this month)")
    p.add_argument("--end", help="YYYY-MM-DD (default: the month's last day)")
    p.add_argument("--template", help="monthly-group (default), 100-in-30, 1000-in-365, custom")
    p.add_argument("--weekly-goal", type=whole("--weekly-goal"), help="your own goal (default 3)")
    p.add_argument("--description")
    p.add_argument("--on-board", action="store_true", help="show your counts to the group")
    p.set_defaults(func=cmd_group_create, parser=p)
    p = gsub.add_parser("join", help="join a group by its invite code", parents=[common])
    p.add_argument("code")
    p.add_argument("--weekly-goal", type=whole("--weekly-goal"), help="your own goal (default 3)")
    p.add_argument("--on-board", action="store_true", help="show your counts to the group")
    p.set_defaults(func=cmd_group_join, parser=p)
    p = gsub.add_parser("board", help="a group's board (name or code)", parents=[common])
    p.add_argument("name")
    p.add_argument("--by", choices=("nos", "progress"), default="nos")
    p.add_argument("--page", type=whole("--page"), default=1)
    p.set_defaults(func=cmd_group_board, parser=p)
    p = gsub.add_parser("list", help="your groups", parents=[common])
    p.set_defaults(func=cmd_group_list, parser=p)
