"""Export documents as PDF: the proforma invoice of an accepted quote, and the commercial invoice and packing
list of each shipped part of an order.

- `content`: what a document says, as plain data (ExportDocument), and how its figures are printed;
- `shipment`: the commercial invoice and packing list of a shipped part, and who may download them;
- `rendering`: template → HTML → PDF with WeasyPrint, offline, with fonts for Latin and Urdu text;
- `listing`: `documents_for(order_or_quote, user)`, the links a page (or the API) offers;
- `views`: the downloads. The proforma invoice is built in `orders.trade.documents`, where quotes live.
"""
