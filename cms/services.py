import logging
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Site

from .models import JobRun

logger = logging.getLogger(__name__)


def job_run_record(*, name: str, detail: str = "", now=None) -> JobRun:
    """Stamp a periodic job as finished now."""
    run, _ = JobRun.objects.update_or_create(
        name=name, defaults={"finished_at": now or timezone.now(), "detail": detail}
    )
    return run


def site_follow_url(*, url: str) -> Site | None:
    """Point the default Wagtail site at ``url`` (SITE_URL): its hostname and port
    make the sitemap's, the API's and the e-mails' links. Returns the site if it
    changed."""
    parts = urlsplit(url)
    if not parts.hostname:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        # Wagtail writes https only for port 443: links would say http://.
        logger.warning("SITE_URL %s: Wagtail links use https only on port 443", url)
    with transaction.atomic():
        site = Site.objects.select_for_update().filter(is_default_site=True).first()
        if site is None or (site.hostname, site.port) == (parts.hostname, port):
            return None
        old = site.root_url
        site.hostname, site.port = parts.hostname, port
        try:
            with transaction.atomic():
                site.save(update_fields=["hostname", "port"])
        except IntegrityError:
            logger.warning("SITE_URL %s: another Wagtail site has this address", url)
            return None
    logger.info("The default site moved from %s to %s", old, site.root_url)
    return site
