from django.urls import URLPattern

app_name = "appreciate"

urlpatterns: list[URLPattern] = []
