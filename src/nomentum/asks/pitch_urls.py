from django.urls import path

from nomentum.asks import pitch_views as views

app_name = "pitches"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:code>/", views.edit, name="edit"),
    path("<uuid:code>/retire/", views.retire, name="retire"),
]
