"""Two-factor login with TOTP (双因素认证, django-otp).

Required for RENDA_2FA_REQUIRED_ROLES (and the superuser) when RENDA_2FA_ENFORCED is on — on in
production, off in development so the demo and the browser tests log in with a password only.
Anyone may enrol; once enrolled, every login asks for the code. The QR code is drawn here
(SVG, no network).
"""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice


def required_for(user) -> bool:
    if not settings.RENDA_2FA_ENFORCED:
        return False
    return user.is_superuser or user.role in settings.RENDA_2FA_REQUIRED_ROLES


def enrolled(user) -> bool:
    return user_has_device(user, confirmed=True)


def pending_device(user) -> TOTPDevice:
    """The device being set up (unconfirmed until the user types a code from it)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="TOTP", confirmed=False)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()
