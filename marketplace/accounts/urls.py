from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

# The signed-in user's own pages (profile, addresses) are in account_urls.py, namespaced "accounts"; these
# keep their plain names (LOGIN_URL = "login"; Django's auth views reverse them so).
urlpatterns = [
    path("login/", views.EmailLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("signup/supplier/", views.supplier_signup, name="signup-supplier"),
    path("signup/sent/", views.signup_sent, name="signup-sent"),
    path("signup/confirm/<str:token>/", views.signup_confirm, name="signup-confirm"),
    # Password reset: Django's views with our templates; the emailed link is absolute on SITE_URL.
    path("password_reset/", views.PasswordResetByEmailView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("reset/<uidb64>/<token>/", views.NewPasswordView.as_view(), name="password_reset_confirm"),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
