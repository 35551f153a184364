"""A bounded HTTP load generator: N connections on 127.0.0.1, stopped after a count or a time.

    python bench/load.py --port 8123 --requests FILE.jsonl --clients 20 --count 400 --seconds 20

FILE.jsonl has one request a line: {"method", "path", "headers": {...}, "body": "..."}; the
clients take them in turn (a file of one line repeats it). Prints one JSON line: count, errors
(status >= 400 or a reset), the statuses seen, requests a second, p50/p95/p99 in ms, and the
mean response size. HTTP/1.1 keep-alive, standard library only (asyncio): wrk, hey or locust
are not installed on these machines, and a bounded client is all a ratio needs.

With `--rate R` the load is open instead of closed: requests arrive at R a second on average
(Poisson arrivals, a fixed seed), each on an idle connection or a new one (at most --clients),
whether or not the earlier ones have been answered, as people working at their own pace do.
Each latency runs from the request's arrival, not from when a connection was free to send it,
so a server that falls behind shows it in full (no coordinated omission).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from collections import Counter


async def _one(reader, writer, host: str, spec: dict) -> tuple[int, int]:
    body = spec.get("body", "").encode()
    headers = {"Host": host, "Connection": "keep-alive", **spec.get("headers", {})}
    if body:
        headers["Content-Length"] = str(len(body))
    head = f"{spec.get('method', 'GET')} {spec['path']} HTTP/1.1\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    writer.write(head.encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, chunked, closing = 0, False, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and "close" in value.lower():
            closing = True
    size = 0
    if chunked:
        while True:
            chunk = int((await reader.readline()).strip(), 16)
            await reader.readexactly(chunk + 2)
            size += chunk
            if chunk == 0:
                break
    else:
        await reader.readexactly(length)
        size = length
    if closing:
        raise EOFError(status, size)
    return status, size


async def _client(port, specs, state, deadline, count) -> None:
    reader = writer = None
    while state["next"] < count and time.perf_counter() < deadline:
        index = state["next"]
        state["next"] += 1
        spec = specs[index % len(specs)]
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status, size = await _one(reader, writer, f"127.0.0.1:{port}", spec)
        except EOFError as closed:
            status, size = closed.args
            writer.close()
            reader = writer = None
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            status, size = 0, 0
            if writer is not None:
                writer.close()
            reader = writer = None
        state["times"].append(time.perf_counter() - started)
        state["statuses"][status] += 1
        state["bytes"] += size
    if writer is not None:
        writer.close()


async def run(port: int, specs: list[dict], clients: int, count: int, seconds: float) -> dict:
    state = {"next": 0, "times": [], "statuses": Counter(), "bytes": 0}
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(_client(port, specs, state, deadline, count) for _ in range(clients)))
    return _summary(state, time.perf_counter() - started)


async def run_paced(
    port: int, specs: list[dict], rate: float, clients: int, count: int, seconds: float
) -> dict:
    """Open load: `count` requests (or `seconds`' worth) arriving at `rate` a second."""
    state = {"times": [], "statuses": Counter(), "bytes": 0}
    idle: list[tuple] = []
    slots = asyncio.Semaphore(clients)
    arrivals = random.Random(11)
    host = f"127.0.0.1:{port}"

    async def answer(spec: dict, arrived: float) -> None:
        async with slots:
            connection = idle.pop() if idle else None
            try:
                if connection is None:
                    connection = await asyncio.open_connection("127.0.0.1", port)
                status, size = await _one(*connection, host, spec)
                idle.append(connection)
            except EOFError as closed:
                status, size = closed.args
                connection[1].close()
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                status, size = 0, 0
                if connection is not None:
                    connection[1].close()
        state["times"].append(time.perf_counter() - arrived)
        state["statuses"][status] += 1
        state["bytes"] += size

    started = time.perf_counter()
    due = started
    pending = []
    for index in range(count):
        due += arrivals.expovariate(rate)
        if due > started + seconds:
            break
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        pending.append(asyncio.create_task(answer(specs[index % len(specs)], due)))
    await asyncio.gather(*pending)
    elapsed = time.perf_counter() - started
    for _reader, writer in idle:
        writer.close()
    return {**_summary(state, elapsed), "rate": rate}


def _summary(state: dict, elapsed: float) -> dict:
    times = sorted(state["times"])
    done = len(times)

    def pct(p: float) -> float:
        return round(1000 * times[min(done - 1, int(p * done))], 1) if done else 0.0

    errors = sum(n for s, n in state["statuses"].items() if s == 0 or s >= 400)
    return {
        "count": done,
        "errors": errors,
        "statuses": {str(k): v for k, v in sorted(state["statuses"].items())},
        "seconds": round(elapsed, 2),
        "rps": round(done / elapsed, 1) if elapsed else 0.0,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "mean_ms": round(1000 * statistics.fmean(times), 1) if done else 0.0,
        "bytes": round(state["bytes"] / done) if done else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--requests", required=True, help="JSON lines, one request each")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=float, default=0.0, help="open load: requests a second")
    args = parser.parse_args()
    with open(args.requests, encoding="utf-8") as handle:
        specs = [json.loads(line) for line in handle if line.strip()]
    if args.rate > 0:
        paced = run_paced(args.port, specs, args.rate, args.clients, args.count, args.seconds)
        result = asyncio.run(paced)
    else:
        result = asyncio.run(run(args.port, specs, args.clients, args.count, args.seconds))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
