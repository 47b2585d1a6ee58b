from django.urls import URLPattern

app_name = "desires"

urlpatterns: list[URLPattern] = []
