"""Reading the ERP's files row by row, each row with its line number, and the outcome of a
chunk of rows (counts and rejects)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import RowError, Spec, parse_row


@dataclass
class Row:
    line: int
    raw: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class Outcome:
    counts: Counter = field(default_factory=Counter)
    rejects: list[tuple[int, str, dict[str, Any], str]] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] += n

    def reject(self, row: Row, code: str, **params: Any) -> None:
        self.counts["rejected"] += 1
        self.rejects.append((row.line, code, _plain(params), row.raw))

    def merge(self, other: Outcome) -> None:
        self.counts.update(other.counts)
        self.rejects.extend(other.rejects)


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value if isinstance(value, int | float) else str(value)
        for key, value in params.items()
    }


def read(path: Path, fmt: str, spec: Spec) -> Iterator[Row | tuple[Row, RowError]]:
    """Each row, parsed; a bad row comes as (row, error). A bad file raises RowError."""
    if fmt == "csv":
        yield from _read_csv(path, spec)
    else:
        yield from _read_jsonl(path, spec)


def _read_csv(path: Path, spec: Spec) -> Iterator[Row | tuple[Row, RowError]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RowError("file_not_utf8") from None
    lines = text.splitlines()
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return
    header = [name.strip() for name in header]
    missing = [name for name in spec.required if name not in header]
    if missing:
        raise RowError("missing_columns", columns=", ".join(missing))
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield (
                Row(start, lines[start - 1] if start <= len(lines) else ""),
                RowError("unexpected", error=str(error)),
            )
            continue
        raw = "\n".join(lines[start - 1 : reader.line_num])
        if not any(value.strip() for value in values):
            continue
        row = Row(start, raw)
        try:
            row.values = parse_row(spec, dict(zip(header, values, strict=False)))
        except RowError as error:
            yield row, error
            continue
        yield row


def _read_jsonl(path: Path, spec: Spec) -> Iterator[Row | tuple[Row, RowError]]:
    with open(path, "rb") as stream:
        for number, data in enumerate(stream, start=1):
            try:
                line = data.decode("utf-8").strip()
            except UnicodeDecodeError:
                yield Row(number, data.decode("utf-8", "replace").strip()), RowError("not_utf8")
                continue
            if not line:
                continue
            row = Row(number, line)
            try:
                raw = json.loads(line)
            except ValueError:
                yield row, RowError("not_json")
                continue
            if not isinstance(raw, dict):
                yield row, RowError("not_json")
                continue
            try:
                row.values = parse_row(spec, raw)
            except RowError as error:
                yield row, error
                continue
            yield row
