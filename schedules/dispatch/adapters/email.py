"""E-mail to the channel's contact: the text or script, media links, "it aired" link.

The Message-ID is made from the broadcast's key and version, so a mail system or the
reader sees a second copy as the same message.
"""

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .base import Content, PermanentError, RetryableError


def message_for(content: Content) -> EmailMessage:
    broadcast = content.broadcast
    context = {
        "broadcast": broadcast,
        "channel": broadcast.channel,
        "starts_at": timezone.localtime(broadcast.starts_at),
        "ends_at": timezone.localtime(broadcast.ends_at),
        "content": content,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("schedules/dispatch/email_subject.txt", context)
        body = render_to_string("schedules/dispatch/email_body.txt", context)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[broadcast.channel.contact_email],
        headers={
            "Message-ID": f"<{broadcast.key}.{broadcast.version}@{domain}>",
            "Idempotency-Key": content.idempotency_key,
        },
    )


def deliver(content: Content) -> None:
    if not content.broadcast.channel.contact_email:
        raise PermanentError(_("The channel has no contact e-mail."))
    try:
        message_for(content).send()
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
        raise PermanentError(f"address refused: {exc}") from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise RetryableError(f"mail server: {exc.__class__.__name__}: {exc}") from exc
