"""The demo's back-office content: every page of the officer's request work has something real
to show at first start."""

from agir.accounts.models import User
from agir.backoffice.models import CannedAnswer
from agir.notices.models import Notice
from agir.notices.service import at_home
from agir.quotes.models import Quote, QuoteState
from agir.repairs.models import Origin, RepairRequest, RequestEvent, Status


def test_the_demo_has_canned_answers(demo_database, db):
    assert CannedAnswer.objects.in_use().count() >= 3


def test_the_demo_has_a_quote_in_each_state(demo_database, db):
    states = set(Quote.objects.values_list("state", flat=True))
    assert states == set(QuoteState.values)


def test_the_demo_tenant_has_a_quote_to_answer(demo_database, db):
    tenant = User.objects.get(username="locataire").tenant
    assert Quote.objects.filter(request__requested_by=tenant, state=QuoteState.SENT).exists()


def test_the_demo_has_merged_duplicates(demo_database, db):
    assert RequestEvent.objects.filter(data__has_key="merged_into").exists()


def test_the_demo_has_rejected_tenant_repairs_with_advice(demo_database, db):
    assert (
        RequestEvent.objects.filter(to_status=Status.REJECTED, data__tenant_repair=True).count()
        >= 2
    )


def test_the_demo_has_internal_notes(demo_database, db):
    assert RequestEvent.objects.filter(public=False, kind="commented").exists()


def test_the_demo_has_requests_entered_by_phone_and_at_the_counter(demo_database, db):
    origins = set(RepairRequest.objects.values_list("origin", flat=True))
    assert {Origin.PHONE, Origin.COUNTER} <= origins


def test_the_demo_tenant_sees_notices_at_home(demo_database, db):
    tenant = User.objects.get(username="locataire").tenant
    assert len(list(at_home(tenant.current_lease().dwelling))) >= 2
    assert Notice.objects.filter(request__isnull=False).exists()


def test_the_demo_officers_saved_view_of_les_tilleuls_keeps_its_requests_only(
    demo_database, client, db
):
    from agir.backoffice.models import SavedInboxView
    from tests.staff_sign_in import sign_in

    officer = User.objects.get(username="agent")
    view = SavedInboxView.objects.get(owner=officer, name="Tilleuls à qualifier")
    sign_in(client, officer)
    response = client.get(f"/bureau/demandes/?{view.query}")
    assert response.context["place"].exact[0].label == "Les Tilleuls"
    shown = [line.request for line in response.context["rows"]]
    assert shown and all(repair.building.site.code == "TIL" for repair in shown)
