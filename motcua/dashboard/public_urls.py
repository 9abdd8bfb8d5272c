"""The public index pages, mounted at /chi-so/."""

from django.urls import path

from motcua.dashboard import public

app_name = "chiso"
urlpatterns = [
    path("", public.index, name="index"),
    path("<str:code>/", public.agency, name="agency"),
]
