"""One planning run in a process of its own, so its peak memory is its own.

`python -m tests.benchmarks.planning_run <campaign id> <now, ISO> <seed>` with
DATABASE_URL naming the benchmark's database. Prints one JSON line: broadcasts
stored, seconds of plan + persist, the process's peak resident memory (ru_maxrss,
the whole process: Python, Django and the planning) and its size before planning.
"""

import datetime
import json
import os
import resource
import sys
import time


def peak_mib() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(campaign_id: str, now: str, seed: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from campaigns.models import CampaignPage
    from schedules.planning.services import broadcast_plan_generate

    campaign = CampaignPage.objects.get(pk=int(campaign_id))
    before = peak_mib()
    started = time.perf_counter()
    plan, count = broadcast_plan_generate(
        campaign=campaign, now=datetime.datetime.fromisoformat(now), seed=int(seed)
    )
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "plan": plan.pk,
                "count": count,
                "seconds": seconds,
                "peak_mib": peak_mib(),
                "before_mib": before,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
