"""`manage.py restore BACKUP_FOLDER`: checks the backup's checksums, then puts its database and media
files in place of the configured ones (`make restore BACKUP=...`). See unidir_cb/core/backups.py."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from unidir_cb.core import backups


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`: the database and the media files are replaced."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup's folder (unidir_cb-YYYYMMDD-HHMMSS).")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, backup, no_input, **options):
        database = settings.DATABASES["default"]
        if not no_input:
            answer = input(
                f"This replaces the database {database['NAME']}, the media folder {settings.MEDIA_ROOT} "
                f"and the private files' folder {settings.PRIVATE_MEDIA_ROOT} "
                f"with the backup {backup}. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            metadata = backups.restore_backup(backup)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup of {metadata['created_at']} from {backup}")
