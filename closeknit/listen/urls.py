from django.urls import path

from closeknit.listen import views

app_name = "listen"

urlpatterns = [
    path("s/<str:space_id>/listen/", views.home, name="home"),
    path("s/<str:space_id>/listen/start/", views.start, name="start"),
    path("s/<str:space_id>/listen/history/", views.history, name="history"),
    path("s/<str:space_id>/listen/<int:listen_id>/", views.session, name="session"),
    path("s/<str:space_id>/listen/<int:listen_id>/step/", views.step, name="step"),
    path("s/<str:space_id>/listen/<int:listen_id>/coach/", views.coach, name="coach"),
    path("s/<str:space_id>/listen/<int:listen_id>/settings/", views.turn_settings, name="settings"),
    path("s/<str:space_id>/listen/<int:listen_id>/end/", views.end, name="end"),
    path("s/<str:space_id>/listen/<int:listen_id>/rate/", views.rate, name="rate"),
]
