from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("new/<slug:kind>/", views.start_report, name="start_report"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/status.json", views.job_status, name="job_status"),
    path("<int:pk>/rerun/", views.rerun_job, name="rerun_job"),
    path("<int:pk>/files/<slug:file_format>/", views.download_file, name="download_file"),
]
