from django.core.management.base import BaseCommand, CommandError

from renda.audit.maintenance import verify
from renda.audit.models import AuditRecord


class Command(BaseCommand):
    help = "Check the audit log's HMAC chain; exit non-zero naming the first bad row."

    def handle(self, *args, **options):
        broken = verify()
        if broken is not None:
            raise CommandError(f"audit chain broken at record {broken.pk}: {broken.reason}")
        count = AuditRecord.objects.count()
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {count} records"))
