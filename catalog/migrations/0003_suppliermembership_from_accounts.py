# SupplierMembership comes over from accounts (accounts 0003_move_suppliermembership_to_catalog) with its
# table, accounts_suppliermembership, created there by accounts 0001 and 0002: no database change, no row
# touched. It runs after the accounts side, so the model is never in both apps at once.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0002_supplier_updated_at'),
        ('accounts', '0003_move_suppliermembership_to_catalog'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SupplierMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('owner', 'Owner'), ('staff', 'Staff')], default='staff', max_length=10)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('supplier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='catalog.supplier')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'accounts_suppliermembership',
                        'constraints': [models.UniqueConstraint(fields=('user', 'supplier'), name='unique_supplier_membership')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
