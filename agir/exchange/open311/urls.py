from django.urls import path, re_path, register_converter

from . import views


class FormatConverter:
    """The resource's extension chooses the format, as GeoReport v2 says."""

    regex = "xml|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "georeport_format")

app_name = "open311"

urlpatterns = [
    path("discovery.<georeport_format:fmt>", views.discovery, name="discovery"),
    path("v2/services.<georeport_format:fmt>", views.service_list, name="services"),
    path(
        "v2/services/<slug:code>.<georeport_format:fmt>", views.service_definition, name="service"
    ),
    path("v2/requests.<georeport_format:fmt>", views.requests, name="requests"),
    path(
        "v2/requests/<slug:request_id>.<georeport_format:fmt>", views.request_detail, name="request"
    ),
    path("v2/tokens/<slug:token>.<georeport_format:fmt>", views.token_detail, name="token"),
    # Anything else under v2/: a 404 in the standard format (JSON when the path ends in .json).
    re_path(r"^v2/", views.not_found, name="not_found"),
]
