from django.urls import path

from nomentum.coach import views

app_name = "coach"

urlpatterns = [
    path("", views.index, name="index"),
    path("questions/", views.questionnaire, name="questionnaire"),
    path("today/", views.today, name="today"),
    path("ideas/", views.ideas, name="ideas"),
    path("ideas/<uuid:code>/hide/", views.hide, name="hide"),
    path("ideas/<uuid:code>/do/", views.do_idea, name="do_idea"),
    path("plans/<uuid:code>/regenerate/", views.regenerate, name="regenerate"),
    path("plans/<uuid:code>/challenge/", views.plan_challenge, name="plan_challenge"),
    path("items/<uuid:code>/tick/", views.tick, name="tick"),
    path("items/<uuid:code>/swap/", views.swap, name="swap"),
    path("items/<uuid:code>/remove/", views.remove, name="remove"),
]
