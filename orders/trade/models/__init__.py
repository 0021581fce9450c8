"""Trade models, one module per flow; import them from here."""

from .attachment import Attachment
from .inquiry import Message, Thread
from .lead import Lead, LeadLink
from .rfq import RFQ, Quote, QuoteMessage, RFQInvitation
from .subcontract import Allocation, AllocationLine, CapacityOffer, SubcontractRequest

__all__ = [
    "RFQ",
    "Allocation",
    "AllocationLine",
    "Attachment",
    "CapacityOffer",
    "Lead",
    "LeadLink",
    "Message",
    "Quote",
    "QuoteMessage",
    "RFQInvitation",
    "SubcontractRequest",
    "Thread",
]
