"""Outside delivery channels: e-mail through Django's mail backend (settings.EMAIL_BACKEND)
and SMS through a gateway class named in settings.NOTIFICATIONS["SMS_GATEWAY"].

A channel sends a batch of deliveries and answers, for each, None (sent) or the error; it
never raises for one bad message, so the worker can go on with the rest.
"""

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import mail
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from renda.congress.masking import mask_phone
from renda.notifications import conf

if TYPE_CHECKING:
    from renda.accounts.models import User
    from renda.notifications.models import Delivery

logger = logging.getLogger(__name__)


class Channel:
    name = ""

    @classmethod
    def address_for(cls, user: "User") -> str:
        """Where this user is reached on the channel ("" when they cannot be)."""
        raise NotImplementedError

    def send_many(self, deliveries: list["Delivery"]) -> list[Exception | None]:
        results: list[Exception | None] = []
        for delivery in deliveries:
            try:
                self.send(delivery)
            except Exception as error:  # one bad message must not stop the batch
                results.append(error)
            else:
                results.append(None)
        return results

    def send(self, delivery: "Delivery") -> None:
        raise NotImplementedError


class EmailChannel(Channel):
    """E-mail through settings.EMAIL_BACKEND, one connection for the whole batch."""

    name = "email"

    @classmethod
    def address_for(cls, user: "User") -> str:
        return user.email or ""

    def send_many(self, deliveries: list["Delivery"]) -> list[Exception | None]:
        self.connection = mail.get_connection(fail_silently=False)
        try:
            self.connection.open()
        except Exception as error:  # the server is down: every message in the batch waits
            return [error] * len(deliveries)
        try:
            return super().send_many(deliveries)
        finally:
            self.connection.close()

    def send(self, delivery: "Delivery") -> None:
        n = delivery.notification
        with translation.override(settings.LANGUAGE_CODE):
            body = n.text + "\n\n" + _("Log in to renda to see the details.")
        mail.EmailMessage(
            subject=n.subject,
            body=body,
            to=[delivery.address],
            connection=self.connection,
        ).send()


class SmsGateway:
    """The interface a deployment's SMS gateway implements (短信网关)."""

    def send(self, mobile: str, text: str) -> None:
        """Send `text` to `mobile`; raise on failure (the delivery is then retried)."""
        raise NotImplementedError


class LoggingSmsGateway(SmsGateway):
    """The default gateway: writes the message to the log instead of sending it."""

    def send(self, mobile: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(mobile), text)


class SmsChannel(Channel):
    name = "sms"

    def __init__(self) -> None:
        self.gateway: SmsGateway = import_string(conf.get("SMS_GATEWAY"))()

    @classmethod
    def address_for(cls, user: "User") -> str:
        return user.mobile or ""

    def send(self, delivery: "Delivery") -> None:
        self.gateway.send(delivery.address, delivery.notification.text)


CHANNELS: dict[str, type[Channel]] = {"email": EmailChannel, "sms": SmsChannel}


def get_channel(name: str) -> Channel:
    return CHANNELS[name]()


def address_for(name: str, user: "User") -> str:
    return CHANNELS[name].address_for(user)
