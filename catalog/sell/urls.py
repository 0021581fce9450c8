from django.urls import path

app_name = "sell"
urlpatterns = []
