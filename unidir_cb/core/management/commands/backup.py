"""`manage.py backup --output DIR [--keep-days N]`: the database and the media files, with a checksum
manifest, in a new folder under DIR (`make backup`). See unidir_cb/core/backups.py."""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from unidir_cb.core import backups


class Command(BaseCommand):
    help = "Back up the database and the media files into a new folder, with a checksum manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="The folder that receives the backups.")
        parser.add_argument(
            "--keep-days",
            type=int,
            help="Once this backup is written, delete the backups in --output older than this many days.",
        )

    def handle(self, *args, output, keep_days, **options):
        try:
            folder = backups.create_backup(output)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up to {folder}")
        if keep_days is not None:
            for old in backups.backups_older_than(output, keep_days):
                shutil.rmtree(old)
                self.stdout.write(f"Deleted {old}, older than {keep_days} days")
