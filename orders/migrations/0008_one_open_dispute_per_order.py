"""One open dispute per order. Orders that already hold several open disputes (a disputed order used to accept
more) keep their oldest open one; each later one is merged into it first: its reason appended, its photos
moved, its card-dispute id carried over if the kept one has none, and it is closed with a note saying where it
went. Nothing is deleted. Going back removes the constraint and leaves the merge as it is."""

from django.db import migrations, models
from django.utils import timezone


def merge_open_disputes(apps, schema_editor):
    Dispute = apps.get_model("orders", "Dispute")
    DisputePhoto = apps.get_model("orders", "DisputePhoto")
    crowded = (
        Dispute.objects.filter(state="open")
        .values("order_id")
        .annotate(n=models.Count("pk"))
        .filter(n__gt=1)
        .values_list("order_id", flat=True)
    )
    for order_id in list(crowded):
        kept, *later = Dispute.objects.filter(order_id=order_id, state="open").order_by("created_at", "pk")
        for extra in later:
            kept.reason += f"\n\n[Dispute {extra.pk}, opened {extra.created_at:%Y-%m-%d %H:%M} UTC]\n{extra.reason}"
            DisputePhoto.objects.filter(dispute_id=extra.pk).update(dispute_id=kept.pk)
            if extra.stripe_id and not kept.stripe_id:
                kept.stripe_id, extra.stripe_id = extra.stripe_id, None
            elif extra.stripe_id:
                kept.reason += f"\n(card dispute {extra.stripe_id})"
            extra.state = "resolved"
            extra.resolved_at = timezone.now()
            extra.resolution_note = f"Merged into dispute {kept.pk}: one open dispute per order."
            extra.save(update_fields=["state", "resolved_at", "resolution_note", "stripe_id"])
        kept.save(update_fields=["reason", "stripe_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0007_disputephoto_private_storage"),
    ]

    operations = [
        migrations.RunPython(merge_open_disputes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="dispute",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "open")), fields=("order",), name="one_open_dispute_per_order"
            ),
        ),
    ]
