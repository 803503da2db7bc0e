"""The scheduler: a long-running process that enqueues the reminders at the configured time
each working day and keeps deliveries moving; a task worker (`db_worker`) runs what it
enqueues."""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from renda.core import clock
from renda.notifications.scheduler import Scheduler


class Command(BaseCommand):
    help = "Enqueue reminders each working day and keep notification deliveries going."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=60.0, help="seconds between ticks")
        parser.add_argument("--once", action="store_true", help="one tick, then exit")

    def handle(self, *args, interval=60.0, once=False, **options):
        scheduler = Scheduler()
        while True:
            for name in scheduler.tick(clock.now()):
                self.stdout.write(f"{clock.now():%Y-%m-%d %H:%M:%S} enqueued {name}")
            if once:
                return
            time.sleep(interval)
            close_old_connections()  # a long-lived process: drop broken or expired connections
