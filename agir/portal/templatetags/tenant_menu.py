from django import template

from agir.portal import menu

register = template.Library()


@register.inclusion_tag("core/_menu.html", takes_context=True)
def tenant_menu(context) -> dict:
    request = context["request"]
    return {"links": menu.links(request.user, request.path), "kind": "tenant"}
