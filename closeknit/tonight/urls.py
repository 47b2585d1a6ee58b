from django.urls import path

from closeknit.tonight import views

app_name = "tonight"

urlpatterns = [
    path("s/<str:space_id>/", views.tonight, name="home"),
]
