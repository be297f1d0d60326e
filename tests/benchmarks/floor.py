"""The least a delivery can do, as a second reference for the dispatch benchmark.

The three steps no delivery can skip, in bare SQL with no Django model code: take the
lease (one UPDATE, not waited for on disk), POST the signed body, record "sent" with
its event (one durable statement). Measured beside Celery's no-op, it tells how much
of the gap is the work itself and how much is ours. PostgreSQL only; loaded into the
benchmark's workers with ``--include``.
"""

import json
import os
import uuid

import urllib3
from celery import shared_task
from django.db import connection, transaction

from schedules.dispatch.signing import SIGNATURE_HEADER, webhook_signature

NAME = "benchmarks.delivery_floor"
_pools: dict[int, urllib3.PoolManager] = {}

LEASE = """
UPDATE schedules_broadcast AS b
   SET lease_token = %s, lease_until = now() + interval '2 minutes',
       attempts = b.attempts + 1
  FROM schedules_channel AS c
 WHERE c.id = b.channel_id AND b.id = %s AND b.version = %s
   AND b.status = 'dispatching'
   AND (b.lease_until IS NULL OR b.lease_until < now())
RETURNING b.key, b.text, c.webhook_url, c.webhook_secret
"""

FINISH = """
WITH sent AS (
    UPDATE schedules_broadcast
       SET status = 'sent', lease_token = NULL, lease_until = NULL,
           sent_at = now(), delivered_version = version
     WHERE id = %s AND lease_token = %s
 RETURNING id
)
INSERT INTO schedules_broadcastevent
       (broadcast_id, from_status, to_status, at, actor, note)
SELECT id, 'dispatching', 'sent', now(), 'benchmark floor', '' FROM sent
"""


def pool() -> urllib3.PoolManager:
    if os.getpid() not in _pools:
        _pools.clear()
        _pools[os.getpid()] = urllib3.PoolManager(retries=False)
    return _pools[os.getpid()]


@shared_task(name=NAME, ignore_result=True)
def delivery_floor(broadcast_id: int, version: int):
    token = uuid.uuid4()
    with connection.cursor() as cursor:
        with transaction.atomic():
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
            cursor.execute(LEASE, [token, broadcast_id, version])
            row = cursor.fetchone()
        if row is None:
            return
        key, text, url, secret = row
        idempotency_key = f"{key}:{version}"
        body = json.dumps({"key": str(key), "version": version, "text": text}).encode()
        pool().request(
            "POST",
            url,
            body=body,
            headers={
                "Content-Type": "application/json; charset=utf-8",
                SIGNATURE_HEADER: webhook_signature(secret, body),
                "Idempotency-Key": idempotency_key,
            },
            redirect=False,
            timeout=urllib3.Timeout(connect=5, read=10),
        )
        cursor.execute(FINISH, [broadcast_id, token])
