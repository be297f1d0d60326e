"""Celery tasks of planning: thin, they take ids and call one service each."""

from celery import shared_task

from schedules.models import BroadcastPlan, PlanStatus

from .services import broadcast_plan_generate, plan_failed


@shared_task(acks_late=True)
def plan_broadcasts(plan_id: int):
    """Generate the plan the admin asked for; progress is stored on the plan row."""
    plan = BroadcastPlan.objects.select_related("campaign").filter(pk=plan_id).first()
    if plan is None or plan.status not in (PlanStatus.PENDING, PlanStatus.RUNNING):
        return
    try:
        broadcast_plan_generate(campaign=plan.campaign, seed=plan.seed, plan=plan)
    except Exception as error:
        plan_failed(plan=plan, error=str(error))
        raise
