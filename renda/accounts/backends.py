from django.contrib.auth.backends import ModelBackend

from renda.accounts.models import User


class UsernameOrMobileBackend(ModelBackend):
    """Log in with the username or the registered mobile number (deputies rarely remember a
    username; their phone number they do)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        login = username.strip()
        user = (
            User.objects.filter(username=login).first()
            or User.objects.filter(mobile=login).exclude(mobile="").first()
        )
        if user is None:
            User().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
