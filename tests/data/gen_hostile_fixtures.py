#!/usr/bin/env python3
"""Writes the hostile import fixtures: files built to crash, exhaust or fool the importer.

Run from the repository root: python3 tests/data/gen_hostile_fixtures.py
Output: tests/fixtures/hostile/* (committed). src/core/tests/hostile.rs checks each one.
Standard library only: the workbooks are zip archives of XML strings written by hand.

A fixture that is large once unpacked (the wide CSV, the zip bomb) is committed inside a
small zip of its own, `<name>.zip` holding `<name>`; the tests take it out in memory. Every
other fixture is the file itself, as a user would drop it on the app.
"""
import io
import struct
import zipfile
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "hostile"

# --- XLSX written by hand ------------------------------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""

WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

# Style 0: general. Style 1: the built-in date format 14 (m/d/yyyy), so a number is a date.
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""


def col_name(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t: str) -> str:
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell_xml(ref: str, cell) -> str:
    """("s", text): an inline string; ("n", "1.5"): a number; ("d", "45000"): a number in the
    date format (a date cell); None: no cell."""
    kind, v = cell
    if kind == "s":
        return f'<c r="{ref}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'
    if kind == "n":
        return f'<c r="{ref}"><v>{v}</v></c>'
    if kind == "d":
        return f'<c r="{ref}" s="1"><v>{v}</v></c>'
    raise ValueError(kind)


def sheet_xml(rows) -> str:
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            cell_xml(f"{col_name(c)}{r}", cell) for c, cell in enumerate(row) if cell is not None
        )
        body.append(f'<row r="{r}">{cells}</row>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{"".join(body)}</sheetData></worksheet>'
    )


def xlsx(rows) -> bytes:
    return xlsx_parts(sheet_xml(rows))


def xlsx_parts(sheet: str, shared: str = "") -> bytes:
    buf = io.BytesIO()
    rels = WORKBOOK_RELS
    parts = [("xl/worksheets/sheet1.xml", sheet)]
    if shared:
        rels = rels.replace(
            "</Relationships>",
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        parts.append(("xl/sharedStrings.xml", shared))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", rels),
            ("xl/styles.xml", STYLES),
        ] + parts:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def s(t):
    return ("s", t)


def n(v):
    return ("n", v)


def d(v):
    return ("d", v)


# --- ODS written by hand -------------------------------------------------------------------

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def ods(table_rows: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
        f"{table_rows}"
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        stamp = (2024, 1, 1, 0, 0, 0)
        z.writestr(
            zipfile.ZipInfo("mimetype", stamp),
            "application/vnd.oasis.opendocument.spreadsheet",
            zipfile.ZIP_STORED,
        )
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", stamp), ODS_MANIFEST, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("content.xml", stamp), content, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def ods_text(t: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{esc(t)}</text:p></table:table-cell>'


# --- Zip helpers ---------------------------------------------------------------------------


def wrapped(name: str, data: bytes) -> bytes:
    """`data` as the one member `name` of a zip: how a fixture large once unpacked is kept."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def zip_bomb(cell_bytes: int, declared: int) -> bytes:
    """An XLSX whose sheet holds one inline-string cell of `cell_bytes` letters. The sheet is
    deflated by hand (zlib at level 9, streaming, so the letters are never all in memory) and
    its local and central headers declare `declared` bytes unpacked: the central directory
    promises a modest, honest-looking sheet."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>'
    ).encode()
    tail = '</t></is></c><c r="B2"><v>1</v></c></row></sheetData></worksheet>'.encode()
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc = zlib.crc32(head)
    packed = [comp.compress(head)]
    block = b"A" * (1 << 20)
    left = cell_bytes
    while left:
        piece = block[: min(left, len(block))]
        crc = zlib.crc32(piece, crc)
        packed.append(comp.compress(piece))
        left -= len(piece)
    crc = zlib.crc32(tail, crc)
    packed.append(comp.compress(tail))
    packed.append(comp.flush())
    sheet_packed = b"".join(packed)
    real = len(head) + cell_bytes + len(tail)
    assert real < 1 << 32

    # The other parts, written the usual way, then the sheet entry by hand.
    base = io.BytesIO()
    with zipfile.ZipFile(base, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/styles.xml", STYLES),
        ]:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
    data = bytearray(base.getvalue())
    # Split off the central directory and end record the writer made.
    eocd = data.rfind(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack("<II", data[eocd + 12 : eocd + 20])
    entries = int.from_bytes(data[eocd + 10 : eocd + 12], "little")
    central = bytes(data[cd_offset : cd_offset + cd_size])
    local = bytes(data[:cd_offset])
    name = b"xl/worksheets/sheet1.xml"
    dos_time, dos_date = 0, (2024 - 1980) << 9 | 1 << 5 | 1
    local_header = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, dos_time, dos_date, crc,
        len(sheet_packed), declared, len(name), 0,
    ) + name
    sheet_offset = len(local)
    central_entry = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, dos_time, dos_date, crc,
        len(sheet_packed), declared, len(name), 0, 0, 0, 0, 0, sheet_offset,
    ) + name
    out = local + local_header + sheet_packed
    cd_start = len(out)
    out += central + central_entry
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1,
        len(central) + len(central_entry), cd_start, 0,
    )
    return out


