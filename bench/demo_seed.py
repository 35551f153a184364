"""How long `agir demo` takes to fill an empty database."""

import time

from _setup import cpu_baseline, django_with_fresh_database


def main() -> None:
    django_with_fresh_database()
    from agir.demo import seed
    from agir.estate.models import Dwelling
    from agir.repairs.models import RepairRequest

    baseline = cpu_baseline()
    started = time.perf_counter()
    seed.seed(log=lambda *_: None)
    elapsed = time.perf_counter() - started
    print(f"dwellings: {Dwelling.objects.count()}, requests: {RepairRequest.objects.count()}")
    print(f"baseline (fixed CPU loop): {baseline:.3f} s")
    print(
        f"demo seed: {elapsed:.1f} s = {elapsed / baseline:.0f} x baseline "
        f"({'within' if elapsed < 60 else 'OVER'} the one-minute promise)"
    )


if __name__ == "__main__":
    main()
