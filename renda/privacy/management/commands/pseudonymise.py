"""manage.py pseudonymise: replace a person's identity by a pseudonym on their request."""

from django.core.management.base import BaseCommand, CommandError

from renda.accounts.models import User
from renda.congress.models import Deputy
from renda.core.errors import RuleViolation
from renda.privacy.services import pseudonymise_deputy, pseudonymise_user


class Command(BaseCommand):
    help = "Pseudonymise a deputy (--deputy ID) or an account (--user USERNAME) on request."

    def add_arguments(self, parser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--deputy", type=int, help="The deputy's id.")
        who.add_argument("--user", help="The account's username.")
        parser.add_argument("--reason", required=True, help="The request, for the record.")
        parser.add_argument("--actor", help="Username of the administrator doing it.")

    def handle(self, *args, deputy=None, user=None, reason="", actor=None, **options) -> None:
        acting = User.objects.filter(username=actor).first() if actor else None
        if actor and acting is None:
            raise CommandError(f"no account {actor!r}")
        try:
            if deputy is not None:
                row = pseudonymise_deputy(
                    Deputy.objects.get(pk=deputy), actor=acting, reason=reason
                )
            else:
                row = pseudonymise_user(
                    User.objects.get(username=user), actor=acting, reason=reason
                )
        except (Deputy.DoesNotExist, User.DoesNotExist):
            raise CommandError("no such person") from None
        except RuleViolation as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"pseudonymised as {row.pseudonym}")
