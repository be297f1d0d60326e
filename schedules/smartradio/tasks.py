"""Celery tasks of smart radio: thin, they take ids and call one service each."""

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .bulletins import bulletin_prepare, bulletins_due


@shared_task(expires=55)
def prepare_due_bulletins():
    """The beat job (every minute): a task per bulletin needed soon."""
    ids = bulletins_due(now=timezone.now())
    transaction.on_commit(lambda: [prepare_bulletin.delay(pk) for pk in ids])
    return len(ids)


@shared_task(acks_late=True, ignore_result=True, time_limit=600)
def prepare_bulletin(bulletin_id: int):
    return bulletin_prepare(bulletin_id=bulletin_id).status
