from django.urls import path

from closeknit.progress import views

app_name = "progress"

urlpatterns = [
    path("s/<str:space_id>/progress/", views.home, name="home"),
    path("s/<str:space_id>/progress/together/", views.together, name="together"),
    path("s/<str:space_id>/progress/today/", views.daily, name="daily"),
    path("s/<str:space_id>/progress/check/<str:instrument>/", views.check_in, name="check_in"),
    path("s/<str:space_id>/progress/sharing/", views.sharing, name="sharing"),
    path("s/<str:space_id>/progress/export.csv", views.export, name="export"),
]
