from io import StringIO

import pytest
from django.core.management import call_command

from agir.accounts.models import User
from agir.demo import seed


def test_demo_on_a_database_it_did_not_make_creates_no_login(household):
    out = StringIO()
    call_command("demo", seed_only=True, stdout=out)

    assert "no demo logins" in out.getvalue()
    assert not seed.is_demo_database()
    assert not User.objects.filter(username__in=["locataire", "agent", "responsable"]).exists()
    assert "agir-demo" not in out.getvalue()


def test_a_demo_stopped_while_filling_keeps_nothing_and_fills_again_next_time(db, monkeypatch):
    def stopped(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C while the year of requests is being made

    with monkeypatch.context() as patched:
        patched.setattr(seed, "_past_requests", stopped)
        with pytest.raises(SystemExit):
            call_command("demo", seed_only=True, requests=5, stdout=StringIO(), stderr=StringIO())
    assert seed.is_empty() and not seed.is_demo_database()

    out = StringIO()
    call_command("demo", seed_only=True, requests=5, stdout=out)
    assert "requests: 10 over the past year" in out.getvalue()
    assert "agir-demo" in out.getvalue()


def test_the_demo_staff_come_with_a_second_factor_whose_secret_is_printed(client, db):
    import re

    out = StringIO()
    call_command("demo", seed_only=True, requests=5, stdout=out)
    secrets = re.findall(r"second factor \(TOTP\) secret: ([A-Z2-7]{32})", out.getvalue())
    assert len(secrets) == 3  # agent, responsable, administrateur

    code = StringIO()
    call_command("demo_code", "agent", stdout=code)
    client.post("/compte/connexion/", {"username": "agent", "password": "agir-demo"})
    response = client.post("/compte/second-facteur/", {"code": code.getvalue().strip()})
    assert response.status_code == 302
    assert client.get("/bureau/demandes/").status_code == 200
