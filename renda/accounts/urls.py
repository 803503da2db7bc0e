from django.contrib.auth import views as auth_views
from django.urls import path

from renda.accounts import admin_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("2fa/setup/", views.otp_setup, name="otp_setup"),
    path("2fa/verify/", views.otp_verify, name="otp_verify"),
    # administrators (三权分立)
    path("admin/", admin_views.admin_home, name="admin_home"),
    path("users/", admin_views.users, name="users"),
    path("users/new/", admin_views.user_new, name="user_new"),
    path("users/<int:pk>/", admin_views.user_edit, name="user_edit"),
    path("users/<int:pk>/password/", admin_views.user_password, name="user_password"),
    path("users/<int:pk>/active/", admin_views.user_active, name="user_active"),
    path("security/", admin_views.security, name="security"),
    path("security/users/<int:pk>/role/", admin_views.user_role, name="user_role"),
    path("security/users/<int:pk>/2fa-reset/", admin_views.otp_reset, name="otp_reset"),
    path("security/locks/<int:pk>/unlock/", admin_views.unlock, name="unlock"),
]
