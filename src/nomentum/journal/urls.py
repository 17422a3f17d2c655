from django.urls import path

from nomentum.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:week>/", views.week, name="week"),
    path("<str:week>/save", views.save, name="save"),
    path("<str:week>/feedback", views.feedback, name="feedback"),
    path("<str:week>/share", views.share, name="share"),
    path("shared/<str:code>/stop", views.unshare, name="unshare"),
]
