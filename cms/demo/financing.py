"""Demo lenders and advances (issue 20). They are orders' data, built by orders' own services; cms may not
import orders (the layers contract in pyproject.toml), so this runs orders' management command, its public
interface, after the catalog and the demo people exist."""

from django.core.management import call_command

# Printed with the other demo logins (password demo-pass-2026): the two lenders' officers, at /lend/.
LENDER_LOGINS = ["lender@demo.pk", "bank@demo.pk"]


def build_financing():
    call_command("load_demo_financing", verbosity=0)
