"""A batch must read what each broadcast sends when it sends it, not at batch start."""

import pytest
from django.db import connection

from media.models import CampaignImage, Consent
from schedules.dispatch.delivery import broadcasts_deliver
from tests.factories import CampaignImageFactory
from tests.schedules.dispatch.receiver import Receiver
from tests.schedules.dispatch.test_batches import SECRET, claimed_batch, items


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_image_whose_consent_is_withdrawn_mid_batch_is_not_sent_again():
    image_ids = []

    def behaviour(index, key):
        try:
            if index == 0:
                # The people shown withdraw their consent while the batch runs.
                image = CampaignImage.objects.get(pk=image_ids[0])
                image.consent = Consent.WITHHELD
                image.save()
        finally:
            connection.close()
        return 200

    with Receiver(secret=SECRET, behaviour=behaviour) as receiver:
        broadcasts = claimed_batch(receiver, 2)
        variant = broadcasts[0].variant
        assert all(b.variant_id == variant.pk for b in broadcasts)
        image = CampaignImageFactory()
        image_ids.append(image.pk)
        variant.image = image
        variant.save()
        broadcasts_deliver(items=items(broadcasts))

    first, second = (call["body"]["media"] for call in receiver.calls)
    assert [m["kind"] for m in first] == ["image"]
    # Sent one second after consent was withdrawn: must carry no image.
    assert [m["kind"] for m in second] == []
