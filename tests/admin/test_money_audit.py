from decimal import Decimal

import pytest
from djmoney.money import Money

from tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_changing_a_contribution_amount_in_the_admin_records_who_and_before_and_after(admin_client, admin_user):
    contribution = ContributionFactory(amount=Money(Decimal("100000.00"), "EUR"))
    form = admin_client.get(f"/admin/donors/contribution/{contribution.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "donor": contribution.donor.pk,
            "programme": contribution.programme.pk,
            "amount_0": "125000.50",
            "amount_1": "EUR",
            "covers_from": "2022-01-01",
            "covers_until": "2022-12-31",
            "signed_on": "2022-01-15",
        }
    )
    for many in ("events", "publications", "information_resources"):
        data.pop(many, None)

    response = admin_client.post(f"/admin/donors/contribution/{contribution.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    latest, previous = contribution.history.all()[:2]
    assert previous.amount == Money(Decimal("100000.00"), "EUR")
    assert latest.amount == Money(Decimal("125000.50"), "EUR")
    assert latest.history_user == admin_user
    delta = latest.diff_against(previous)
    assert [change.field for change in delta.changes] == ["amount"]
    history_page = admin_client.get(f"/admin/donors/contribution/{contribution.pk}/history/")
    assert history_page.status_code == 200
