from django import template

from agir.backoffice.menu import links_for

register = template.Library()


@register.inclusion_tag("backoffice/_menu.html", takes_context=True)
def staff_menu(context) -> dict:
    request = context["request"]
    return {"links": links_for(request.user, request.path)}
