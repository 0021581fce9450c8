"""The trade flows' periodic jobs as tasks (the schedule: marketplace/jobs/schedule.py)."""

from marketplace.jobs.queue import job

from .services import lead_reminders, rfqs


@job()
def expire_rfqs():
    """Expire quotes past their validity and RFQs past their deadline (hourly). Idempotent."""
    quotes, expired_rfqs = rfqs.expire_quotes_and_rfqs()
    return {"quotes": quotes, "rfqs": expired_rfqs}


@job()
def send_lead_reminders():
    """Email each supplier member the leads due for follow-up (hourly; sends from the morning, once a day per
    person: services.lead_reminders). Idempotent."""
    return {"emails": lead_reminders.send_lead_reminders()}
