"""Excel workbooks (--xlsx FILE on price, compare and report) read back
with openpyxl: the sheets, the frozen header row, the cell types and
formats, and every value equal to the CSV outputs of the same run; a
workbook that cannot be written stops the run (exit 2) and leaves no file.

Run by ctest (tests/xlsx/CMakeLists.txt) with MHPBR_TOOL naming the built
tool; by hand:
  MHPBR_TOOL=build/bin/mhpbr /usr/bin/python3 -m unittest -v xlsx_test
"""

import csv
import datetime
import os
import shutil
import subprocess
import tempfile
import unittest

try:
    import openpyxl
except ImportError:  # a declared test dependency: fail, never skip
    raise SystemExit("xlsx_test: openpyxl is missing: install Debian's "
                     "python3-openpyxl (tools/bootstrap.sh does)")

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("MHPBR_SOURCE_DIR",
                        os.path.normpath(os.path.join(HERE, "..", "..")))
TOOL = os.environ.get("MHPBR_TOOL",
                      os.path.join(SOURCE, "build", "bin", "mhpbr"))
PRICING = os.path.join(SOURCE, "tests", "data", "pricing")
EX = os.path.join(SOURCE, "examples", "data")
UNIT_COSTS = os.path.join(SOURCE, "lib", "rules",
                          "example_unit_costs.textproto")
POUNDS = "\u00a3#,##0.00"


def run(argv):
    return subprocess.run([TOOL] + argv, capture_output=True,
                          stdin=subprocess.DEVNULL, timeout=300)


def pricing(name):
    return os.path.join(PRICING, name)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def same(cell, text):
    """Whether a cell holds what the CSV writes as `text`."""
    v = cell.value
    if v is None:
        return text == ""
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m" if cell.number_format == "yyyy-mm"
                          else "%Y-%m-%d") == text
    if isinstance(v, bool):
        return False  # no booleans are written
    if isinstance(v, int) and "." not in text:
        return str(v) == text  # exactly: integers, pence
    if isinstance(v, (int, float)):
        return v == float(text)  # a decimal (a whole one reads as int)
    return v == text


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mhpbr_xlsx_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.tmp, name)

    def assertSheetIsCsv(self, ws, rows):
        """Every cell of `ws` equals the CSV's, each *_pence column followed
        by its pounds column (pence / 100, formatted as money)."""
        self.assertEqual(ws.freeze_panes, "A2", ws.title)
        header = [c.value for c in ws[1]]
        self.assertTrue(all(c.font.b for c in ws[1]), ws.title)
        self.assertEqual(ws.max_row, len(rows), ws.title)
        for r, row in enumerate(ws.iter_rows(min_row=1), start=1):
            want = rows[r - 1]
            cells = []
            for c, cell in enumerate(row):
                name = header[c]
                if not name.endswith("_pounds"):
                    cells.append(cell)
                    continue
                # After its pence column: pence / 100 as money, blank
                # where the pence are (a key,value table's other keys).
                pence = row[c - 1].value
                is_pence = header[c - 1].endswith("_pence") or (
                    header[:2] == ["key", "value"] and
                    row[0].value.endswith("_pence"))
                if r > 1 and is_pence and pence is not None:
                    self.assertIsInstance(pence, int, (ws.title, r))
                    self.assertEqual(cell.number_format, POUNDS)
                    self.assertEqual(cell.value, pence / 100)
                elif r > 1:
                    self.assertIsNone(cell.value, (ws.title, r, name))
            got = [c.value for c in cells] if r == 1 else cells
            if r == 1:
                self.assertEqual(got, want, ws.title)
                continue
            # Trailing empty cells are not stored.
            self.assertLessEqual(len(cells), len(want), (ws.title, r))
            for i, text in enumerate(want):
                if i >= len(cells):
                    self.assertEqual(text, "", (ws.title, r, i))
                else:
                    self.assertTrue(same(cells[i], text),
                                    (ws.title, r, i, cells[i].value, text))


