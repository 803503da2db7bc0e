import pytest


@pytest.fixture(autouse=True)
def _reports_dir(settings, tmp_path):
    # Generated files and uploads go to a folder of each test's own.
    settings.REPORTS_DIR = tmp_path / "reports"
