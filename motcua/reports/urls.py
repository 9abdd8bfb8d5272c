"""The periodic reports in the back office, under /staff/bao-cao/."""

from django.urls import path

from motcua.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_request, name="request"),
    path("<uuid:job_id>/", views.job_page, name="job"),
    path("<uuid:job_id>/tien-do/", views.job_progress, name="progress"),
    path("<uuid:job_id>/tai-ve/", views.job_download, name="download"),
]
