"""OPTIONS, which DRF answers for every view (and asks PUT views for their object), never fails."""

import pytest
from django.urls import reverse

URLS = {
    "trade-rfq-list": lambda s: [],
    "trade-rfq-detail": lambda s: [s["quote"].rfq_id],
    "trade-quote-list": lambda s: [s["quote"].rfq_id],
    "trade-quote-detail": lambda s: [s["quote"].rfq_id, s["quote"].pk],
    "trade-quote-accept": lambda s: [s["quote"].rfq_id, s["quote"].pk],
    "trade-inquiry-list": lambda s: [],
    "trade-inquiry-detail": lambda s: [9999],
    "trade-inquiry-read": lambda s: [9999],
    "trade-inquiry-messages": lambda s: [9999],
    "trade-order-list": lambda s: [],
    "trade-order-detail": lambda s: [9999],
    "trade-sell-rfq-list": lambda s: [],
    "trade-sell-rfq-detail": lambda s: [s["quote"].rfq_id],
    "trade-sell-quote": lambda s: [s["quote"].rfq_id],
}


@pytest.mark.parametrize("name", sorted(URLS))
@pytest.mark.parametrize("who", ["buyer", "artisan", "other_artisan"])
def test_options_answers_without_a_server_error(request, trade_client_for, quote, name, who):
    client = trade_client_for(request.getfixturevalue(who))
    url = reverse(f"api:{name}", args=URLS[name]({"quote": quote}))

    response = client.options(url)

    assert response.status_code in (200, 404), response.content
