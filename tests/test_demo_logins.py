from io import StringIO

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
