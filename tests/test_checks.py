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
