from django import template

register = template.Library()


@register.filter
def cell(value) -> str:
    """A table cell: nothing shows as a dash; shares show as percentages (their str)."""
    if value is None or value == "":
        return "—"
    if type(value) is float:  # a mean; shares (`Share`) say themselves as percentages
        return f"{value:.2f}".replace(".", ",")
    return str(value)
