"""The catalogue a process keeps for the wizard and the search (agir.catalogue.held, .snapshot):
read once, read again when a row changes here or in another process, and not trusted for what
is saved."""

import pytest
from django.core.cache import cache

from agir.catalogue import held, search, snapshot
from agir.catalogue.models import CatalogueEntry
from agir.repairs.models import RepairRequest
from tests.portal.helpers import TenantWizard, text_of

LEAK = "KIT-SINK-LEAK"


def _written_by_another_process(**changes) -> None:
    """A row changed without this process's signals, as another process's write looks here."""
    CatalogueEntry.objects.filter(code=LEAK).update(**changes)


def _version_moved_by_another_process() -> None:
    """What another process's signal does to the cache they share (Redis)."""
    try:
        cache.incr(held.VERSION_KEY)
    except ValueError:
        cache.set(held.VERSION_KEY, 1)


@pytest.mark.django_db
def test_the_catalogue_is_read_once_a_process(django_assert_num_queries):
    snapshot.current()

    with django_assert_num_queries(0):
        snapshot.current()
        assert snapshot.entry(LEAK).code == LEAK
        assert snapshot.place_entries("kitchen")
        assert snapshot.places_by_code(["kitchen"])["kitchen"].code == "kitchen"


@pytest.mark.django_db
def test_an_entry_saved_in_this_process_is_seen_at_once():
    snapshot.current()
    entry = CatalogueEntry.objects.get(code=LEAK)
    entry.title = "Fuite sous l'évier de la cuisine"
    entry.save()

    assert snapshot.entry(LEAK).title == "Fuite sous l'évier de la cuisine"


@pytest.mark.django_db
def test_a_change_in_another_process_is_seen_once_the_shared_version_moves():
    assert snapshot.entry(LEAK) is not None
    _written_by_another_process(active=False)
    assert snapshot.entry(LEAK) is not None  # still the copy this process holds

    _version_moved_by_another_process()

    assert snapshot.entry(LEAK) is None


class CountingCache:
    """The cache, counting the reads of the catalogue's version."""

    def __init__(self, real) -> None:
        self.real, self.version_reads = real, 0

    def get(self, key, default=None):
        self.version_reads += key == held.VERSION_KEY
        return self.real.get(key, default)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.mark.parametrize("step", ["wizard_what", "wizard_symptom", "wizard_review"])
def test_a_wizard_step_reads_the_shared_version_once(client, household, monkeypatch, step):
    wizard = TenantWizard(client, household).start()
    wizard.reach_review()
    args = {"wizard_what": ["kitchen"], "wizard_symptom": ["kitchen", wizard.state.equipment]}
    url = wizard.url(step, *args.get(step, []))
    counting = CountingCache(held.django_cache)
    monkeypatch.setattr(held, "django_cache", counting)

    assert client.get(url).status_code == 200

    assert counting.version_reads == 1


def test_the_next_request_sees_a_version_another_process_moved(client, household):
    wizard = TenantWizard(client, household).start()
    wizard.reach_review()
    url = wizard.url("wizard_symptom", "kitchen", wizard.state.equipment)
    title = CatalogueEntry.objects.get(code=LEAK).title
    assert title in text_of(client.get(url))
    _written_by_another_process(active=False)
    assert title in text_of(client.get(url))  # still the copy this process holds

    _version_moved_by_another_process()

    assert title not in text_of(client.get(url))


@pytest.mark.django_db
def test_without_a_shared_cache_the_copy_is_read_again_after_its_age(monkeypatch):
    assert snapshot.entry(LEAK) is not None
    _written_by_another_process(active=False)

    monkeypatch.setattr(held, "MAX_AGE", 0.0)

    assert snapshot.entry(LEAK) is None


@pytest.mark.django_db
def test_the_search_forgets_an_entry_deactivated_in_this_process():
    assert LEAK in [s.entry.code for s in search.suggest("fuite sous l'évier")]
    entry = CatalogueEntry.objects.get(code=LEAK)
    entry.active = False
    entry.save()

    assert LEAK not in [s.entry.code for s in search.suggest("fuite sous l'évier")]


def test_confirm_refuses_an_entry_the_database_no_longer_offers(wizard):
    wizard.reach_review()
    _written_by_another_process(active=False)  # the pages still show the copy held

    response = wizard.confirm()

    assert response.status_code == 400
    assert "Choisissez-le à nouveau" in text_of(response)
    assert not RepairRequest.objects.exists()


def test_confirm_saves_who_pays_as_the_database_says_it(wizard):
    assert CatalogueEntry.objects.get(code=LEAK).responsibility == "assess"
    wizard.reach_review()
    _written_by_another_process(responsibility="tenant", contract_kind="")

    wizard.confirm(accept_charge="on")

    made = RepairRequest.objects.get()
    assert made.catalogue_entry.code == LEAK
    assert made.responsibility == "tenant"
    assert made.tenant_accepted_charge
