from django import template

register = template.Library()


@register.filter
def cell(value) -> str:
    """A table cell: nothing shows as a dash; shares show as percentages (their str)."""
    if value is None or value == "":
        return "—"
    return str(value)
