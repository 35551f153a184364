"""The personas, with a plumbing contract on their building held by the contractor's company,
and tenant A's request taken in hand: ready to be ordered."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from agir.accounts.models import User
from agir.estate.models import ContractKind, Contractor, MaintenanceContract
from agir.repairs import lifecycle
from agir.repairs.lifecycle import Actor
from agir.repairs.models import RepairRequest
from agir.works import orders
from agir.works.models import Assignee, WorkOrder
from tests.personas import Personas
from tests.staff_sign_in import sign_in


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Works:
    p: Personas
    company: Contractor
    contract: MaintenanceContract
    request: RepairRequest

    @property
    def officer(self) -> User:
        return self.p.officer

    @property
    def contractor_user(self) -> User:
        return self.p.contractor

    def client(self, user: User | None) -> Client:
        client = Client()
        if user is not None:
            sign_in(client, user)
        return client

    def order(self, request: RepairRequest | None = None, **kwargs) -> WorkOrder:
        defaults = {
            "assignee": Assignee.CONTRACTOR,
            "contractor": self.company,
            "job": "Remplacer le joint sous l'évier.",
        }
        return orders.order_work(
            request or self.request, actor=Actor.of(self.officer), **{**defaults, **kwargs}
        )


def plumbing_contract(personas: Personas) -> MaintenanceContract:
    company = personas.contractor.contractors.get()
    company.email = "interventions@plomberie-lys.example"
    company.save(update_fields=["email"])
    from tests.builders import build_contract

    contract = build_contract(ContractKind.PLUMBING, buildings=(personas.estate.building,))
    contract.contractor = company
    contract.save(update_fields=["contractor"])
    return contract


@pytest.fixture
def works(personas) -> Works:
    contract = plumbing_contract(personas)
    request = personas.alice_request
    lifecycle.acknowledge(request, actor=Actor.of(personas.officer))
    return Works(p=personas, company=contract.contractor, contract=contract, request=request)