class PriceWorkbookTest(Fixture):
    # tests/data/pricing's commissioner fixtures, worked in
    # tests/pricing_cli/pricing_cli_test.cc: A pays 12100 p (ect 1100 +
    # p1 10 days * 1000 * 1.1 = 11000), B 76333 p (p2 20 days * 2000 *
    # 1.08543 = 43417.2 -> 43417, ...), the provider 88433 p.
    def commissioner_run(self):
        outs = {f: self.path(f + ".csv") for f in
                ("out", "summary", "by-cluster", "by-commissioner")}
        argv = ["price", "--periods", pricing("commissioner_periods.csv"),
                "--tariff", pricing("commissioner_tariff.csv"),
                "--contract", pricing("commissioner_b.textproto"),
                "--contract", pricing("commissioner_a.textproto"),
                "--one-offs", pricing("commissioner_one_offs.csv"),
                "--rejects", self.path("rejects.csv"),
                "--xlsx", self.path("price.xlsx")]
        for flag, path in outs.items():
            argv += ["--" + flag, path]
        p = run(argv)
        self.assertEqual(p.returncode, 0, p.stderr)
        return outs, openpyxl.load_workbook(self.path("price.xlsx"))

    def test_sheets_equal_the_csv_outputs(self):
        outs, wb = self.commissioner_run()
        self.assertEqual(wb.sheetnames,
                         ["statement", "summary", "by_cluster",
                          "by_commissioner", "A", "B"])
        for sheet, flag in [("statement", "out"), ("summary", "summary"),
                            ("by_cluster", "by-cluster"),
                            ("by_commissioner", "by-commissioner")]:
            with self.subTest(sheet=sheet):
                self.assertSheetIsCsv(wb[sheet], read_csv(outs[flag]))
        # Each commissioner's sheet: the statement's lines naming it,
        # without the commissioner column.
        statement = read_csv(outs["out"])
        for code in ("A", "B"):
            with self.subTest(sheet=code):
                rows = [statement[0][1:]] + [r[1:] for r in statement[1:]
                                             if r[0] == code]
                self.assertSheetIsCsv(wb[code], rows)

    def test_cells_by_hand(self):
        _, wb = self.commissioner_run()
        ws = wb["statement"]
        self.assertEqual(
            [c.value for c in ws[1]],
            ["commissioner", "patient_id", "cluster", "start", "end",
             "days_in_year", "basis", "units", "amount_pence",
             "amount_pounds", "social_care_pence", "social_care_pounds",
             "status"])
        # B's p2 (row 5): 43417 p, an integer cell, and 434.17 pounds.
        row = [c for c in ws[5]]
        self.assertEqual(row[1].value, "p2")
        self.assertEqual(row[8].value, 43417)
        self.assertEqual(row[8].data_type, "n")
        self.assertIsInstance(row[8].value, int)
        self.assertEqual(row[9].value, 434.17)
        self.assertEqual(row[9].number_format, POUNDS)
        # Its dates are dates: 2024-05-01 to 2024-05-20.
        self.assertTrue(row[3].is_date)
        self.assertEqual(row[3].value, datetime.datetime(2024, 5, 1))
        self.assertEqual(row[3].number_format, "yyyy-mm-dd")
        self.assertEqual(row[4].value, datetime.datetime(2024, 5, 20))
        # The cluster is a number, the patient text.
        self.assertEqual(row[2].value, 11)
        self.assertEqual(row[1].data_type, "s")
        # The summary: pounds only for the *_pence keys.
        s = wb["summary"]
        self.assertEqual([c.value for c in s[1]],
                         ["key", "value", "value_pounds"])
        rows = {r[0].value: r for r in s.iter_rows(min_row=2)}
        self.assertEqual(rows["payment_pence"][1].value, 88433)
        self.assertEqual(rows["payment_pence"][2].value, 884.33)
        self.assertEqual(rows["payment_pence"][2].number_format, POUNDS)
        self.assertEqual(rows["risk_share_pence"][2].value, -7.32)
        self.assertEqual(rows["commissioners"][1].value, 2)
        self.assertIsNone(rows["commissioners"][2].value)
        # Widths from the longest cell: patient_id is wider than the
        # default, nothing over the cap.
        widths = {k: d.width for k, d in ws.column_dimensions.items()}
        self.assertTrue(all(6 <= w <= 62 for w in widths.values()), widths)

    def test_in_year_months(self):
        # The example contract (2023/24) at 2023-12-31: --months' rows as
        # the months sheet, each month a date shown yyyy-mm.
        months = self.path("months.csv")
        p = run(["price", "--periods", os.path.join(EX, "periods.csv"),
                 "--tariff", os.path.join(EX, "tariff.csv"), "--contract",
                 os.path.join(EX, "contract.textproto"), "--as-of",
                 "2023-12-31", "--months", months, "--out",
                 self.path("out.csv"), "--summary", self.path("summary.csv"),
                 "--xlsx", self.path("in_year.xlsx")])
        self.assertEqual(p.returncode, 0, p.stderr)
        wb = openpyxl.load_workbook(self.path("in_year.xlsx"))
        self.assertEqual(wb.sheetnames,
                         ["statement", "summary", "by_cluster", "months"])
        self.assertSheetIsCsv(wb["months"], read_csv(months))
        self.assertSheetIsCsv(wb["summary"],
                              read_csv(self.path("summary.csv")))
        first = wb["months"]["A2"]
        self.assertTrue(first.is_date)
        self.assertEqual(first.value, datetime.datetime(2023, 4, 1))
        self.assertEqual(first.number_format, "yyyy-mm")
        # The summary's as_of is a date.
        rows = {r[0].value: r for r in wb["summary"].iter_rows(min_row=2)}
        self.assertEqual(rows["as_of"][1].value,
                         datetime.datetime(2023, 12, 31))


