"""The one family of domain errors every service raises; views show `message` as is."""


class DomainError(Exception):
    """An operation the rules refuse. `message` is a translated sentence for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


class NotPermitted(DomainError):
    """The actor may not do this to this object (views answer 403)."""


class InvalidTransition(DomainError):
    """The object's current state does not allow the action."""


class RuleViolation(DomainError):
    """A domain rule refuses it: a threshold, a deadline, a duplicate, a missing field."""
