from django.urls import path

from . import views

app_name = "mapping"

urlpatterns = [
    path("", views.exercise_list, name="exercise_list"),
    path("<int:exercise_pk>/", views.review_submission, name="review"),
    path("<int:exercise_pk>/compile/", views.compile_submission, name="compile"),
    path("<int:exercise_pk>/v<int:version>/", views.review_submission, name="review_version"),
    path("<int:exercise_pk>/v<int:version>/approve/", views.approve_version, name="approve"),
    path("<int:exercise_pk>/v<int:version>/render/", views.render_version, name="render"),
    path("<int:exercise_pk>/v<int:version>/<slug:file_format>/", views.download_rendering, name="download"),
]
