"""Celery finds tasks in ``<app>.tasks``: planning's live here, the rest beside."""

from celery import shared_task

from .dispatch.tasks import deliver_broadcast, dispatch_due
from .models import BroadcastPlan
from .planning import broadcast_plan_generate, plan_failed

__all__ = ["deliver_broadcast", "dispatch_due", "plan_broadcasts"]


@shared_task(acks_late=True)
def plan_broadcasts(plan_id: int):
    """Generate the plan the admin asked for; progress is stored on the plan row."""
    plan = BroadcastPlan.objects.select_related("campaign").filter(pk=plan_id).first()
    if plan is None or plan.status not in ("pending", "running"):
        return
    try:
        broadcast_plan_generate(campaign=plan.campaign, seed=plan.seed, plan=plan)
    except Exception as error:
        plan_failed(plan=plan, error=str(error))
        raise
