"""The API tokens page, mounted under /accounts/ by the root URLconf."""

from django.urls import path

from .views import tokens

app_name = "api_tokens"
urlpatterns = [
    path("", tokens.token_list, name="list"),
    path("revoke/", tokens.revoke, name="revoke"),
]
