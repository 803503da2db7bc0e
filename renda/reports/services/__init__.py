"""Generating documents, running report and import jobs, and managing report templates."""
