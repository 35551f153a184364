"""Production behaviour comes from the environment, and refuses to start half-configured."""

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

IGNORED = {"SECRET_KEY", "ALLOWED_HOSTS", "AGIR_ENV", "DEBUG", "NOTIFY_WEBHOOK_SECRET"}


def load_settings(code: str = "", **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in IGNORED}
    code = "import agir.settings as s; " + (
        code
        or "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key_and_allowed_hosts():
    result = load_settings(AGIR_ENV="production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ALLOWED_HOSTS" in result.stderr


def test_production_turns_debug_off_and_cookies_secure():
    result = load_settings(AGIR_ENV="production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="agir.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "31536000"]


def test_development_defaults_to_sqlite_in_the_data_folder(tmp_path):
    code = "import agir.settings as s; print(s.DATABASES['default']['NAME'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "AGIR_DATA_DIR": str(tmp_path), "DATABASE_URL": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == str(tmp_path / "agir.sqlite3")


def test_unknown_task_backend_is_refused():
    result = load_settings(TASKS_BACKEND="celery")
    assert result.returncode != 0
    assert "TASKS_BACKEND" in result.stderr


def test_a_redis_cache_url_makes_the_processes_share_a_redis_cache():
    result = load_settings(
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])",
        CACHE_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://127.0.0.1:6379/3",
    ]


def test_without_a_cache_url_each_process_has_its_own_cache():
    clean = {"CACHE_URL": ""}
    result = load_settings("print(hasattr(s, 'CACHES'))", **clean)
    assert result.stdout.strip() == "False"


def test_a_cache_url_that_is_not_redis_is_refused():
    result = load_settings(CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


# --- secrets and environments ---------------------------------------------------------------


@pytest.mark.parametrize("value", ["Production", "prod", "production ", "staging", "dev"])
def test_an_unknown_agir_env_refuses_to_start(value):
    # Fails before the fix: any value but exactly «production» ran with debug on and the
    # repository's secret key.
    result = load_settings(AGIR_ENV=value)
    assert result.returncode != 0
    assert "AGIR_ENV must be exactly 'development' or 'production'" in result.stderr


def test_unset_agir_env_is_development_with_debug_off(tmp_path):
    # Fails before the fix: development meant debug on.
    result = load_settings("print(s.AGIR_ENV, s.DEBUG)", AGIR_DATA_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["development", "False"]


def test_debug_is_on_only_when_asked_in_development(tmp_path):
    result = load_settings("print(s.DEBUG)", DEBUG="1", AGIR_DATA_DIR=str(tmp_path))
    assert result.stdout.split() == ["True"]


def test_production_refuses_debug():
    result = load_settings(
        AGIR_ENV="production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="agir.example", DEBUG="1"
    )
    assert result.returncode != 0
    assert "refuses DEBUG" in result.stderr


def test_each_checkout_makes_its_own_random_secret_key_under_its_data_folder(tmp_path):
    # Fails before the fix: every checkout used the key written in the repository.
    show = "print(s.SECRET_KEY, s.NOTIFY_WEBHOOK_SECRET)"
    first = load_settings(show, AGIR_DATA_DIR=str(tmp_path / "one")).stdout.split()
    again = load_settings(show, AGIR_DATA_DIR=str(tmp_path / "one")).stdout.split()
    other = load_settings(show, AGIR_DATA_DIR=str(tmp_path / "two")).stdout.split()

    assert first == again  # kept: sessions and links survive a restart
    assert first[0] != other[0] and first[1] != other[1]
    assert len(first[0]) >= 50
    assert "dev-only" not in " ".join(first)
    key_file = tmp_path / "one" / "secret_key"
    assert key_file.read_text().strip() == first[0]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert not list((tmp_path / "one").glob(".secret_key.*"))  # no draft left behind


def test_no_secret_is_written_in_the_repository():
    repository = Path(__file__).resolve().parents[1]
    settings_text = (repository / "agir" / "settings.py").read_text()
    assert "dev-only" not in settings_text


def test_a_correctly_configured_production_passes_the_deploy_check(tmp_path):
    # Fails before the fix: security.W021 (HSTS preload) alone.
    # Only what a production service would have: not the test run's own variables.
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    env |= {
        "AGIR_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "agir.val-de-lys.example",
        "DATABASE_URL": "postgres://agir@127.0.0.1:5432/agir",
        "SMTP_HOST": "smtp.val-de-lys.example",
        "SMTP_PORT": "587",
        "SMTP_USE_TLS": "1",
        "AGIR_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "agir", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


PG_URL = "postgres://agir@127.0.0.1:5432/agir"
PG_OPTIONS = "print(repr(s.DATABASES['default']['OPTIONS'].get('options')))"


def test_postgresql_connections_ask_for_no_parallel_workers_by_default():
    result = load_settings(PG_OPTIONS, DATABASE_URL=PG_URL)
    assert result.stdout.strip() == "'-c max_parallel_workers_per_gather=0'", result.stderr


def test_parallel_workers_can_be_left_to_the_server():
    result = load_settings(PG_OPTIONS, DATABASE_URL=PG_URL, DATABASE_PARALLEL_WORKERS="server")
    assert result.stdout.strip() == "None", result.stderr


def test_parallel_workers_join_the_options_the_database_url_gives():
    url = PG_URL + "?options=-c%20statement_timeout%3D5000"
    result = load_settings(PG_OPTIONS, DATABASE_URL=url, DATABASE_PARALLEL_WORKERS="2")
    expected = "'-c statement_timeout=5000 -c max_parallel_workers_per_gather=2'"
    assert result.stdout.strip() == expected, result.stderr


def test_parallel_workers_that_are_not_a_number_are_refused():
    result = load_settings(PG_OPTIONS, DATABASE_URL=PG_URL, DATABASE_PARALLEL_WORKERS="many")
    assert result.returncode != 0
    assert "DATABASE_PARALLEL_WORKERS" in result.stderr
