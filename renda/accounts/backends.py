from django.contrib.auth.backends import BaseBackend, ModelBackend

from renda.accounts.models import Role, User
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


class AdministratorPermissionBackend(BaseBackend):
    """The system administrator's powers in the Django admin come from the role, not from
    groups: the congress's configuration and reference data, and viewing and editing users
    (roles stay read-only there; see renda.accounts.admin). Other roles get nothing here."""

    USER_PERMS = frozenset({"accounts.view_user", "accounts.change_user"})

    def _is_system_admin(self, user_obj) -> bool:
        return bool(user_obj.is_active and getattr(user_obj, "role", "") == Role.SYSTEM_ADMIN)

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if not self._is_system_admin(user_obj):
            return False
        return perm.startswith("congress.") or perm in self.USER_PERMS

    def has_module_perms(self, user_obj, app_label) -> bool:
        return self._is_system_admin(user_obj) and app_label in {"congress", "accounts"}
