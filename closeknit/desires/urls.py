from django.urls import path

from closeknit.desires import views

app_name = "desires"

urlpatterns = [
    path("s/<str:space_id>/desires/", views.home, name="home"),
    path("s/<str:space_id>/desires/on/", views.opt_in, name="opt_in"),
    path("s/<str:space_id>/desires/off/", views.off, name="off"),
    path("s/<str:space_id>/desires/tier/<int:tier>/", views.tier, name="tier"),
    path("s/<str:space_id>/desires/item/<int:item_id>/answer/", views.answer, name="answer"),
    path("s/<str:space_id>/desires/item/<int:item_id>/remove/", views.remove, name="remove"),
    path("s/<str:space_id>/desires/ready/", views.ready, name="ready"),
    path("s/<str:space_id>/desires/add/", views.propose, name="propose"),
    path("s/<str:space_id>/desires/matches/", views.matches, name="matches"),
    path("s/<str:space_id>/desires/matches/<int:tier>/confirm/", views.confirm, name="confirm"),
]
