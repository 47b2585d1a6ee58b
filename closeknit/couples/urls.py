from django.urls import path

from closeknit.couples import views

app_name = "couples"

urlpatterns = [
    path("spaces/", views.space_list, name="list"),
    path("spaces/new/", views.space_create, name="create"),
    path("join/", views.join_code, name="join_code"),
    path("join/<str:token>/", views.join_link, name="join_link"),
    path("s/<str:space_id>/invite/", views.invite, name="invite"),
    path("s/<str:space_id>/settings/", views.space_settings, name="settings"),
    path("s/<str:space_id>/leave/", views.leave, name="leave"),
]
