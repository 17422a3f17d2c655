from django.urls import path

from nomentum.groups import views

app_name = "groups"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("join/", views.join_code, name="join_code"),
    path("join/<str:invite>/", views.join, name="join"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/sharing/", views.sharing, name="sharing"),
    path("<uuid:code>/check-in/", views.check_in, name="check_in"),
    path("<uuid:code>/check-in/<int:week>/undo/", views.undo_check_in, name="undo_check_in"),
    path("<uuid:code>/share/<uuid:ask_code>/", views.share, name="share"),
    path("<uuid:code>/cheer/<int:event_id>/", views.cheer, name="cheer"),
    path("<uuid:code>/leave/", views.leave, name="leave"),
    path("<uuid:code>/week/<int:number>/", views.week, name="week"),
    path("<uuid:code>/summary/", views.summary, name="summary"),
    path("<uuid:code>/summary.csv", views.summary_csv, name="summary_csv"),
    path("<uuid:code>/manage/", views.manage, name="manage"),
    path("<uuid:code>/manage/remove/<int:member_id>/", views.remove_member, name="remove"),
    path("<uuid:code>/manage/promote/<int:member_id>/", views.promote, name="promote"),
    path("<uuid:code>/manage/rotate/", views.rotate, name="rotate"),
    path("<uuid:code>/manage/close/", views.close, name="close"),
]
