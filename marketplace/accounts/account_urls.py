"""The signed-in user's own account pages, under the "accounts" namespace (the sign-up and login pages of
urls.py keep their plain names: Django's auth views reverse them so)."""

from django.urls import path

from . import address_views, profile_views

app_name = "accounts"

urlpatterns = [
    path("profile/", profile_views.profile, name="profile"),
    path("profile/details/", profile_views.update_details, name="profile-details"),
    path("profile/currency/", profile_views.update_currency, name="profile-currency"),
    path("profile/language/", profile_views.update_language, name="profile-language"),
    path("profile/password/", profile_views.change_password, name="profile-password"),
    path("profile/email/", profile_views.change_email, name="profile-email"),
    path("email/verify/", profile_views.send_verification, name="email-verify"),
    path("email/confirm/<str:token>/", profile_views.confirm_email, name="email-confirm"),
    path("addresses/", address_views.address_list, name="addresses"),
    path("addresses/add/", address_views.address_add, name="address-add"),
    path("addresses/<int:pk>/edit/", address_views.address_edit, name="address-edit"),
    path("addresses/<int:pk>/delete/", address_views.address_delete, name="address-delete"),
]
