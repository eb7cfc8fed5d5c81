from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("", views.publication_list, name="list"),
    path("<slug:slug>/", views.publication_detail, name="detail"),
    path("<slug:slug>/cite.bib", views.download_bibtex, name="bibtex"),
    path("<slug:slug>/cite.ris", views.download_ris, name="ris"),
    path("<slug:slug>/cite.json", views.download_csl_json, name="csl_json"),
]
