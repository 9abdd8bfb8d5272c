"""Rating pages, mounted at /danh-gia/."""

from django.urls import path

from motcua.ratings import views

app_name = "ratings"
urlpatterns = [
    path("ho-so/<str:code>/", views.rate, name="rate"),
    path("kiosk/", views.kiosk, name="kiosk"),
    path("kiosk/ghep-noi/", views.kiosk_pair, name="kiosk_pair"),
    path("quay/", views.desk, name="desk"),
]
