from django.urls import path

from . import caretaker, contractor_views, staff_views

app_name = "works"

urlpatterns = [
    # the officer's
    path(
        "bureau/demandes/<uuid:code>/bon-de-travaux/",
        staff_views.order_new,
        name="order_new",
    ),
    path("bureau/bons/", staff_views.order_list, name="orders"),
    path("bureau/bons/<uuid:code>/", staff_views.order_detail, name="order"),
    path("bureau/bons/<uuid:code>/pdf/", staff_views.order_pdf, name="order_pdf"),
    path("bureau/bons/<uuid:code>/<slug:action>/", staff_views.order_action, name="order_action"),
    # the contractor's, signed in
    path("prestataire/", contractor_views.order_list, name="contractor_orders"),
    path("prestataire/bons/<uuid:code>/", contractor_views.order_detail, name="contractor_order"),
    path("prestataire/bons/<uuid:code>/pdf/", contractor_views.order_pdf, name="contractor_pdf"),
    path(
        "prestataire/bons/<uuid:code>/<slug:action>/",
        contractor_views.order_action,
        name="contractor_action",
    ),
    # the contractor's, through the signed link of one work order
    path("bon/<str:token>/", contractor_views.link_page, name="link"),
    path("bon/<str:token>/<slug:action>/", contractor_views.link_action, name="link_action"),
    # the caretaker's phone (under /gardien/: the service worker's scope)
    path("gardien/bons/", caretaker.order_list, name="caretaker_orders"),
    path(
        "gardien/bons/<uuid:code>/<slug:action>/",
        caretaker.order_action,
        name="caretaker_action",
    ),
]
