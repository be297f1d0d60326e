"""Numbers in reports grouped by thousands the local way (1.650 in Vietnamese).

Django's Vietnamese formats set no NUMBER_GROUPING, so `floatformat:"g"` would
print 4500149; the committee reads 4.500.149.
"""

from django import template
from django.utils.formats import get_format

register = template.Library()


def _local(text: str) -> str:
    thousands = get_format("THOUSAND_SEPARATOR")
    decimal = get_format("DECIMAL_SEPARATOR")
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


@register.filter
def number(value, places=0):
    """An integer (or `places` decimals) with local thousands and decimal marks."""
    if value is None or value == "":
        return "–"
    try:
        places = int(places)
        return _local(f"{float(value):,.{places}f}")
    except (TypeError, ValueError):
        return value
