"""The TT 01/2018 evaluation page, mounted at /staff/danh-gia/."""

from django.urls import path

from motcua.scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.scores_page, name="page"),
]
