"""An e-mail backend for benchmarks: renders each message to the bytes SMTP would send, then
drops them (the CPU cost of an e-mail without a mail server; locmem would add a deep copy)."""

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            message.message().as_bytes()
        return len(email_messages)
