"""The series the charts draw, computed on the server and embedded as JSON; the
browser only draws them (schedules/static/schedules/reports/charts.js)."""

from django.utils.translation import gettext as _

from .report import Report


def chart_data(report: Report) -> dict:
    return {
        "days": [
            {
                "key": row.key,
                "label": row.extra["date"].strftime("%d/%m"),
                "reach": row.reach,
                "records": row.records,
                "anchor": row.extra["anchor"],
            }
            for row in report.by_day
        ],
        "channels": sorted(
            (
                {"label": row.label, "value": row.reach}
                for row in report.by_channel
                if row.reach or row.records
            ),
            key=lambda bar: -bar["value"],
        ),
        "units": [
            {"label": row.label, "value": row.reach}
            for row in report.by_unit
            if row.reach or row.records
        ],
        "areas": [
            {
                "label": row.label,
                "value": row.reach,
                "lon": row.extra["lon"],
                "lat": row.extra["lat"],
                "risk": row.extra["high_risk"],
            }
            for row in report.by_area
            if not row.extra["whole"] and row.extra["lon"] is not None
        ],
        "text": {
            "reach": _("People reached"),
            "records": _("Reach records"),
            "anchor": _("30/7"),
            "high_risk": _("High-risk area"),
            "other": _("Other area"),
            "size": _("Bubble area: people reached"),
            # Abbreviations on the axes: 50 k, 1.5 M.
            "thousand": _("k"),
            "million": _("M"),
            "empty": _("No reach recorded for this selection."),
            "no_map": _("No district has a centroid to place it on the map."),
        },
    }
