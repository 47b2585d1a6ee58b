from django.urls import URLPattern

app_name = "listen"

urlpatterns: list[URLPattern] = []
