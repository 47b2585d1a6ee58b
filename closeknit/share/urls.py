from django.urls import path

from closeknit.share import views

app_name = "share"

urlpatterns = [
    path("s/<str:space_id>/share/", views.today, name="today"),
    path("s/<str:space_id>/share/swap/", views.swap, name="swap"),
    path("s/<str:space_id>/share/pace/", views.pace, name="pace"),
    path("s/<str:space_id>/share/history/", views.history, name="history"),
    path("s/<str:space_id>/share/d/<int:daily_id>/", views.daily, name="daily"),
    path("s/<str:space_id>/share/d/<int:daily_id>/answer/", views.answer, name="answer"),
    path("s/<str:space_id>/share/d/<int:daily_id>/depth/", views.depth, name="depth"),
    path("s/<str:space_id>/share/d/<int:daily_id>/respond/", views.respond, name="respond"),
    path(
        "s/<str:space_id>/share/d/<int:daily_id>/understood/", views.understood, name="understood"
    ),
    path("s/<str:space_id>/share/new/", views.post_new, name="post_new"),
    path("s/<str:space_id>/share/p/<int:post_id>/", views.post, name="post"),
    path(
        "s/<str:space_id>/share/p/<int:post_id>/respond/", views.post_respond, name="post_respond"
    ),
    path(
        "s/<str:space_id>/share/p/<int:post_id>/understood/",
        views.post_understood,
        name="post_understood",
    ),
]
