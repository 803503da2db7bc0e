"""The reports pages: dashboards, exports, report generation with progress, imports, Word
templates, unit scores and reply letters. Function views; every rule lives in the services,
selectors and access checks they call."""
