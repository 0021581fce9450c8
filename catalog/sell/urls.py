from django.urls import path

from . import views

app_name = "sell"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("products/new/", views.product_create, name="product-create"),
    path("products/<int:pk>/", views.product_edit, name="product-edit"),
    path("products/<int:pk>/photos/<int:image_id>/main/", views.photo_main, name="photo-main"),
    path("products/<int:pk>/photos/<int:image_id>/delete/", views.photo_delete, name="photo-delete"),
]
