# SupplierMembership moves to the catalog app (the core accounts app must not depend on the catalog).
# Only Django's record of the model changes: the table accounts_suppliermembership and its rows stay as they
# are, and catalog 0003_suppliermembership_from_accounts takes the model over with the same table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='SupplierMembership',
                ),
            ],
            database_operations=[],
        ),
    ]
