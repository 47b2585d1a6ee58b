from django.urls import URLPattern

app_name = "explore"

urlpatterns: list[URLPattern] = []
