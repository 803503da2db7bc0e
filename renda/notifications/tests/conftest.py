import pytest

from renda.proposals.models import Kind
from renda.proposals.tests.builders import build_item


@pytest.fixture
def item(cast):
    """A suggestion in handling: lead unit and co-unit assigned, nine co-signers."""
    return build_item(cast, Kind.SUGGESTION, "in_handling")


@pytest.fixture
def reachable(cast):
    """The lead unit's officer has an e-mail address and a mobile number."""
    officer = cast.lead_officer
    officer.email, officer.mobile = "officer@unit.example.cn", "13800001111"
    officer.save(update_fields=["email", "mobile"])
    return officer


@pytest.fixture
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
