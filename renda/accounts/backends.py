from django.contrib.auth.backends import ModelBackend

from renda.accounts.models import User
from renda.core.crypto import blind_index


class UsernameOrMobileBackend(ModelBackend):
    """Log in with the username or the registered mobile number (deputies rarely remember a
    username; their phone number they do)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        login = username.strip()
        # Mobiles are encrypted at rest: match them through their blind index.
        mobile_hash = blind_index(login)
        user = User.objects.filter(username=login).first() or (
            User.objects.filter(mobile_hash=mobile_hash).first() if mobile_hash else None
        )
        if user is None:
            User().set_password(password)  # same cost as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
