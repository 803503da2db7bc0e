"""Reports as exporter classes that yield rows (pretix's shape); `xlsx.render` writes them."""

from renda.reports.exporters.base import Column, Exporter, Sheet
from renda.reports.exporters.xlsx import render_xlsx

__all__ = ["Column", "Exporter", "Sheet", "render_xlsx"]
