"""Admin wiring of schedules: each feature registers its own screens."""

from .dispatch import wagtail_hooks as dispatch_hooks  # noqa: F401
from .planning import wagtail_hooks as planning_hooks  # noqa: F401
from .press import wagtail_hooks as press_hooks  # noqa: F401
from .reach import wagtail_hooks as reach_hooks  # noqa: F401
from .reports import wagtail_hooks as reports_hooks  # noqa: F401
from .sessions import wagtail_hooks as sessions_hooks  # noqa: F401
from .smartradio import wagtail_hooks as smartradio_hooks  # noqa: F401
