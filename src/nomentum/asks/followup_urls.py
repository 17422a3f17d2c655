from django.urls import path

from nomentum.asks import followup_views as views

app_name = "followups"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<uuid:code>/<str:action>/", views.act, name="act"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