class CompareWorkbookTest(Fixture):
    def test_sheets_equal_the_csv_outputs(self):
        outs = {f: self.path(f + ".csv") for f in
                ("out", "by-cluster", "by-commissioner")}
        argv = ["compare", "--periods", pricing("commissioner_periods.csv"),
                "--scenario", "now=" + pricing("commissioner_a.textproto") +
                "," + pricing("commissioner_tariff.csv"),
                "--scenario", "mff=" + pricing("commissioner_b.textproto") +
                "," + pricing("commissioner_tariff.csv"),
                "--xlsx", self.path("compare.xlsx")]
        for flag, path in outs.items():
            argv += ["--" + flag, path]
        p = run(argv)
        self.assertEqual(p.returncode, 0, p.stderr)
        wb = openpyxl.load_workbook(self.path("compare.xlsx"))
        self.assertEqual(wb.sheetnames,
                         ["scenarios", "by_cluster", "by_commissioner"])
        for sheet, flag in [("scenarios", "out"), ("by_cluster", "by-cluster"),
                            ("by_commissioner", "by-commissioner")]:
            with self.subTest(sheet=sheet):
                self.assertSheetIsCsv(wb[sheet], read_csv(outs[flag]))
        # The scenario's contract is text, difference_pence money.
        ws = wb["scenarios"]
        header = [c.value for c in ws[1]]
        self.assertIn("difference_pounds", header)
        self.assertEqual(ws.cell(2, header.index("difference_pounds") + 1)
                         .number_format, POUNDS)


class ReportWorkbookTest(Fixture):
    def test_one_sheet_per_csv_figure(self):
        csv_dir = self.path("figures")
        p = run(["report", "--periods", os.path.join(EX, "periods.csv"),
                 "--activity", os.path.join(EX, "activity.csv"),
                 "--unit-costs", UNIT_COSTS, "--as-of", "2024-03-31",
                 "--assessments", os.path.join(EX, "assessments.csv"),
                 "--events", os.path.join(EX, "events.csv"),
                 "--out", self.path("report.html"), "--csv-dir", csv_dir,
                 "--xlsx", self.path("report.xlsx")])
        self.assertIn(p.returncode, (0, 1), p.stderr)
        wb = openpyxl.load_workbook(self.path("report.xlsx"))
        files = sorted(f[:-4] for f in os.listdir(csv_dir))
        self.assertEqual(sorted(wb.sheetnames), files)
        self.assertIn("homogeneity", files)
        for name in files:
            with self.subTest(sheet=name):
                self.assertSheetIsCsv(
                    wb[name], read_csv(os.path.join(csv_dir, name + ".csv")))
        # homogeneity's means are numbers, its measure text.
        ws = wb["homogeneity"]
        header = [c.value for c in ws[1]]
        self.assertEqual(ws.cell(2, header.index("measure") + 1).data_type,
                         "s")
        self.assertEqual(ws.cell(2, header.index("mean") + 1).data_type, "n")


class UnwritableWorkbookTest(Fixture):
    def price(self, xlsx):
        return run(["price", "--periods", pricing("commissioner_periods.csv"),
                    "--tariff", pricing("commissioner_tariff.csv"),
                    "--contract", pricing("commissioner_a.textproto"),
                    "--contract", pricing("commissioner_b.textproto"),
                    "--out", self.path("out.csv"), "--xlsx", xlsx])

    def assertNothingWritten(self):
        self.assertEqual(os.listdir(self.tmp), [])

    def test_dev_full(self):
        p = self.price("/dev/full")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn(b"mhpbr: /dev/full: write failed (No space left on "
                      b"device); no output written", p.stderr)
        self.assertNothingWritten()

    def test_missing_directory(self):
        target = self.path("no/such/dir/price.xlsx")
        p = self.price(target)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn(target.encode() + b": cannot create output (No such "
                      b"file or directory)", p.stderr)
        self.assertNothingWritten()

    def test_unwritable_directory(self):
        if os.geteuid() == 0:
            # Root writes through permissions: /proc takes no new file.
            target = "/proc/price.xlsx"
        else:
            locked = self.path("locked")
            os.mkdir(locked, 0o555)
            target = os.path.join(locked, "price.xlsx")
        p = self.price(target)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn(target.encode() + b": cannot create output", p.stderr)
        self.assertFalse(os.path.exists(target))
        self.assertFalse(os.path.exists(self.path("out.csv")))

    def test_a_directory_is_not_a_workbook(self):
        p = self.price(self.tmp)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn(b": is a directory, not a file", p.stderr)
        self.assertNothingWritten()


if __name__ == "__main__":
    unittest.main()
