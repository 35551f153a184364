"""How many SQL queries each page makes, and the slowest of them, on a database `pages.py`
prepared: `uv run python bench/queries.py --dwellings 2000 --years 2 [--postgres] [--sql]`.
In-process (Django's test client), one request a page after a warm-up: a profile, not a load."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter

from pages import BENCH, ROOT, make_plan, prepare_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dwellings", type=int, default=2000)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--sql", action="store_true", help="print the repeated statements")
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    os.environ.update(prepare_database(args.dwellings, args.years, args.postgres))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    sys.path[:0] = [str(ROOT), str(BENCH)]
    import json
    import tempfile
    from pathlib import Path

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    plan, _tenant = make_plan(Path(tempfile.mkdtemp()), confirms=2, syncs=2)
    for group, label, path in plan.pages:
        if args.only and args.only not in label:
            continue
        spec = json.loads(path.read_text().splitlines()[0])
        client = Client()
        for part in spec.get("headers", {}).get("Cookie", "").split("; "):
            if part:
                name, value = part.split("=", 1)
                client.cookies[name] = value
        method = spec.get("method", "GET")

        def call(spec=spec, client=client, method=method):
            if method == "GET":
                return client.get(spec["path"])
            headers = {k: v for k, v in spec["headers"].items() if k not in ("Cookie",)}
            return client.generic(
                method,
                spec["path"],
                spec.get("body", ""),
                content_type=headers.pop("Content-Type", ""),
                headers=headers,
            )

        if method == "GET":
            call()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = call()
        elapsed = 1000 * (time.perf_counter() - started)
        count = len(queries)
        print(f"{group:>9} {label:<40} {response.status_code} {count:>4} queries {elapsed:7.1f} ms")
        if args.sql:
            repeated = Counter(q["sql"][:160] for q in queries.captured_queries)
            for sql, n in repeated.most_common(6):
                print(f"           {n:>4} × {sql}")


if __name__ == "__main__":
    main()
