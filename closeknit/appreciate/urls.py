from django.urls import path

from closeknit.appreciate import views

app_name = "appreciate"

urlpatterns = [
    path("s/<str:space_id>/appreciate/", views.write, name="write"),
    path("s/<str:space_id>/appreciate/coach/", views.coach, name="coach"),
    path("s/<str:space_id>/appreciate/jar/", views.jar, name="jar"),
    path("s/<str:space_id>/appreciate/hard-day/", views.hard_day, name="hard_day"),
    path("s/<str:space_id>/appreciate/sent/", views.sent, name="sent"),
    path(
        "s/<str:space_id>/appreciate/a/<int:appreciation_id>/favourite/",
        views.favourite,
        name="favourite",
    ),
    path("s/<str:space_id>/appreciate/a/<int:appreciation_id>/react/", views.react, name="react"),
]
