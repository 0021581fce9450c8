from django.urls import path

from . import views

app_name = "storefront-editing"
urlpatterns = [
    path("", views.edit, name="edit"),
]
