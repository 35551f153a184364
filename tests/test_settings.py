"""Production behaviour comes from the environment, and refuses to start half-configured."""

import os
import subprocess
import sys


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    code = (
        "import agir.settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
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
