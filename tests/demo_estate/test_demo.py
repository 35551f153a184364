"""`agir demo`: the estate and history it makes, and the processes it runs."""

import itertools
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import models
from django.db.models import Count

from agir.accounts.models import Role, User
from agir.demo import second_factors, seed
from agir.estate.models import Dwelling, Lease
from agir.repairs.models import RepairRequest, Status
from tests.demo_runs import own_sqlite_environment
from tests.smtp import free_port


def test_demo_has_about_1800_dwellings(demo_database, db):
    assert 1700 <= Dwelling.objects.count() <= 1900


def test_demo_has_over_1000_past_requests_in_every_status(demo_database, db):
    assert RepairRequest.objects.submitted().count() >= 1000
    counts = dict(RepairRequest.objects.values_list("status").annotate(n=Count("pk")))
    assert set(counts) == set(Status.values)


def test_demo_gives_one_login_per_role(demo_database, db):
    assert {login.role for login in demo_database} == set(Role.values)
    for login in demo_database:
        user = User.objects.get(username=login.username)
        assert user.check_password(login.password)
        assert user.role == login.role


# The title each first name of the demo takes in French ("Camille" is worn by both).
WOMEN = ["Nadia", "Sophie", "Fatima", "Marie", "Aïcha", "Léa", "Chantal", "Isabelle", "Monique",
         "Inès", "Josiane", "Amina", "Odette", "Samira", "Emma", "Nathalie", "Yasmine"]  # fmt: skip
MEN = ["Karim", "Jean", "Mohamed", "Pierre", "Thomas", "Mamadou", "Youssef", "Dylan", "Rachid",
       "Bernard", "Kevin", "Sébastien", "Lucas", "Hugo", "Gérard", "Ibrahima", "Julien",
       "André"]  # fmt: skip
TITLE_OF = {
    **{name: {"Mme"} for name in WOMEN},
    **{name: {"M."} for name in MEN},
    "Camille": {"Mme", "M."},
}


def test_demo_tenants_titles_match_their_first_names(demo_database, db):
    from agir.estate.models import Tenant

    wrong = [
        f"{t.title} {t.first_name} {t.last_name}"
        for t in Tenant.objects.only("title", "first_name", "last_name")
        if t.title not in TITLE_OF.get(t.first_name, {t.title})
    ]
    unknown = set(Tenant.objects.values_list("first_name", flat=True)) - set(TITLE_OF)
    assert not unknown, f"first names this test does not know: {unknown}"
    assert not wrong, (
        f"{len(wrong)} demo tenants with a title that is not their name's: {wrong[:5]}"
    )


def test_demo_logins_read_the_same_at_every_start(demo_database, db):
    assert seed.demo_logins() == demo_database
    tenant = next(login for login in demo_database if login.role == "tenant")
    assert "logement" in tenant.who


def test_demo_tenant_has_a_current_lease(demo_database, db):
    tenant = User.objects.get(username="locataire").tenant
    assert tenant.current_lease() is not None
    assert Lease.objects.current().count() >= 1600


def test_demo_offers_a_working_signup_code_on_the_demo_tenants_lease(demo_database, db):
    from agir.accounts.activation import check_code

    trial = seed.signup_trial()

    lease = User.objects.get(username="locataire").tenant.current_lease()
    assert trial.lease_reference == lease.reference
    check = check_code(trial.lease_reference, trial.code)
    assert check.ok
    assert check.tenant.user is None
    assert check.tenant.full_name == trial.name


def test_demo_signup_code_stays_the_same_from_one_start_to_the_next(demo_database, db):
    from agir.accounts.activation import check_code

    first, second = seed.signup_trial(), seed.signup_trial()

    assert second.code == first.code
    assert check_code(first.lease_reference, first.code).ok  # not «il a expiré»


