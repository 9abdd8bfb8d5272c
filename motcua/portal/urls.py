"""The citizen portal (filled in by the web-pages issue)."""

from django.urls import URLPattern

app_name = "portal"
urlpatterns: list[URLPattern] = []
