# ruff: noqa: S603, S607 (a benchmark starts its own server, client and tools)
"""AGIR's pages under gunicorn, side by side with a bare Django view, at a data size you choose.

    uv run python bench/pages.py --dwellings 2000 --years 2                # SQLite
    uv run python bench/pages.py --dwellings 2000 --years 2 --postgres     # PostgreSQL perf_*

1. Prepares a database with `agir seed` (kept between runs: /tmp/agir-bench-pages/ for SQLite,
   database `perf_<N>x<Y>` on 127.0.0.1 for PostgreSQL).
2. Starts gunicorn (2 sync workers) on AGIR with `bench_settings` (DEBUG off, the baseline's
   URL added), and drives each page from a separate process (bench/load.py): C concurrent
   clients, at most COUNT requests or SECONDS.
3. Measures the baseline (one indexed query, a bare template) before and after the pages, and
   prints each page as a ratio to their mean; writes the table to bench/results/. The same
   bare view signed in as the tenant (the session and the user read first, as on every
   signed-in page) is measured too: the ceiling of a tenant's or a caretaker's page.
4. Drives each officer page again at a working pace (`--officer-rate`, open load: requests
   arrive at that rate whether or not the earlier ones are answered), and writes its p95 in a
   table of its own: the 20 clients of step 2 each send their next request the moment the last
   one is answered, a saturation no back office reaches.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
STATE = Path(tempfile.gettempdir()) / "agir-bench-pages"
TENANT_P95_MS, OFFICER_P95_MS = 100, 200
DASHBOARD_MS = 2000  # the whole estate and a year, under 2 s (issue 13)
WORKERS = 2
# The officers' working pace: 50 officers (the seed's one for 5,000 dwellings, at 250,000) each
# opening a page every 10 seconds, a busy morning for the largest landlord's back office.
OFFICER_RATE = 5.0


def prepare_database(dwellings: int, years: int, postgres: bool) -> dict[str, str]:
    name = f"{dwellings}x{years}"
    folder = STATE / f"{'pg' if postgres else 'sqlite'}-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "AGIR_DATA_DIR": str(folder), "DJANGO_SETTINGS_MODULE": "agir.settings"}
    if postgres:
        database = f"perf_{name}"
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1/{database}"
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", database],
            capture_output=True,
            check=False,
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / 'agir.sqlite3'}"
    marker = folder / "seeded"
    agir = [sys.executable, "-m", "agir"]
    # Every run: a database seeded by an older checkout gets the newer migrations (indexes).
    subprocess.run([*agir, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    if not marker.exists():
        subprocess.run([*agir, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        seeded = subprocess.run(
            [*agir, "seed", "--dwellings", str(dwellings), "--years", str(years)],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        marker.write_text(seeded.stdout)
    elif postgres:
        # As autovacuum would after the last run's deletes (it is off on some servers, these
        # included): the inbox's index-only reads need the visibility map.
        psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-q"]
        subprocess.run([*psql, "-c", "VACUUM (ANALYZE)"], check=True)
    print(marker.read_text().strip())
    return env


# --- what each page is asked --------------------------------------------------------------


class Plan:
    """Sessions and request files for every page, made in this process with the ORM."""

    def __init__(self, folder: Path, confirms: int, syncs: int) -> None:
        from django.conf import settings

        self.folder = folder
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.csrf_cookie = settings.CSRF_COOKIE_NAME
        self.csrf = secrets.token_hex(16)  # 32 characters: an unmasked secret is a valid token
        self.confirms, self.syncs = confirms, syncs
        self.pages: list[tuple[str, str, Path]] = []  # (group, label, request file)
        self.made: list[str] = []  # idempotency keys of the requests the POSTs make

    def cookie(self, session_key: str) -> str:
        return f"{self.session_cookie}={session_key}; {self.csrf_cookie}={self.csrf}"

    def add(self, group: str, label: str, specs: list[dict]) -> None:
        path = self.folder / f"{len(self.pages):02d}.jsonl"
        path.write_text("".join(json.dumps(spec) + "\n" for spec in specs))
        self.pages.append((group, label, path))

    def get(self, group: str, label: str, path: str, session: str | None) -> None:
        headers = {"Cookie": self.cookie(session)} if session else {}
        self.add(group, label, [{"path": path, "headers": headers}])


def login(user) -> tuple[object, str]:
    from django.test import Client

    from agir.accounts import roles

    client = Client()
    client.force_login(user)
    if roles.requires_second_factor(user):
        # Staff as the real sign-in leaves them: with a verified second factor (django-otp).
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client, client.cookies[_session_name()].value


def _session_name() -> str:
    from django.conf import settings

    return settings.SESSION_COOKIE_NAME


def make_plan(folder: Path, confirms: int, syncs: int) -> tuple[Plan, str]:
    from django.db.models import Count

    from agir.accounts.models import User
    from agir.estate.models import Dwelling
    from agir.portal.wizard import state as wizard_state
    from agir.repairs.models import RepairRequest
    from agir.rounds import places

    plan = Plan(folder, confirms, syncs)
    # The tenant with an account whose current lease has the most requests: the longest lists.
    busiest = (
        RepairRequest.objects.filter(lease__end_date__isnull=True, requested_by__user__isnull=False)
        .values("requested_by__user")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    tenant = User.objects.get(pk=busiest["requested_by__user"])
    sample = RepairRequest.objects.filter(requested_by__user=tenant).order_by("-submitted_at")[0]
    baseline_path = f"/bench/baseline/{sample.code}/"
    plan.get("baseline", "baseline (before)", baseline_path, None)

    client, session = login(tenant)
    # Not a page: the baseline read by a signed-in tenant (session and user), the most any
    # signed-in page can reach.
    plan.get("reference", "bare view, signed in", f"/bench/signed-in/{sample.code}/", session)
    plan.get("tenant", "home", "/locataire/", session)
    plan.get("tenant", "«Mes demandes»", "/locataire/demandes/", session)
    plan.get("tenant", "a request page", f"/locataire/demandes/{sample.code}/", session)
    start = client.get("/locataire/signaler/")
    wizard = re.search(r"/signaler/([0-9a-f-]{36})/", start.url).group(1)
    base = f"/locataire/signaler/{wizard}"
    client.get(f"{base}/choix/kitchen/KIT-SINK-LEAK/")
    made = wizard_state.load(client.session, wizard)
    client.post(f"{base}/precisions/", {"action": "continue", "description": "Fuite."})
    steps = [
        ("wizard: where", f"{base}/ou/"),
        ("wizard: what", f"{base}/quoi/{made.place}/"),
        ("wizard: symptom", f"{base}/probleme/{made.place}/{made.equipment}/"),
        ("wizard: details", f"{base}/precisions/"),
        ("wizard: review", f"{base}/verifier/"),
    ]
    for label, path in steps:
        plan.get("tenant", label, path, session)
    ready = wizard_state.load(client.session, wizard)
    specs = []
    for _ in range(confirms):
        # A session a confirmation: each POST makes a request, as many tenants at once would.
        other, key = login(tenant)
        copy = wizard_state.WizardState(**{**ready.__dict__, "id": str(uuid.uuid4())})
        plan.made.append(copy.id)
        session_store = other.session
        wizard_state.save(session_store, copy)
        session_store.save()
        specs.append(
            {
                "method": "POST",
                "path": f"/locataire/signaler/{copy.id}/verifier/",
                "headers": {
                    "Cookie": plan.cookie(key),
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                "body": f"csrfmiddlewaretoken={plan.csrf}&accept_charge=on",
            }
        )
    plan.add("tenant", "confirm (POST)", specs)

    caretaker = User.objects.get(username="gardien")
    sector = caretaker.caretaker.sectors.first()
    buildings = list(sector.buildings.annotate(n=Count("repair_requests")).order_by("-n", "code"))
    building = buildings[0]
    _, session = login(caretaker)
    plan.get("caretaker", "sector page", "/gardien/", session)
    plan.get("caretaker", "a building's requests", f"/gardien/batiment/{building.code}/", session)
    # The syncs make their requests in another building: the page measured keeps its size.
    dwellings = list(
        Dwelling.objects.filter(entrance__building=buildings[-1]).select_related(
            "entrance__building"
        )[:20]
    )
    entries = ["KIT-SINK-LEAK", "LIV-WINDOW-STUCK", "LIV-SHUTTER-BROKEN", "KIT-TAP-LEAK"]
    specs = []
    for _ in range(syncs):
        items = [
            {
                "id": str(uuid.uuid4()),
                "kind": "new_request",
                "made_at": datetime.now().astimezone().isoformat(),
                "data": {
                    "place": places.dwelling_key(dwellings[i % len(dwellings)]),
                    "entry": entries[i % len(entries)],
                    "description": "Vu pendant la tournée.",
                },
            }
            for i in range(50)
        ]
        plan.made.extend(item["id"] for item in items)
        specs.append(
            {
                "method": "POST",
                "path": "/api/rounds/sync",
                "headers": {
                    "Cookie": plan.cookie(session),
                    "X-CSRFToken": plan.csrf,
                    "Content-Type": "application/json",
                },
                "body": json.dumps({"items": items}),
            }
        )
    plan.add("caretaker", "sync of 50 queued items (POST)", specs)

    officer = User.objects.get(username="agent")
    _, session = login(officer)
    last_name = tenant.last_name
    plan.get("officer", "inbox (open requests)", "/bureau/demandes/", session)
    plan.get(
        "officer", "inbox, «closed», page 3", "/bureau/demandes/?status=closed&page=3", session
    )
    plan.get(
        "officer",
        "inbox, 3 filters (status, word, page)",
        "/bureau/demandes/?status=closed&q=fuite&page=2",
        session,
    )
    plan.get("officer", "search by tenant name", f"/bureau/demandes/?q={last_name}", session)
    plan.get("officer", "inbox, one building", f"/bureau/demandes/?place={building.code}", session)
    plan.get("officer", "place suggestions", f"/bureau/lieux/?place={building.code[:3]}", session)
    plan.get("officer", "a request page", f"/bureau/demandes/{sample.code}/", session)
    manager = User.objects.get(username="responsable")
    _, session = login(manager)
    # As managers meet it: the monthly summaries kept by the scheduler (one view counts them).
    from agir.quality.indicators import Scope, compute

    compute(Scope.last_twelve_months())
    plan.get("manager", "dashboard, whole estate, last 12 months", "/bureau/qualite/", session)
    plan.get("api", "catalogue suggest", "/api/catalogue/suggest?q=fuite%20sous%20l%27evier", None)
    plan.get("baseline", "baseline (after)", baseline_path, None)
    return plan, tenant.username


# --- the server and the runs --------------------------------------------------------------


def forget(keys: list[str]) -> None:
    """Delete what the POSTs made (requests, events, notifications, receipts), so that the
    kept database stays at the seeded size from one run to the next."""
    from django.db import transaction

    from agir.repairs.models import RepairRequest
    from agir.rounds.models import SyncReceipt

    keys = [uuid.UUID(k) for k in keys]
    ids = list(RepairRequest.objects.filter(idempotency_key__in=keys).values_list("pk", flat=True))
    with transaction.atomic():
        for start in range(0, len(ids), 500):
            _purge(RepairRequest, ids[start : start + 500])
        SyncReceipt.objects.filter(uuid__in=keys).delete()


def _purge(model, pks: list) -> None:
    """Delete rows and, first, every row that points at them, whatever app added the table
    (raw deletes: events are append-only for the product; a benchmark's own rows may go)."""
    # hidden ones too (related_name="+": the quality facts, the staff's access log)
    relations = [f for f in model._meta.get_fields(include_hidden=True) if f.auto_created]
    for relation in relations:
        if not relation.is_relation or not (relation.one_to_many or relation.one_to_one):
            continue
        children = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": pks}
        )
        child_pks = list(children.values_list("pk", flat=True))
        if child_pks:
            _purge(relation.related_model, child_pks)
    model._base_manager.filter(pk__in=pks)._raw_delete(using="default")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    server_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{BENCH}",
    }
    command = [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}"]
    command += ["--timeout", "120", "agir.wsgi:application"]
    server = subprocess.Popen(
        command, env=server_env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not start; see {log}")


def drive(
    port: int, requests: Path, clients: int, count: int, seconds: float, rate: float = 0.0
) -> dict:
    command = [sys.executable, str(BENCH / "load.py"), "--port", str(port)]
    command += ["--requests", str(requests), "--clients", str(clients)]
    command += ["--count", str(count), "--seconds", str(seconds), "--rate", str(rate)]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def target(group: str, label: str, ratio: float, p95: float, rps: float) -> str:
    if group in {"tenant", "caretaker"}:
        floor = 0.4 if "confirm" in label else 0.5
        if "sync" in label:
            return "—"
        ok = ratio >= floor and p95 < TENANT_P95_MS
        return f"{'met' if ok else 'MISSED'} (≥ {floor:.1f}×, p95 < {TENANT_P95_MS} ms)"
    if group == "officer" and ("inbox" in label or "search" in label):
        return f"{'met' if p95 < OFFICER_P95_MS else 'MISSED'} (p95 < {OFFICER_P95_MS} ms)"
    if group == "manager":
        # «Under 2 s» is for one view, not at 20 clients on 2 workers (where each waits for
        # about ten others): one view takes the workers' time over the throughput.
        one_view = WORKERS * 1000 / rps if rps else float("inf")
        verdict = "met" if one_view < DASHBOARD_MS else "MISSED"
        return f"{verdict} (one view {one_view:.0f} ms < {DASHBOARD_MS} ms)"
    return "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dwellings", type=int, default=2000)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--count", type=int, default=300, help="requests a page, at most")
    parser.add_argument("--seconds", type=float, default=15, help="seconds a page, at most")
    parser.add_argument("--only", default="", help="pages whose group and label contain this")
    parser.add_argument(
        "--officer-rate",
        type=float,
        default=OFFICER_RATE,
        help="officer pages again at this many requests a second (open load); 0: not",
    )
    parser.add_argument("--paced-seconds", type=float, default=20, help="seconds a paced page")
    args = parser.parse_args()

    env = prepare_database(args.dwellings, args.years, args.postgres)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    sys.path[:0] = [str(ROOT), str(BENCH)]
    import django

    django.setup()
    from agir.repairs.models import RepairRequest

    requests = RepairRequest.objects.count()
    size = f"{args.dwellings} dwellings × {args.years} years ({requests} requests)"
    folder = Path(tempfile.mkdtemp(prefix="agir-pages-"))
    plan, tenant = make_plan(folder, confirms=args.count, syncs=max(10, args.count // 10))
    port = free_port()
    server = start_server(env, port, folder / "gunicorn.log")
    rows, paced = [], []
    try:
        for group, label, requests in plan.pages:
            wanted = args.only in f"{group} {label}" or group in ("baseline", "reference")
            if args.only and not wanted:
                continue
            drive(port, requests, 4, 20, 10)  # warm-up: imports, caches, connections
            count = args.count
            if "sync" in label:
                count = max(10, args.count // 10)
            result = drive(port, requests, args.clients, count, args.seconds)
            rows.append((group, label, result))
            print(f"{group:>9} {label:<40} {result['rps']:>7.1f} req/s p95 {result['p95']} ms")
            if group == "officer" and args.officer_rate > 0:
                most = int(args.officer_rate * args.paced_seconds)
                at_pace = drive(
                    port, requests, args.clients, most, args.paced_seconds, args.officer_rate
                )
                paced.append((label, at_pace))
                print(
                    f"{'':>9} {'… at ' + str(args.officer_rate) + ' a second':<40}"
                    f" {at_pace['rps']:>7.1f} req/s p95 {at_pace['p95']} ms"
                )
    finally:
        server.terminate()
        server.wait(30)
        forget(plan.made)
    base = [r for g, _l, r in rows if g == "baseline"]
    baseline = sum(r["rps"] for r in base) / len(base)
    write_table(args, size, tenant, baseline, rows, paced)


def write_table(args, size: str, tenant: str, baseline: float, rows, paced) -> None:
    load = os.getloadavg()
    now = datetime.now().astimezone()
    database = "PostgreSQL" if args.postgres else "SQLite"
    lines = [
        f"# Pages under load — {database}, {size}",
        "",
        f"- date: {now:%Y-%m-%d %H:%M %Z}",
        f"- machine: {platform.node()}, {os.cpu_count()} CPUs ({platform.machine()}),"
        f" Python {platform.python_version()}, load average at the end {load[0]:.1f}"
        " (the CPUs are shared: read the ratios, not the plain figures)",
        f"- server: gunicorn, 2 sync workers; load: bench/load.py, {args.clients} clients,"
        f" at most {args.count} requests or {args.seconds:.0f} s a page",
        f"- baseline: a bare view rendering a template from one indexed query, {baseline:.1f} req/s"
        " (mean of before and after)",
        "- cache: "
        + (
            "Redis (CACHE_URL), shared by the processes"
            if os.environ.get("CACHE_URL")
            else "local memory in each process"
        ),
        f"- tenant pages as `{tenant}` (the tenant with the most requests); command:"
        f" `uv run python bench/pages.py --dwellings {args.dwellings} --years {args.years}"
        f"{' --postgres' if args.postgres else ''}`",
        "",
        "| who | page | req/s | × baseline | p50 ms | p95 ms | p99 ms | KB | errors | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for group, label, r in rows:
        ratio = r["rps"] / baseline if baseline else 0.0
        # A page that answered anything but what it should (a redirect to sign in…) is wrong.
        expected = "302" if "confirm" in label else "200"
        r["errors"] = sum(n for status, n in r["statuses"].items() if status != expected)
        lines.append(
            f"| {group} | {label} | {r['rps']:.1f} | {ratio:.2f}× | {r['p50']} | {r['p95']} |"
            f" {r['p99']} | {r['bytes'] / 1024:.1f} | {r['errors']}/{r['count']} |"
            f" {target(group, label, ratio, r['p95'], r['rps'])} |"
        )
    if paced:
        lines += [
            "",
            f"Officer pages at a working pace: requests arriving at {args.officer_rate:g} a second"
            " (Poisson, open load; each latency from the request's arrival), for"
            f" {args.paced_seconds:.0f} s a page:",
            "",
            "| page | asked a second | answered a second | p50 ms | p95 ms | p99 ms | errors |"
            " target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for label, r in paced:
            errors = sum(n for status, n in r["statuses"].items() if status != "200")
            verdict = "—"
            if "inbox" in label or "search" in label:
                ok = r["p95"] < OFFICER_P95_MS and not errors
                verdict = f"{'met' if ok else 'MISSED'} (p95 < {OFFICER_P95_MS} ms)"
            lines.append(
                f"| {label} | {r['rate']:g} | {r['rps']:.1f} | {r['p50']} | {r['p95']} |"
                f" {r['p99']} | {errors}/{r['count']} | {verdict} |"
            )
    text = "\n".join(lines) + "\n"
    print(text)
    backend = "pg" if args.postgres else "sqlite"
    name = f"pages-{backend}-{args.dwellings}x{args.years}-{now:%Y%m%d-%H%M}.md"
    (BENCH / "results" / name).write_text(text)
    print(f"written to bench/results/{name}")


if __name__ == "__main__":
    main()
