import pytest
from django.utils import translation

from renda.indicators.regions import city_region
from renda.testing.factories import RegionFactory


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English here, except where a test reads them in Chinese.
    with translation.override("en"):
        yield


@pytest.fixture
def regions(db):
    """The whole city and two counties."""
    return [
        city_region(),
        RegionFactory(name="禹州市", order=1),
        RegionFactory(name="长葛市", order=2),
    ]
