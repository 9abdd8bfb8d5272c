"""The citizen portal at / (Vietnamese paths: they are what people type and share)."""

from django.urls import path

from motcua.portal.views import account, filing, mine, public, tracking

app_name = "portal"
urlpatterns = [
    path("", public.home, name="home"),
    path("thu-tuc/<str:code>/", public.procedure, name="procedure"),
    path("thu-tuc/<str:code>/mau/<int:component_id>/", public.blank_form, name="blank_form"),
    path("dang-ky/", account.register, name="register"),
    path("xac-thuc/<str:uidb64>/<str:token>/", account.verify, name="verify"),
    path("tra-cuu/", tracking.track, name="tracking"),
    path("tra-cuu/<str:code>", tracking.track_code, name="tracking_code"),
    path("nop-truc-tuyen/<str:code>/", filing.start, name="filing_start"),
    path("ho-so/", mine.my_dossiers, name="my_dossiers"),
    path("ho-so/<int:pk>/", mine.dossier, name="dossier"),
    path("ho-so/<int:pk>/thanh-phan/", filing.components, name="filing_components"),
    path("ho-so/<int:pk>/thanh-phan/<int:component_id>/", filing.upload, name="filing_upload"),
    path("ho-so/<int:pk>/xac-nhan/", filing.review, name="filing_review"),
    path("ho-so/<int:pk>/xoa/", mine.delete_draft, name="delete_draft"),
    path("ho-so/<int:pk>/bo-sung/", mine.supplement, name="supplement"),
    path("ho-so/<int:pk>/tep/<int:file_id>/", mine.dossier_file, name="dossier_file"),
]
