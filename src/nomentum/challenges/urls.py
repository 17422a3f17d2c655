from django.urls import path

from nomentum.challenges import views

app_name = "challenges"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/<slug:slug>/", views.start, name="start"),
    path("rest/", views.rest, name="rest"),
    path("<uuid:code>/catch-up/", views.catch_up, name="catch_up"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/edit/", views.edit, name="edit"),
    path("<uuid:code>/burnup.svg", views.burnup, name="burnup"),
    path("<uuid:code>/summary/", views.summary, name="summary"),
    path("<uuid:code>/goals/", views.add_goal, name="add_goal"),
    path("goals/<uuid:code>/remove/", views.remove_goal, name="remove_goal"),
]
