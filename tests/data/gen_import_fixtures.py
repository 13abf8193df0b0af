#!/usr/bin/env python3
"""Writes the import fixtures: one small CSV per encoding and dialect, with totals known by hand.

Run from the repository root: python3 tests/data/gen_import_fixtures.py [--office]
Output: tests/fixtures/import/*.csv (committed). src/core/tests/import_fixtures.rs checks each one.
No third-party packages: only the standard library's codecs.

With --office, LibreOffice (`soffice`, e.g. from Debian's libreoffice-calc-nogui) also converts
office_log.csv into office_log.ods and office_log.xls, committed as small binary fixtures so
the ODS and XLS (BIFF8) readers are tested on files a real office suite wrote.
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def write(name: str, text: str, encoding: str, bom: bytes = b"", newline: str = "\n") -> None:
    data = bom + text.replace("\n", newline).encode(encoding)
    (OUT / name).write_bytes(data)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)

    # 1. English, UTF-8, comma, quoted thousands, ISO dates, a return (negative amount).
    #    Acme 1,234.56 + 100 - 34.56 = 1300; Beta 2,000.00 → total 3300.
    write("en_utf8_comma.csv",
          "Customer,Order date,Amount,Profit,Product\n"
          "Acme,2024-01-15,\"1,234.56\",200.00,bolts\n"
          "Beta,2024-02-01,\"2,000.00\",500.00,nuts\n"
          "Acme,2024-03-10,100.00,20.00,nuts\n"
          "Acme,2024-03-20,-34.56,-10.00,bolts\n",
          "utf-8")

    # 2. Spanish, UTF-8 with BOM, semicolon, decimal comma, thousands dot, euro sign,
    #    day-first dates, a cancelled order (excluded, counted), CRLF line ends.
    #    "1.234" in the first row is a thousand: the column has "5,5" further down.
    #    Compañía Sur: 1234 + 5,5 = 1239,5; Norte: 2.500,75 → total 3740,25.
    write("es_utf8bom_semicolon.csv",
          "Cliente;Fecha;Importe;Coste;Estado\n"
          "Compañía Sur;15/01/2024;1.234;1.000;entregado\n"
          "Norte S.L.;01/02/2024;2.500,75 €;2.000,00;entregado\n"
          "Compañía Sur;13/03/2024;5,5;2;entregado\n"
          "Norte S.L.;20/03/2024;999,99;500;Anulado\n",
          "utf-8", bom=b"\xef\xbb\xbf", newline="\r\n")

    # 3. Chinese, GBK (as Chinese Excel saves "CSV"), comma, ¥ and 元, CJK and slash dates.
    #    甲公司 ￥1,200 + 800元 = 2000; 乙公司 3,000 → total 5000; 毛利 300 + 200 + 900 = 1400.
    write("zh_gbk_comma.csv",
          "客户名称,下单日期,销售额,毛利,产品\n"
          "甲公司,2024年3月5日,\"￥1,200\",300,螺栓\n"
          "乙公司,2024/3/6,\"3,000\",900,螺母\n"
          "甲公司,2024-04-01,800元,200,螺母\n",
          "gbk")

    # 4. UTF-16 LE with BOM, tab separated (Excel "Unicode text").
    #    Acme 10.5 + 20 = 30.5; 乙 4.5 → total 35.
    write("utf16le_bom_tab.csv",
          "Customer\tDate\tAmount\n"
          "Acme\t2024-05-01\t10.5\n"
          "乙公司\t2024-05-02\t4.5\n"
          "Acme\t2024-05-03\t20\n",
          "utf-16-le", bom=b"\xff\xfe")

    # 5. UTF-16 BE without a BOM.
    #    A 1 + 2 = 3; B 4 → total 7.
    write("utf16be_nobom.csv",
          "Customer,Date,Amount\n"
          "A,2024-01-01,1\n"
          "B,2024-01-02,4\n"
          "A,2024-01-03,2\n",
          "utf-16-be")

    # 6. Windows-1252 (Western Excel), semicolon, Spanish names with ñ and accents.
    #    Peña 1.000,50 + 499,50 = 1500; Ibáñez 250 → total 1750.
    write("es_cp1252_semicolon.csv",
          "Cliente;Fecha;Ventas;Región\n"
          "Peña Hermanos;05/01/2024;1.000,50;León\n"
          "Ibáñez y Cía;06/01/2024;250;Cádiz\n"
          "Peña Hermanos;07/01/2024;499,50;León\n",
          "cp1252")

    # 7. Pipe separated, US month-first dates (proved by 12/25), dollars, a return in
    #    parentheses. Smith 1,500.00 - 500.00 = 1000; Jones 250.25 → total 1250.25.
    #    Jones's order of 3/5/2024 is 5 March once the column proves month-first.
    write("us_pipe_dates.csv",
          "Customer|Date|Amount\n"
          "Jones|3/5/2024|$250.25\n"
          "Smith|12/25/2023|\"$1,500.00\"\n"
          "Smith|1/2/2024|($500.00)\n",
          "utf-8")

    # 8. Only ambiguous day/month dates: read day-first, with a question for the user.
    #    A on 2024-02-01 (day first) and 2024-03-04; B on 2024-05-06.
    write("ambiguous_dates.csv",
          "Customer,Date,Amount\n"
          "A,01/02/2024,10\n"
          "B,06/05/2024,20\n"
          "A,04/03/2024,30\n",
          "utf-8")

    # 9. A customer table under two title rows, with a duplicate id and a bad number.
    #    Rows 4..8 are data: C2 repeats (rejected), C4 has "n/a" (rejected).
    #    Used: C1 500, C2 1500, C3 0 (prospect) → total 2000.
    write("customers_title_rows.csv",
          "2024 客户分级表,,,,\n"
          "导出时间 2024-06-30,,,,\n"
          "客户编号,客户名称,状态,销售额,成交概率\n"
          "C1,甲,已成交,500,\n"
          "C2,乙,已成交,\"1,500\",\n"
          "C3,丙,潜在,,60%\n"
          "C2,乙,已成交,9,\n"
          "C4,丁,已成交,n/a,\n",
          "utf-8")

    # 10. Excel serial dates and spaces as thousands separators (with a no-break space).
    #    45292 = 2024-01-01, 45352 = 2024-03-01. X: 1 234,50 + 765,50 = 2000.
    write("serial_dates_spaces.csv",
          "Cliente;Fecha;Importe\n"
          "X;45292;1\u00a0234,50\n"
          "X;45352;765,50\n",
          "utf-8")

    # 11. Rows that must be rejected, each with its row, column and reason; a blank line
    #    (row 4) is skipped, not counted. Used: A 100 (row 2), B 50 (row 7) → total 150.
    write("bad_rows.csv",
          "Customer,Date,Amount\n"
          "A,2024-01-01,100\n"
          ",2024-01-02,5\n"
          "\n"
          "A,not a date,7\n"
          "B,2024-01-04,abc\n"
          "B,2024-01-05,50\n",
          "utf-8")

    # 12. The headers of a public electronics-shop order export: "Rating" is a 1–5 product
    #    review (not a credit rating), "Loyalty Member" is Yes/No (not a loyalty rating), and
    #    "SKU" is finer than "Product Type". Both ratings are held back for review, the product
    #    is the type (3 kinds against 6 SKUs). Order 5 is cancelled. Used: 1001 900 + 25 = 925,
    #    1002 1200 + 60 = 1260, 1003 300; 7 rows used, 1 rejected (cancelled); products of
    #    1001: Laptop, Headphones.
    write("electronics_like.csv",
          "Customer ID,Age,Loyalty Member,Product Type,SKU,Rating,Order Status,Total Price,Unit Price,Quantity,Purchase Date\n"
          "1001,34,Yes,Laptop,LTP101,5,Completed,900.00,900.00,1,2024-01-05\n"
          "1002,51,No,Smartphone,SMP201,4,Completed,1200.00,600.00,2,2024-01-09\n"
          "1001,34,Yes,Headphones,HDP301,3,Completed,25.00,25.00,1,2024-02-11\n"
          "1003,27,No,Laptop,LTP102,2,Completed,300.00,300.00,1,2024-02-20\n"
          "1002,51,No,Smartphone,SMP202,1,Cancelled,700.00,700.00,1,2024-03-02\n"
          "1002,51,No,Headphones,HDP301,5,Completed,60.00,30.00,2,2024-03-15\n"
          "1001,34,Yes,Laptop,LTP101,4,Completed,0.00,0.00,1,2024-03-28\n"
          "1003,27,No,Smartphone,SMP203,3,Completed,0.00,0.00,1,2024-04-02\n",
          "utf-8")


def office() -> None:
    # The log of en_utf8_comma.csv without the quoted thousands, so that LibreOffice reads every
    # amount as a number and every ISO date as a date: Acme 1300, Beta 2000, total 3300.
    text = ("Customer,Order date,Amount,Profit,Product\n"
            "Acme,2024-01-15,1234.56,200,bolts\n"
            "Beta,2024-02-01,2000,500,nuts\n"
            "Acme,2024-03-10,100,20,nuts\n"
            "Acme,2024-03-20,-34.56,-10,bolts\n")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("--office needs LibreOffice: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "office_log.csv"
        src.write_text(text, encoding="utf-8")
        for target in ["ods", "xls:MS Excel 97"]:
            subprocess.run(
                [soffice, "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", target,
                 "--outdir", str(OUT), str(src)],
                check=True, capture_output=True, env={"HOME": tmp, "PATH": "/usr/bin:/bin"})


if __name__ == "__main__":
    main()
    if "--office" in sys.argv[1:]:
        office()
