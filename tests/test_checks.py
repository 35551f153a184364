import pytest
from django.core.checks import run_checks


def check_ids() -> set[str]:
    return {message.id for message in run_checks()}


def test_default_configuration_passes_the_checks(db):
    assert not {i for i in check_ids() if i.startswith("agir.")}


def test_empty_landlord_phone_is_reported(settings, db):
    settings.LANDLORD = {**settings.LANDLORD, "phone": ""}
    assert "agir.E001" in check_ids()


def test_sqlite_in_production_is_warned_and_postgresql_is_not(settings, db):
    settings.PRODUCTION = True
    on_sqlite = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    assert ("agir.W001" in check_ids()) == on_sqlite


def smtp_mailer(**options) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "smtp.example", "port": 587, **options},
        }
    }


def test_smtp_without_tls_in_production_is_warned(settings, db):
    # Fails before the fix: reset links could leave in clear without a word.
    settings.PRODUCTION = True
    settings.MAILERS = smtp_mailer(use_tls=False)
    assert "agir.W002" in check_ids()


@pytest.mark.parametrize("tls", [{"use_tls": True}, {"use_ssl": True}])
def test_smtp_with_starttls_or_implicit_tls_is_not_warned(settings, db, tls):
    settings.PRODUCTION = True
    settings.MAILERS = smtp_mailer(**tls)
    assert "agir.W002" not in check_ids()
