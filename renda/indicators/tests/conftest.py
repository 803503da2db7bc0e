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


@pytest.fixture
def page_world(cast, regions, settings, tmp_path):
    """The page tests' indicators and values (see `world.py`); attachments under tmp_path."""
    from renda.indicators.tests.world import build_world

    settings.MEDIA_ROOT = tmp_path
    return build_world(cast, regions)


@pytest.fixture
def english(client):
    """Pages in English (the language cookie), for assertions on their words."""
    client.cookies["django_language"] = "en"
    return client
