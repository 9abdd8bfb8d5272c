"""The leaders' dashboard, mounted at /staff/dashboard/ by the back office."""

from django.urls import path

from motcua.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("chi-tieu/", views.targets, name="targets"),
    path("ho-so/", views.drill, name="drill"),
]
