"""The buyer's RFQs, inquiries and orders (helper API-2 replaces this file); empty until then."""

urlpatterns = []
