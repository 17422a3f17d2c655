from django.urls import path

from nomentum.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.index, name="index"),
    path("fear.svg", views.fear_chart, name="fear_chart"),
]
