from django.conf import settings
from django.db import models


class IdempotencyKey(models.Model):
    """A POST that already took effect, by the key its form carried (幂等键): a retry of the
    same form (after a lost connection or a double click) gets the first answer again instead
    of doing the work twice. Written in the same transaction as the work itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="reliability_idempotency_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"
