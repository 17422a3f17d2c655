import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def test_no_model_change_lacks_a_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_every_environment_variable_is_documented():
    source = (ROOT / "src/nomentum/settings.py").read_text()
    names = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))
    assert "DATABASE_URL" in names and len(names) > 10
    docs = (ROOT / "docs/settings.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in docs)
    assert missing == []


def _settings_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOMENTUM_", "DATABASE_"))}
    env.update(DJANGO_SETTINGS_MODULE="nomentum.settings", **extra)
    return env


def _import_settings(env):
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("weak", ["change-me", "django-insecure-abcdefghijklmnopqrstuvwxyz0123"])
def test_refuses_to_start_in_production_with_a_weak_secret(tmp_path, weak):
    result = _import_settings(
        _settings_env(NOMENTUM_DATA_DIR=str(tmp_path), NOMENTUM_SECRET_KEY=weak)
    )
    assert result.returncode != 0
    assert "NOMENTUM_SECRET_KEY is too weak" in result.stderr


def test_generates_and_keeps_a_private_secret_key(tmp_path):
    env = _settings_env(NOMENTUM_DATA_DIR=str(tmp_path))
    assert _import_settings(env).stdout.strip() == "ok"
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    assert len(first) >= 50
    assert key_file.stat().st_mode & 0o077 == 0
    _import_settings(env)
    assert key_file.read_text() == first


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci/run").read_text()
    line = next(line for line in ci.splitlines() if line.endswith("# README test command"))
    command = line.removesuffix("# README test command").strip()
    readme = (ROOT / "README.md").read_text()
    assert command in readme
    assert command.startswith("pip install -e '.[test]'")
