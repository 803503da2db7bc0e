from renda.congress.models import CongressSettings


def congress(request) -> dict:
    """The congress's settings, read once per page (names in titles, references)."""
    return {"congress": CongressSettings.current()}
