import pytest

from renda.textmining import segmenter
from renda.textmining.duplicates import reset_similarity_index


@pytest.fixture(autouse=True)
def _fresh_text_state(settings, tmp_path):
    # Each test sees its own names in the dictionary and its own items in the similarity index;
    # trained models go to a temporary VAR_DIR.
    settings.VAR_DIR = tmp_path
    segmenter.mark_stale()
    reset_similarity_index()
    yield
    segmenter.mark_stale()
    reset_similarity_index()
