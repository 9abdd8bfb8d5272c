"""`motcua <app> <verb>` names only command groups that exist (issue 13: no `feedback` app yet)."""

from django.core.management import get_commands

from motcua.cli import APPS


def test_every_command_group_has_a_command_and_every_command_group_is_reachable():
    commands = set(get_commands())
    groups = {name.split("_", 1)[0] for name in commands if "_" in name and name.split("_", 1)[0] in APPS}
    assert groups == APPS  # "feedback" had none
    assert "backoffice_digest" in commands and "backoffice" in APPS  # docs/pages.md runs `motcua backoffice digest`
