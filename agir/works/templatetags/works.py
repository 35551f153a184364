"""`{% work_orders_panel repair %}`: the work orders of a request, on the officer's request page."""

from django import template

from agir.works.models import WorkOrder
from agir.works.orders import ORDERABLE

register = template.Library()


@register.inclusion_tag("works/_request_panel.html")
def work_orders_panel(repair):
    work_orders = list(
        WorkOrder.objects.filter(request=repair).select_related("contractor", "caretaker__user")
    )
    return {
        "repair": repair,
        "work_orders": work_orders,
        "can_order": repair.status in ORDERABLE and not any(o.is_active for o in work_orders),
    }
