from django import template

from agir.quotes.models import Quote

register = template.Library()


@register.inclusion_tag("quotes/tenant_quotes.html")
def tenant_quotes(repair) -> dict:
    """The quotes of a request on the tenant's page: the one waiting with its two buttons, the
    answered ones in words (one query)."""
    quotes = [q for q in Quote.objects.filter(request=repair).order_by("-sent_at", "-pk")]
    for quote in quotes:
        quote.request = repair
    return {"repair": repair, "quotes": [q for q in quotes if q.state != "withdrawn"]}
