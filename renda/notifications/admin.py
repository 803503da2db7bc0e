"""Read-only admin pages: notifications are written by the services and sent by the worker."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from renda.congress.masking import mask_email
from renda.notifications.models import Delivery, Notification, Reminder


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "subject", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient", "item", "reminder"]


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "pk",
        "channel",
        "masked_address",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "channel"]
    raw_id_fields = ["notification"]
    exclude = ["address"]  # personal: the list and the page show it masked

    @admin.display(description=_("address"))
    def masked_address(self, obj: Delivery) -> str:
        return mask_email(obj.address)  # a mobile has no "@": masked as a phone number


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["sent_on", "kind", "proposal", "unit", "due_date", "recipients"]
    list_filter = ["kind", "sent_on"]
    list_select_related = ["proposal__session__term", "unit"]
    raw_id_fields = ["proposal", "unit"]
