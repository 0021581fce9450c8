"""The trade flows' periodic job as a task (the schedule: marketplace/jobs/schedule.py)."""

from marketplace.jobs.queue import job

from .services import rfqs


@job()
def expire_rfqs():
    """Expire quotes past their validity and RFQs past their deadline (hourly). Idempotent."""
    quotes, expired_rfqs = rfqs.expire_quotes_and_rfqs()
    return {"quotes": quotes, "rfqs": expired_rfqs}
