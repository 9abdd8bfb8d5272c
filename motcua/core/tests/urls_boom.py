"""The site's URLs plus one that fails, to see the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a failure for the 500 page")


urlpatterns = [path("loi-thu/", boom), *site]
