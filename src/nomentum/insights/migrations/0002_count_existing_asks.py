"""Count the tallies of the asks logged before there were tallies (a later change to the
tallies' columns rebuilds them in its own migration)."""

from django.db import migrations


def count_existing(apps, schema_editor):
    from nomentum.insights import tallies

    Ask = apps.get_model("asks", "Ask")
    for owner_id in Ask.objects.values_list("owner_id", flat=True).distinct().order_by():
        tallies.rebuild(owner_id, Ask)


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("asks", "0004_pitch_ask_pitch_pitch_pitch_unique_name"),
    ]

    operations = [migrations.RunPython(count_existing, migrations.RunPython.noop)]
