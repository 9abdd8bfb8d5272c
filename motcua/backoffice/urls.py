"""The staff back office at /staff/."""

from django.urls import include, path

from motcua.backoffice.views import dashboard, dossier, intake

app_name = "backoffice"
urlpatterns = [
    path("", dashboard.home, name="home"),
    path("dang-nhap/", dashboard.StaffLoginView.as_view(), name="login"),
    path("tiep-nhan/", intake.intake, name="intake"),
    path("tiep-nhan/thu-tuc/", intake.procedure_options, name="intake_procedures"),
    path("tiep-nhan/nguoi-nop/", intake.applicant_lookup, name="intake_applicant"),
    path("ho-so/<int:pk>/", dossier.dossier_page, name="dossier"),
    path("ho-so/<int:pk>/hanh-dong/<str:verb>/", dossier.dossier_action, name="dossier_action"),
    path("ho-so/<int:pk>/mau/<str:verb>/", dossier.dossier_action_form, name="dossier_action_form"),
    path("ho-so/<int:pk>/tep/<int:file_id>/", dossier.dossier_file, name="dossier_file"),
    path("ho-so/<int:pk>/mo-tra-cuu/", dossier.dossier_tracking_unlock, name="dossier_tracking_unlock"),
    path("bao-cao/", include("motcua.reports.urls")),
    path("dashboard/", include("motcua.dashboard.urls")),
    path("danh-gia/", include("motcua.scoring.urls")),
]
