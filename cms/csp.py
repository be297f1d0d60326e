"""A Content-Security-Policy on every response, by django-csp.

The public site gets the strict policy of ``CONTENT_SECURITY_POLICY``: scripts,
styles and everything else from this site only, no inline script or style, no
frames, no plugins. The editors' admin (Wagtail and Django's) gets
``ADMIN_CONTENT_SECURITY_POLICY``: the same, except the inline scripts and styles
Wagtail 8's widgets still write and the same-origin preview frame. The project's
own admin screens carry no inline script either (see the e2e test).
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and request.path.startswith(ADMIN_PREFIXES):
            directives = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            return PolicyParts(
                default_config(directives), parts.update, parts.replace, parts.nonce
            )
        return parts
