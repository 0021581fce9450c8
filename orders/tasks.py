"""The order side's periodic jobs as tasks (the schedule: marketplace/jobs/schedule.py). Each calls the same
service as its management command and is idempotent: a run repeated finds nothing left to do."""

import logging

from marketplace.jobs.queue import job

from . import cancellation
from .ledger import escrow, reconcile

logger = logging.getLogger(__name__)


@job()
def expire_unpaid_orders():
    """Cancel orders unpaid for UNPAID_ORDER_EXPIRY_HOURS (hourly); orders Stripe could not settle wait for
    the next run."""
    report = cancellation.expire_unpaid_orders()
    for order_id, why in report.left:
        logger.warning("order %s left for the next run: %s", order_id, why)
    return {"cancelled": report.cancelled, "paid": report.paid, "left": [pk for pk, _why in report.left]}


@job()
def release_escrow():
    """Release the escrow of orders shipped ESCROW_AUTO_RELEASE_DAYS ago without a dispute (daily)."""
    return escrow.release_due_escrow()


@job()
def check_ledger():
    """Prove the ledger reconciles (daily); each problem is an error in the log. Reads only."""
    problems = reconcile.ledger_problems()
    for problem in problems:
        logger.error("ledger problem: %s", problem, extra={"event": "ledger_problem"})
    return len(problems)