# --- The fixtures --------------------------------------------------------------------------


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    files = {}

    # 1a. A date cell holding -1e15 (calamine's conversion panicked: TimeDelta out of bounds),
    #     one holding NaN (read as 30 Dec 1899), one holding 1e300; then a good row.
    #     Rows 2, 3, 4 are rejected "not a date"; row 5 (2023-03-15) is used.
    files["xlsx_date_out_of_range.xlsx"] = xlsx([
        [s("Customer"), s("Date"), s("Amount")],
        [s("A"), d("-1E+15"), n("10")],
        [s("B"), d("NaN"), n("20")],
        [s("C"), d("1E+300"), n("30")],
        [s("D"), d("45000"), n("40")],
    ])

    # 2. Number cells holding NaN and ±infinity (the CSV path rejects them): rows 2 to 5 are
    #    rejected "not a number", in the amount and in the optional profit column; row 6 is
    #    used. E: sales 8, profit 2.
    files["xlsx_nan_inf.xlsx"] = xlsx([
        [s("Customer"), s("Date"), s("Amount"), s("Profit")],
        [s("A"), d("45000"), n("NaN"), n("1")],
        [s("B"), d("45000"), n("INF"), n("1")],
        [s("C"), d("45000"), n("-Infinity"), n("1")],
        [s("D"), d("45000"), n("7"), n("nan")],
        [s("E"), d("45001"), n("8"), n("2")],
    ])

    # The same in a customer table (one row per customer): sales NaN and ∞ are rejected.
    files["xlsx_nan_inf_customers.xlsx"] = xlsx([
        [s("Customer"), s("Sales"), s("Orders")],
        [s("A"), n("NaN"), n("1")],
        [s("B"), n("inf"), n("2")],
        [s("C"), n("5"), n("-inf")],
        [s("D"), n("9"), n("3")],
    ])

    # 4. The full range of dates a spreadsheet holds: 0001-01-01 and 9999-12-31, as date
    #    cells (serials −693593 and 2958465 in the 1900 system) and as text; and 10000-01-01,
    #    beyond it. Rows 2–5 are used, row 6 is rejected "not a date".
    files["xlsx_extreme_dates.xlsx"] = xlsx([
        [s("Customer"), s("Date"), s("Amount")],
        [s("A"), d("-693593"), n("1")],
        [s("B"), d("2958465"), n("2")],
        [s("C"), s("0001-01-01"), n("3")],
        [s("D"), s("9999-12-31"), n("4")],
        [s("E"), d("2958466"), n("5")],
    ])
    files["csv_extreme_dates.csv"] = (
        "Customer,Date,Amount\n"
        "A,0001-01-01,1\n"
        "B,9999-12-31,2\n"
        "C,31/12/9999,3\n"
        "D,10000-01-01,4\n"
    ).encode()

    # 1b. An ODS of about 1 KB whose repeat counts expand to 1,048,575 rows × 95 cells (calamine
    #     builds that range: 2.3 GB, then "capacity overflow").
    bomb_rows = (
        f'<table:table-row>{ods_text("Customer")}{ods_text("Amount")}</table:table-row>'
        '<table:table-row table:number-rows-repeated="1048575">'
        '<table:table-cell table:number-columns-repeated="95" office:value-type="float"'
        ' office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
    )
    files["ods_repeat_bomb.ods"] = ods(bomb_rows)

    # The same trick with text: one row of 2,000 cells of a 4 KB text, repeated 1000 times:
    # two million cells, under the cell limit, but 8 GB of text once expanded.
    big = "x" * 4096
    text_rows = (
        f'<table:table-row>{ods_text("Customer")}{ods_text("Amount")}</table:table-row>'
        '<table:table-row table:number-rows-repeated="1000">'
        '<table:table-cell table:number-columns-repeated="2000" office:value-type="string">'
        f"<text:p>{big}</text:p></table:table-cell></table:table-row>"
    )
    files["ods_text_bomb.ods"] = ods(text_rows)

    # 1c. A CSV of 20,000 columns and 10 rows: a header of 20,000 names and rows of numbers
    #     (the app ran out of memory: 2,000 columns took 148 MB). Refused: more columns than a
    #     spreadsheet holds (16,384). (Short names and cells keep the zip small.)
    names = ["Customer", "Amount"] + ["x"] * 19998
    lines = [",".join(names)]
    for r in range(10):
        lines.append(",".join([f"C{r}", "1"] + ["7"] * 19998))
    files["csv_20000_columns.csv.zip"] = wrapped("csv_20000_columns.csv", ("\n".join(lines) + "\n").encode())

    # 1d. An XLSX whose zip headers declare 40 MB for the sheet, whose one cell unpacks to
    #     1.1 GB of letters (the check trusted the declared sizes).
    files["xlsx_zip_bomb.xlsx.zip"] = wrapped(
        "xlsx_zip_bomb.xlsx", zip_bomb(1_100_000_000, 40_000_000)
    )

    # 3. An unterminated quote opened on row 3: every line after it is one field. Reported
    #    today as "row 204, column date: not a date".
    rows = ["Customer,Date,Amount", "A,2024-01-01,1", 'B,"2024-01-02,2']
    rows += [f"C{i},2024-01-03,{i}" for i in range(200)]
    files["csv_unterminated_quote.csv"] = ("\n".join(rows) + "\n").encode()

    # Damaged workbooks, whose parser errors must reach the user as a sentence naming the file.
    good = xlsx([[s("Customer"), s("Amount")], [s("A"), n("1")]])
    files["xlsx_truncated.xlsx"] = good[: len(good) // 2]
    files["xlsx_not_a_zip.xlsx"] = b"PK\x03\x04 this is not a zip archive at all" + b"\0" * 64
    files["xlsx_bad_xml.xlsx"] = xlsx_parts(
        '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr">'
        '<is><t>Customer</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c><c r="B2"><v>1</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>Beta</t></is></c><c r="B3" <v>2</v></c></row>'
        "</sheetData></worksheet>"
    )
    files["xlsx_bad_number.xlsx"] = xlsx_parts(
        '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr">'
        '<is><t>Customer</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Acme</t></is></c><c r="B2" t="n"><v>1x</v></c>'
        "</row></sheetData></worksheet>"
    )

    # 4 (CSV writer). Rejected rows holding formulas: the rejected-rows download must
    #    neutralise them. Every data row is rejected (bad date), and the values land in
    #    the download's "value" column; -12.5 and +3 are numbers and stay so.
    files["csv_formula_injection.csv"] = (
        "Customer,Date,Amount\n"
        'A,"=HYPERLINK(""http://evil.example"",""click"")",1\n'
        "B,+cmd|'/C calc'!A0,2\n"
        "C,-2+3,3\n"
        "D,@SUM(A1:A2),4\n"
        'E,"\tTAB",5\n'
        'F,"\rCR",6\n'
        "G,-12.5x,7\n"
        "H,-12.5,8\n"
        "=I,+3,9\n"
    ).encode()

    # 2. Ids made only of invisible characters: zero-width space, ZWNJ, ZWJ, BOM, word joiner,
    #    soft hyphen. Rows 2–7 are rejected (no customer id); row 8 is used.
    invisible = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad\u200b"]
    rows = ["Customer,Date,Amount"] + [f"{c},2024-01-01,{i + 1}" for i, c in enumerate(invisible)]
    rows.append("Real,2024-01-02,9")
    files["csv_invisible_ids.csv"] = ("\n".join(rows) + "\n").encode("utf-8")

    # 2. Mostly UTF-8, with bytes that are not: a GBK line (row 8) and a stray 0xFF (row 10),
    #    as when two exports are pasted together. Read as UTF-8 (most lines beyond ASCII are
    #    valid UTF-8), the two rows decoded with U+FFFD, counted and reported with their rows.
    files["csv_mixed_encoding.csv"] = (
        "Customer,Date,Amount\n".encode()
        + "Acme,2024-01-01,1\n".encode()
        + "Ñandú,2024-01-02,2\n".encode("utf-8")
        + "Café Müller,2024-01-02,2\n".encode("utf-8")
        + "Zürich AG,2024-01-02,2\n".encode("utf-8")
        + "São Paulo Ltda,2024-01-02,2\n".encode("utf-8")
        + "客户乙,2024-01-02,2\n".encode("utf-8")
        + "客户甲,2024-01-03,3\n".encode("gbk")
        + b"Beta,2024-01-04,4\n"
        + b"Bad\xffname,2024-01-05,5\n"
    )

    # 2. Decimal columns that cannot be settled, which must ask rather than guess. Only
    #    "1.234"-style values (a thousand, or one point two three four?); and a column that
    #    mixes conventions: "12.50" proves a decimal dot, "1.234,56" a decimal comma, so
    #    "1.234" could be either (read as 1.234 without a word today).
    files["csv_decimal_only_ambiguous.csv"] = (
        "Customer,Date,Amount\n"
        "A,2024-01-01,1.234\n"
        "B,2024-01-02,2.500\n"
        "C,2024-01-03,3.750\n"
    ).encode()
    files["csv_decimal_only_ambiguous_semicolon.csv"] = (
        "Customer;Date;Amount\n"
        "A;2024-01-01;1.234\n"
        "B;2024-01-02;2.500\n"
    ).encode()
    files["csv_decimal_mixed.csv"] = (
        "Customer,Date,Amount\n"
        "A,2024-01-01,12.50\n"
        "B,2024-01-02,\"1.234,56\"\n"
        "C,2024-01-03,1.234\n"
    ).encode()

    # Files that are no table, renamed: a JSON array as .csv, an HTML table as .xls (as some
    #    web apps "export to Excel"), a PDF of text as .xlsx. Read as CSV they gave a header
    #    and no rows, or 14 rows of "not a date"; each is refused for what it is.
    files["json_renamed.csv"] = b'[{"customer": "A", "amount": 1}, {"customer": "B", "amount": 2}]\n'
    files["html_table_renamed.xls"] = (
        b"<!DOCTYPE html>\n<html><head><meta charset=utf-8></head><body><table>\n"
        b"<tr><th>Customer</th><th>Date</th><th>Amount</th></tr>\n"
        b"<tr><td>A</td><td>2024-01-01</td><td>1</td></tr>\n</table></body></html>\n"
    )
    files["pdf_renamed.xlsx"] = (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        + b"".join(b"BT /F1 12 Tf 72 %d Td (Customer, Date, Amount) Tj ET\n" % (700 - 14 * i) for i in range(14))
        + b"%%EOF\n"
    )

    # A 50 MB single line (no line end, no delimiter): refused as read, past 16 MiB, the
    #    most one row may hold. And a file of NUL bytes: binary, no table.
    files["csv_50mb_line.csv.zip"] = wrapped("csv_50mb_line.csv", b"Customer" + b"x" * 50_000_000)
    files["nul_bytes.csv"] = b"\0" * 4096

    # An XLSX whose shared-strings table declares 99,999,999,999,999 strings and holds one:
    #    calamine reserved the declared count (an allocation of 2.4 PB).
    sst = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        ' count="1" uniqueCount="99999999999999"><si><t>Customer</t></si></sst>'
    )
    files["xlsx_shared_strings_count.xlsx"] = xlsx_parts(
        sheet_xml([[s("Customer"), s("Amount")], [s("A"), n("1")]]), shared=sst
    )

    # XLS: office_log.xls (written by LibreOffice, see gen_import_fixtures.py) with one record
    #    changed in place. Its DIMENSIONS record declaring 4 billion rows × 255 columns, which
    #    calamine reserved ("capacity overflow", or an allocation of 43 TB); declaring rows that
    #    end before they start (a u32 underflow in calamine); and one of its cells moved to
    #    IV65536, so that the dense range calamine builds from A1 is 65,536 × 256 cells.
    xls = (OUT.parent / "import" / "office_log.xls").read_bytes()
    dims = xls.index(b"\x00\x02\x0e\x00") + 4  # DIMENSIONS, BIFF8: 14 bytes
    huge = bytearray(xls)
    struct.pack_into("<IIHH", huge, dims, 0, 0xFFFFFFF0, 0, 0xFF)
    files["xls_dimensions_huge.xls"] = bytes(huge)
    backwards = bytearray(xls)
    struct.pack_into("<IIHH", backwards, dims, 5, 2, 0, 3)
    files["xls_dimensions_backwards.xls"] = bytes(backwards)
    far = bytearray(xls)
    cell = far.index(b"\xfd\x00\x0a\x00") + 4  # a LABELSST cell: row, column, ...
    struct.pack_into("<HH", far, cell, 0xFFFF, 0xFF)
    files["xls_far_cell.xls"] = bytes(far)

    for name, data in sorted(files.items()):
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