def test_demo_signup_code_is_made_again_once_it_no_longer_works(demo_database, db):
    from django.utils import timezone

    from agir.accounts.activation import check_code
    from agir.accounts.models import ActivationCode

    first = seed.signup_trial()
    ActivationCode.objects.filter(tenant__external_ref=seed.SIGNUP_TENANT_REF).update(
        expires_at=timezone.now()
    )
    fresh = seed.signup_trial()

    assert fresh.code != first.code
    assert check_code(fresh.lease_reference, fresh.code).ok


def test_demo_tenant_signs_in_with_username_email_or_lease_reference(demo_database, db, client):
    lease = User.objects.get(username="locataire").tenant.current_lease()
    for identifier in ("locataire", "nadia.benali@exemple.fr", lease.reference):
        response = client.post(
            "/compte/connexion/", {"username": identifier, "password": seed.DEMO_PASSWORD}
        )
        assert response.status_code == 302, identifier
        client.post("/compte/deconnexion/")


@pytest.mark.parametrize(
    ("username", "lands_on", "shows"),
    [
        ("locataire", "/locataire/", "Signaler un problème"),
        ("gardien", "/gardien/", "Mon secteur"),
        ("agent", "/bureau/demandes/", r"\d{4}-\d{6}"),  # a request's reference
        ("responsable", "/bureau/qualite/", "Tableau de bord qualité"),
        ("prestataire", "/prestataire/", r"BT-\d{4}-\d{5}"),  # a work order's number
    ],
)
def test_demo_logins_land_on_their_pages_with_the_demo_in_them(
    demo_database, db, client, username, lands_on, shows
):
    response = client.post(
        "/compte/connexion/",
        {"username": username, "password": seed.DEMO_PASSWORD},
        follow=True,
    )
    if username in second_factors.STAFF_LOGINS:
        # Staff give the code of their app after the password (the demo set the app up).
        assert response.redirect_chain[-1][0].startswith("/compte/second-facteur/")
        code = second_factors.current_code(User.objects.get(username=username))
        response = client.post(
            "/compte/second-facteur/", {"code": code, "next": lands_on}, follow=True
        )
    assert response.redirect_chain[-1][0] == lands_on
    assert re.search(shows, response.content.decode())


def test_demo_requests_have_consistent_histories(demo_database, db):
    for request in RepairRequest.objects.submitted().order_by("?")[:50]:
        events = list(request.events.order_by("at", "id"))
        assert events[0].kind == "submitted"
        assert events[-1].to_status == request.status
        assert all(a.to_status == b.from_status for a, b in itertools.pairwise(events))


def test_demo_has_work_orders_in_every_state_with_visit_reports(demo_database, db):
    from agir.works.models import Assignee, OrderStatus, VisitReport, WorkOrder

    states = set(WorkOrder.objects.values_list("status", flat=True))
    assert states >= {"ordered", "accepted", "refused", "done"}, states
    assignees = set(WorkOrder.objects.values_list("assignee", flat=True))
    assert assignees == set(Assignee.values)
    assert VisitReport.objects.filter(done=False).exists()
    assert WorkOrder.objects.filter(status=OrderStatus.DONE, reports__done=True).exists()
    prestataire = User.objects.get(username="prestataire")
    assert WorkOrder.objects.for_contractor_user(prestataire).active().count() >= 5


def test_demo_caretaker_opens_on_a_sector_with_a_round_in_progress(demo_database, db, client):
    from django.urls import reverse

    from agir.rounds.access import Scope
    from agir.rounds.models import RoundCheck

    caretaker = User.objects.get(username="gardien")
    client.force_login(caretaker)
    home = client.get(reverse("rounds:home")).content.decode()
    assert "demandes en cours" in home and reverse("rounds:qr_sheet") in home
    building = Scope.of(caretaker).buildings().order_by("code")[0]
    assert RoundCheck.objects.filter(building=building, ok=True).exists()
    bad = RoundCheck.objects.get(building=building, ok=False)
    assert RepairRequest.objects.filter(
        origin="caretaker", common_area=bad.common_area, status=Status.SUBMITTED
    ).exists()
    page = client.get(reverse("rounds:round", args=[building.code])).content.decode()
    assert "problème signalé" in page and "pas encore vu" in page


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


