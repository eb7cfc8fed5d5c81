"""How many database queries each benchmarked page runs, on the database DATABASE_URL names (run
once on the demo database and once at full scale: the counts must be the same). Prints JSON.

    DATABASE_URL=... python benchmarks/query_counts.py '{"name": ["/path/", "anonymous"|"staff"], ...}'
"""

import json
import os
import sys
from pathlib import Path


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    pages = json.loads(sys.argv[1])
    staff, _ = get_user_model().objects.get_or_create(
        username="benchmark-admin@benchmark.example",
        defaults={"email": "benchmark-admin@benchmark.example", "is_staff": True, "is_superuser": True},
    )
    clients = {"anonymous": Client(), "staff": Client()}
    clients["staff"].force_login(staff)
    counts = {}
    for name, (path, who) in pages.items():
        cache.clear()  # the cost of building the page, not of reading it from the cache
        executed = []

        def count_query(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count_query):
            response = clients[who].get(path, HTTP_HOST="127.0.0.1")
        counts[name] = len(executed) if response.status_code == 200 else f"HTTP {response.status_code}"
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
