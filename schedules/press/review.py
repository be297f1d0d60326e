"""An editor's verdict on a matched article: confirmed keeps its reach, rejected not."""

import datetime

from django.db import transaction

from schedules.models import Coverage, CoverageStatus, ReachMethod, ReachRecord

from .polling import reach_estimate


@transaction.atomic
def coverage_review(
    *, coverage: Coverage, status: str, user, now: datetime.datetime
) -> Coverage:
    """Set the verdict; a rejected article drops its estimated reach, a confirmed or
    re-opened one has it again."""
    coverage = Coverage.objects.select_for_update().get(pk=coverage.pk)
    coverage.status = CoverageStatus(status)
    coverage.reviewed_by = user if coverage.status != CoverageStatus.PENDING else None
    coverage.save(update_fields=["status", "reviewed_by"])
    if coverage.status == CoverageStatus.REJECTED:
        ReachRecord.objects.filter(
            coverage=coverage, method=ReachMethod.ESTIMATED
        ).delete()
    else:
        reach_estimate(coverage=coverage, now=now)
    return coverage
