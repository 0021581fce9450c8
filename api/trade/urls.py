"""The trade API: a buyer's RFQs, quotes and orders; inquiries for both sides. Names start with "trade-"
(in the api namespace)."""

from django.urls import path

from . import errors  # noqa: F401  (registers the trade domain errors with api.errors)
from .views import inquiries, orders, rfqs, sell

urlpatterns = [
    path("rfqs/", rfqs.RFQList.as_view(), name="trade-rfq-list"),
    path("rfqs/<int:pk>/", rfqs.RFQDetail.as_view(), name="trade-rfq-detail"),
    path("rfqs/<int:pk>/quotes/", rfqs.QuoteList.as_view(), name="trade-quote-list"),
    path("rfqs/<int:pk>/quotes/<int:quote_pk>/", rfqs.QuoteDetail.as_view(), name="trade-quote-detail"),
    path(
        "rfqs/<int:pk>/quotes/<int:quote_pk>/accept/", rfqs.QuoteAccept.as_view(), name="trade-quote-accept"
    ),
    path("inquiries/", inquiries.ThreadList.as_view(), name="trade-inquiry-list"),
    path("inquiries/<int:pk>/", inquiries.ThreadDetail.as_view(), name="trade-inquiry-detail"),
    path("inquiries/<int:pk>/read/", inquiries.ThreadRead.as_view(), name="trade-inquiry-read"),
    path("inquiries/<int:pk>/messages/", inquiries.MessageList.as_view(), name="trade-inquiry-messages"),
    path("sell/rfqs/", sell.OpenRFQList.as_view(), name="trade-sell-rfq-list"),
    path("sell/rfqs/<int:pk>/", sell.OpenRFQDetail.as_view(), name="trade-sell-rfq-detail"),
    path("sell/rfqs/<int:pk>/quote/", sell.OwnQuote.as_view(), name="trade-sell-quote"),
    path("orders/", orders.OrderList.as_view(), name="trade-order-list"),
    path("orders/<int:pk>/", orders.OrderDetail.as_view(), name="trade-order-detail"),
    path(
        "orders/<int:pk>/documents/<slug:kind>/<int:part>/",
        orders.OrderDocument.as_view(),
        name="trade-order-document",
    ),
]
