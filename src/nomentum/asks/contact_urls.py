from django.urls import path

from nomentum.asks import contact_views as views

app_name = "contacts"

urlpatterns = [
    path("", views.index, name="index"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/merge/", views.merge, name="merge"),
]
