from django import template

from agir.notices import service

register = template.Library()


@register.inclusion_tag("notices/at_home.html")
def building_notices(dwelling) -> dict:
    """The notices of the tenant's entrance, building and site, on their home page."""
    return {"notices": list(service.at_home(dwelling))}
