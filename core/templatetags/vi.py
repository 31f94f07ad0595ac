"""Vietnamese presentation filters: numbers as 8.756.173, dates as dd/mm/yyyy."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def so(value):
    """Group thousands with dots, the Vietnamese way: 8756173 → "8.756.173". The one
    place numbers are grouped: templates use the filter, Python code calls it."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return value
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


@register.filter
def ngay(value):
    """dd/mm/yyyy in Vietnam's time zone."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")


@register.filter
def ngay_gio(value):
    """dd/mm/yyyy HH:MM in Vietnam's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