@pytest.mark.demo_process
@pytest.mark.slow
def test_demo_command_starts_healthy_and_stops_cleanly_on_ctrl_c(tmp_path: Path):
    port, smtp_port = free_port(), free_port()
    env = own_sqlite_environment(tmp_path)  # an empty folder: the demo fills it, as on first start
    demo = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agir",
            "demo",
            "--port",
            str(port),
            "--smtp-port",
            str(smtp_port),
            "--requests",
            "50",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        # Generous: the machine that runs the suite may be busy with other work.
        deadline = time.monotonic() + 300
        status = 0
        for check in ("healthz", "healthz/worker"):
            while time.monotonic() < deadline:
                status, body = _get(f"http://127.0.0.1:{port}/{check}")
                if status == 200:
                    break
                time.sleep(0.5)
            assert status == 200, (check, body)
        status, _ = _get(f"http://127.0.0.1:{port}/compte/connexion/")
        assert status == 200
    finally:
        demo.send_signal(signal.SIGINT)
        output, _ = demo.communicate(timeout=30)
    assert demo.returncode == 0, output
    assert "locataire" in output and "agir-demo" in output
    assert "username 'locataire'" in output
    assert "activation code" in output
    assert "Stopped." in output
    # Quiet children: neither the access log of the checks above nor Django's warnings.
    assert '"GET /healthz' not in output, output
    assert "RuntimeWarning" not in output and "production setting" not in output, output
    assert "erp stopped" not in output  # the simulated ERP ran beside the worker
    assert (tmp_path / "exchange" / "erp" / "state.json").exists()
    # every child of the process group has exited
    leftover = subprocess.run(
        ["pgrep", "-g", str(demo.pid)], capture_output=True, text=True, check=False
    )
    assert leftover.stdout.strip() == ""


def test_demo_contracts_differ_between_sites_so_a_dripping_tap_gets_two_answers(demo_database, db):
    from agir.catalogue.models import CatalogueEntry
    from agir.catalogue.payer import who_pays

    tap = CatalogueEntry.objects.get(code="KIT-TAP-LEAK")
    tilleuls = Dwelling.objects.filter(entrance__building__site__code="TIL").first()
    peupliers = Dwelling.objects.filter(entrance__building__site__code="PEU").first()

    under_contract = who_pays(tap, tilleuls)
    assert under_contract.payer == "contract"
    assert under_contract.contract.contractor == "Plomberie Lys Services"
    assert who_pays(tap, peupliers).payer == "tenant"


def test_demo_tenants_building_is_under_a_plumbing_contract(demo_database, db):
    from agir.catalogue.models import CatalogueEntry
    from agir.catalogue.payer import who_pays

    dwelling = User.objects.get(username="locataire").tenant.current_lease().dwelling
    tap = CatalogueEntry.objects.get(code="KIT-TAP-LEAK")

    assert who_pays(tap, dwelling).contract.phone == "03 20 11 22 33"


def test_demo_has_decisions_on_who_pays_with_their_reasons(demo_database, db):
    decided = RepairRequest.objects.filter(acknowledged_at__isnull=False)
    assert decided.exclude(responsibility_reason="").count() >= 20
    assert decided.exclude(responsibility=models.F("suggested_responsibility")).exists()


def test_demo_starts_connected_with_erp_runs_rejects_and_a_reconciliation(demo_database, db):
    from agir.exchange.models import ExchangeRun, RunKind, RunOutcome

    runs = ExchangeRun.objects.all()
    assert runs.filter(kind=RunKind.EXPORT, outcome=RunOutcome.OK).count() >= 2
    assert runs.filter(kind=RunKind.IMPORT, outcome=RunOutcome.REJECTS, rejects__gt=0).exists()
    assert runs.filter(kind=RunKind.RECONCILE, outcome=RunOutcome.DIFFERENCES).exists()
    assert RepairRequest.objects.exclude(external_ref="").count() > 1000  # the ERP's ids
