"""Reach is counted on the day people were reached, not the day it was entered."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    """The airing, the session's start, the article's date; else when it was entered.

    Until now a confirmation without a time from the channel stored the moment of
    confirming as ``aired_at`` (its "aired" event has the very same time): those
    broadcasts aired as planned, at ``starts_at``.
    """
    ReachRecord = apps.get_model("schedules", "ReachRecord")
    Broadcast = apps.get_model("schedules", "Broadcast")
    BroadcastEvent = apps.get_model("schedules", "BroadcastEvent")
    confirmed_without_time = BroadcastEvent.objects.filter(
        broadcast=OuterRef("pk"), to_status="aired", at=OuterRef("aired_at")
    )
    Broadcast.objects.filter(Exists(confirmed_without_time)).update(
        aired_at=F("starts_at")
    )
    Session = apps.get_model("schedules", "Session")
    Coverage = apps.get_model("schedules", "Coverage")
    aired = Broadcast.objects.filter(pk=OuterRef("broadcast_id")).values(
        when=Coalesce("aired_at", "starts_at")
    )
    held = Session.objects.filter(pk=OuterRef("session_id")).values("starts_at")
    published = Coverage.objects.filter(pk=OuterRef("coverage_id")).values(
        when=Coalesce("published_at", "found_at")
    )
    ReachRecord.objects.filter(broadcast__isnull=False).update(
        reached_at=Subquery(aired[:1])
    )
    ReachRecord.objects.filter(session__isnull=False).update(
        reached_at=Subquery(held[:1])
    )
    ReachRecord.objects.filter(coverage__isnull=False).update(
        reached_at=Subquery(published[:1])
    )
    ReachRecord.objects.filter(reached_at__isnull=True).update(
        reached_at=F("recorded_at")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("schedules", "0004_merge_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="reachrecord",
            name="reached_at",
            field=models.DateTimeField(null=True, verbose_name="reached at"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reachrecord",
            name="reached_at",
            field=models.DateTimeField(
                db_index=True,
                help_text=(
                    "When the people were reached: the airing, the session, the "
                    "article. Reports count the reach on this day."
                ),
                verbose_name="reached at",
            ),
        ),
        migrations.AlterField(
            model_name="reachrecord",
            name="recorded_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="recorded at"
            ),
        ),
        migrations.AlterModelOptions(
            name="reachrecord",
            options={
                "ordering": ["-reached_at"],
                "verbose_name": "reach record",
                "verbose_name_plural": "reach records",
            },
        ),
    ]
