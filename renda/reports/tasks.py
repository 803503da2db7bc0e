"""Background tasks (Django's tasks API): they take ids and call the services."""

from django_tasks import task

from renda.reports.services.jobs import execute_job


@task(queue_name="reports")
def run_report_job(job_id: int) -> None:
    """Generate a report or run an import queued by `services.jobs.start_job`."""
    execute_job(job_id)
