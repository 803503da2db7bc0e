"""Finding indicator figures in Chinese text (pure Python: no database, no model files)."""

from renda.indicators.extraction.context import RegionName
from renda.indicators.extraction.figures import Candidate, IndicatorRef, extract

__all__ = ["Candidate", "IndicatorRef", "RegionName", "extract"]
