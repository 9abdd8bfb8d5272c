"""The staff back office at /staff/ (filled in by the web-pages issue)."""

from django.urls import URLPattern

app_name = "backoffice"
urlpatterns: list[URLPattern] = []
