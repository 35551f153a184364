"""The benchmark's load generator (bench/load.py) against a server on 127.0.0.1 whose pace is
known: one answer at a time, 50 ms each."""

import asyncio
import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "bench_load", Path(__file__).resolve().parents[2] / "bench" / "load.py"
)
load = importlib.util.module_from_spec(spec)
spec.loader.exec_module(load)

ANSWER_SECONDS = 0.05
REQUEST = [{"method": "GET", "path": "/", "headers": {}}]


async def _slow_server() -> tuple[asyncio.AbstractServer, int]:
    one_at_a_time = asyncio.Lock()

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while await reader.readline():
                while (await reader.readline()) not in (b"\r\n", b""):
                    pass
                async with one_at_a_time:
                    await asyncio.sleep(ANSWER_SECONDS)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


async def _measure(run) -> dict:
    server, port = await _slow_server()
    async with server:
        return await run(port)


def test_an_open_load_counts_the_wait_of_requests_that_arrive_faster_than_answers():
    # 40 a second arrive for one second on at most 2 connections; the server answers 20 a
    # second: the last wait ≈ 1 s, most of it for a free connection, which counts too.
    result = asyncio.run(_measure(lambda port: load.run_paced(port, REQUEST, 40.0, 2, 40, 5.0)))

    assert result["count"] == 40
    assert result["statuses"] == {"200": 40}
    assert result["p99"] > 600
    assert result["p50"] > 4 * ANSWER_SECONDS * 1000


def test_an_open_load_below_the_servers_pace_measures_about_one_answer():
    result = asyncio.run(_measure(lambda port: load.run_paced(port, REQUEST, 4.0, 20, 8, 5.0)))

    assert result["count"] == 8
    assert result["p50"] == pytest.approx(ANSWER_SECONDS * 1000, abs=40)


def test_a_closed_load_sends_each_clients_next_request_after_its_answer():
    result = asyncio.run(_measure(lambda port: load.run(port, REQUEST, 1, 10, 5.0)))

    assert result["count"] == 10
    assert result["statuses"] == {"200": 10}
    assert result["seconds"] >= 10 * ANSWER_SECONDS
