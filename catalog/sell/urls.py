from django.urls import path

from catalog.onboarding import views as join_views

from . import views

app_name = "sell"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("join/", join_views.join, name="join"),
    path("join/answer/", join_views.answer, name="join-answer"),
    path("join/reapply/", join_views.reapply, name="join-reapply"),
    path("join/documents/<int:pk>/", join_views.document, name="join-document"),
    path("join/documents/<int:pk>/delete/", join_views.document_delete, name="join-document-delete"),
    path("products/new/", views.product_create, name="product-create"),
    path("products/<int:pk>/", views.product_edit, name="product-edit"),
    path("products/<int:pk>/photos/<int:image_id>/main/", views.photo_main, name="photo-main"),
    path("products/<int:pk>/photos/<int:image_id>/delete/", views.photo_delete, name="photo-delete"),
]
