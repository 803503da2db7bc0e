"""The regions indicators are reported for: the whole city (a `Region` of kind `city`, 全市)
and its counties, districts and zones."""

from django.db.models import QuerySet

from renda.congress.models import Region

CITY_NAME = "全市"


def city_region() -> Region:
    """全市. Created on first use when the congress has not recorded it (reference data)."""
    region = Region.objects.filter(kind=Region.Kind.CITY).order_by("pk").first()
    if region is None:
        region, _created = Region.objects.get_or_create(
            name=CITY_NAME, defaults={"kind": Region.Kind.CITY, "order": 0}
        )
    return region


def county_regions() -> QuerySet[Region]:
    """县（市、区）and zones: every region but the whole city."""
    return Region.objects.exclude(kind=Region.Kind.CITY).order_by("order", "name")
