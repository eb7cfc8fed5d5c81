"""What the import and export rows of `make benchmark` need, run in the benchmark database:

    DATABASE_URL=... python benchmarks/transfers.py write-register FILE ROWS   # a participant register
    DATABASE_URL=... python benchmarks/transfers.py bulk-create FILE           # the import's baseline
    DATABASE_URL=... python benchmarks/transfers.py forget                     # remove what an import made

The register holds people nobody has yet (their own email domain) from many countries, in every
organisation kind and language, as staff would upload it. The baseline is the least an import can
cost: the same rows, parsed once, written with bulk_create in batches of 1,000, then rolled back.
Each prints its result as JSON on its last line.
"""

import csv
import itertools
import json
import os
import sys
import time
from pathlib import Path

REGISTER_DOMAIN = "register.benchmark.example"
COLUMNS = ["first_name", "last_name", "email", "country", "organisation", "organisation_kind", "job_title", "language"]
BATCH_SIZE = 1000


def set_up_django():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()


def write_register(path: Path, rows: int) -> dict:
    from django.conf import settings
    from django_countries import countries

    from unidir_cb.core.models import OrganisationKind

    codes = itertools.cycle([code for code, _ in countries])
    kinds = itertools.cycle(OrganisationKind.values)
    languages = itertools.cycle([code for code, _ in settings.LANGUAGES])
    first_names = itertools.cycle(["Amina", "Li", "Olga", "José", "Fatima", "Kwame", "Ana", "Yuki", "Omar"])
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for number in range(rows):
            writer.writerow(
                [
                    next(first_names),
                    f"Registered {number}",
                    f"person.{number}@{REGISTER_DOMAIN}",
                    next(codes),
                    f"Ministry of Foreign Affairs {number % 500}",
                    next(kinds),
                    "Counsellor",
                    next(languages),
                ]
            )
    return {"rows": rows, "bytes": path.stat().st_size}


def bulk_create(path: Path) -> dict:
    from django.db import transaction

    from events.models import Participant

    with path.open(newline="", encoding="utf-8") as file:
        people = [Participant(**row) for row in csv.DictReader(file)]
    with transaction.atomic():
        started = time.perf_counter()
        Participant.objects.bulk_create(people, batch_size=BATCH_SIZE)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return {"rows": len(people), "seconds": seconds}


def forget() -> dict:
    from django.contrib.admin.models import LogEntry
    from django.db import transaction

    from events.models import Participant
    from unidir_cb.core.models import DataImport

    people = Participant.objects.filter(email__endswith=f"@{REGISTER_DOMAIN}")
    with transaction.atomic():
        entries = LogEntry.objects.filter(change_message__startswith="Imported from register-").delete()[0]
        removed = people.delete()[0]
        for data_import in DataImport.objects.filter(file_name__startswith="register-"):
            data_import.file.delete(save=False)
            data_import.delete()
    return {"participants": removed, "log_entries": entries}


def main():
    set_up_django()
    command, *arguments = sys.argv[1:]
    if command == "write-register":
        result = write_register(Path(arguments[0]), int(arguments[1]))
    elif command == "bulk-create":
        result = bulk_create(Path(arguments[0]))
    elif command == "forget":
        result = forget()
    else:
        sys.exit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
