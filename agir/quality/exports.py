"""Every table of the dashboard as CSV (semicolons and a BOM, as French spreadsheets expect)
or XLSX (xlsxwriter; shares written as numbers with a percentage format)."""

from __future__ import annotations

import csv
import io

import xlsxwriter

from .sections import Section, Share

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value) -> str:
    if value is None:
        return ""
    return str(value)


def to_csv(section: Section) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(section.columns)
    for row in section.rows:
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(sections: list[Section]) -> bytes:
    """One sheet a table, named by its slug (sheet names are at most 31 characters)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    percent = book.add_format({"num_format": "0.0%"})
    for section in sections:
        sheet = book.add_worksheet(section.slug[:31])
        sheet.write_row(0, 0, section.columns, bold)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, max(len(section.columns) - 1, 1), 16)
        for r, row in enumerate(section.rows, start=1):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, Share):
                    sheet.write_number(r, c, float(value), percent)
                elif isinstance(value, int | float):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, str(value))
    book.close()
    return out.getvalue()
