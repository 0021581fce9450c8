"""The figures a cluster programme reports: the curators' dashboard in the Wagtail admin ("Programme").

What a scope counts (the same filters make the dashboard's figures and the record lists they link to):

- **whole marketplace**: every supplier's records in the period;
- **cluster**: the records of the suppliers in the cluster (a supplier in two clusters counts in both);
- **event**: the event's exhibitors' activity in the period, and of leads only those met at the event.
  Its exhibitors are all of the event's, whatever the period.

The period is a range of whole days, both included (default: the last 12 months). A record belongs to the
period by the day it was created (an order's part by its order's), an exhibitor by an event overlapping it.
What is counted (programme.records holds the filters): exhibitors; active suppliers (active, and in the
period received an inquiry, quoted, offered subcontracting capacity or had an order part); leads, the share
first contacted at most 7 days after capture, and the share that reached "ordered" (conversion); inquiries
(threads); RFQs received (invitations: an RFQ reaches several suppliers, each counts its own); quotes;
subcontracting requests answered (capacity offers: a request goes to a whole cluster, the offer is the
supplier's) and allocations (lines of confirmed allocations, one per supplier allocated); orders (each
supplier's part of a paid order not refunded, not declined) and their value in USD; advances requested
(any state), approved (approved, disbursed or repaid since) and repaid, by the day they were requested.
Every figure is broken down by the supplier's women-led flag and size (micro, small, medium), as stored
today. Modules: `scope` (the form and the filters), `records` (what each figure counts), `figures` (the
aggregate queries), `charts` (inline SVG), `admin` (the views and the menu item).
"""
