"""Admin panels shared by the apps."""

from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel


class ReadOnlyPanel(FieldPanel):
    """A read-only field shown as staff read it.

    Wagtail's read-only output prints a value as Python spells it: a list reads
    "['mua bán người']", a boolean "True", an empty relation "None". Here a list reads
    "mua bán người, lừa đảo", a boolean Có / Không and nothing reads "–".
    """

    def __init__(self, field_name, *args, **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, *args, **kwargs)

    def format_value_for_display(self, value):
        if callable(getattr(value, "all", None)):
            value = [str(item) for item in value.all()]
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value) or "–"
        if value is None or value == "":
            return "–"
        return super().format_value_for_display(value)
