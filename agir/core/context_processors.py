from django.conf import settings
from django.http import HttpRequest


def landlord(request: HttpRequest) -> dict:
    return {"landlord": settings.LANDLORD}
