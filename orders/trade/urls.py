from django.urls import path

from .views import documents, inbox, lead_capture, leads, rfqs, subcontracting, workbench

app_name = "trade"

urlpatterns = [
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/new/", inbox.new_inquiry, name="inquiry-new"),
    path("inbox/<int:pk>/", inbox.thread_detail, name="thread"),
    path("inbox/<int:pk>/close/", inbox.thread_close, name="thread-close"),
    path("trade/attachments/<int:pk>/", inbox.attachment, name="attachment"),
    path("rfqs/", rfqs.rfq_list, name="rfqs"),
    path("rfqs/new/", rfqs.rfq_new, name="rfq-new"),
    path("rfqs/<int:pk>/", rfqs.rfq_detail, name="rfq"),
    path("rfqs/<int:pk>/cancel/", rfqs.rfq_cancel, name="rfq-cancel"),
    path("rfqs/<int:pk>/quotes/<int:quote_pk>/accept/", rfqs.quote_accept, name="quote-accept"),
    path("rfqs/<int:pk>/quotes/<int:quote_pk>/ask/", rfqs.quote_ask, name="quote-ask"),
    path("rfqs/<int:pk>/quotes/<int:quote_pk>/proforma.pdf", documents.quote_proforma, name="quote-proforma"),
    path("sell/rfqs/", rfqs.sell_rfq_list, name="sell-rfqs"),
    path("sell/rfqs/<int:pk>/", rfqs.sell_rfq_detail, name="sell-rfq"),
    path("sell/quotes/", workbench.sell_quotes, name="sell-quotes"),
    path("clusters/<slug:slug>/subcontract/", subcontracting.request_new, name="subcontract-new"),
    path("subcontracting/", subcontracting.my_requests, name="subcontracts"),
    path("subcontracting/<int:pk>/", subcontracting.request_detail, name="subcontract"),
    path("subcontracting/<int:pk>/allocate/", subcontracting.allocate, name="subcontract-allocate"),
    path("subcontracting/<int:pk>/close/", subcontracting.close_short, name="subcontract-close"),
    path("sell/subcontracting/", subcontracting.sell_requests, name="sell-subcontracts"),
    # Leads captured at the booth (orders.trade.leads.capture); the pipeline's pages are beside them.
    path("sell/leads/new/", lead_capture.lead_new, name="lead-new"),
    path("sell/leads/new/<int:pk>/saved/", lead_capture.lead_captured, name="lead-captured"),
    # Issue 20, the leads' follow-up pipeline (views.leads).
    path("sell/leads/", leads.sell_leads, name="sell-leads"),
    path("sell/leads/<int:pk>/", leads.sell_lead, name="sell-lead"),
    path("sell/leads/<int:pk>/stage/", leads.sell_lead_stage, name="sell-lead-stage"),
    path("sell/leads/<int:pk>/next-action/", leads.sell_lead_next_action, name="sell-lead-next-action"),
]
