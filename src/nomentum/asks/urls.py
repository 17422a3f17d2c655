from django.urls import path

from nomentum.asks import views

app_name = "asks"

urlpatterns = [
    path("", views.log, name="log"),
    path("new/", views.create, name="create"),
    path("waiting/", views.waiting, name="waiting"),
    path("<uuid:code>/", views.edit, name="edit"),
    path("<uuid:code>/delete/", views.delete, name="delete"),
    path("<uuid:code>/outcome/", views.outcome, name="outcome"),
    path("<uuid:code>/made-it/", views.made_it, name="made_it"),
]
