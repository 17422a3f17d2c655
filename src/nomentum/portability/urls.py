from django.urls import path

from nomentum.portability import views

app_name = "portability"

urlpatterns = [
    path("asks/import/", views.upload, name="import"),
    path("accounts/export/<str:fmt>/", views.download, name="export"),
]
