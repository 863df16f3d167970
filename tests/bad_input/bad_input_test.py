"""The bad-input catalogue of the `mhpbr` tool (tests/README.md).

For every input kind the tool reads, a table of malformed files and the
exact outcome each must give: the exit status, and either the one error line
that stops the run (`mhpbr: ...`) or the exact rows of the rejects file. The
generic malformations (empty file, header only, byte-order mark, CRLF,
quoted commas, a line over the 1 MiB record limit, NUL bytes, invalid UTF-8,
2023-02-29, huge and negative numbers, money that would overflow 64 bits)
are applied to every kind they make sense for.

Then the accounting check: generated inputs mixing good rows with every
kind of bad row, where the summary line `N read, N ok, N rejected` must
count every input row once, the rejects file must hold exactly the rejected
ones, and the output exactly the accepted ones.

Run by ctest (tests/bad_input/CMakeLists.txt) with MHPBR_TOOL naming the
built tool; by hand:
  MHPBR_TOOL=build/bin/mhpbr python3 -m unittest -v bad_input_test
"""

import os
import random
import re
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("MHPBR_SOURCE_DIR",
                        os.path.normpath(os.path.join(HERE, "..", "..")))
TOOL = os.environ.get("MHPBR_TOOL", os.path.join(SOURCE, "build", "bin",
                                                 "mhpbr"))
EX = os.path.join(SOURCE, "examples", "data")
FIXTURES = os.path.join(SOURCE, "tests", "data", "bad_input")
UNIT_COSTS = os.path.join(SOURCE, "lib", "rules",
                          "example_unit_costs.textproto")
CONTRACT = os.path.join(EX, "contract.textproto")
ACTIVITY = os.path.join(FIXTURES, "activity.csv")
TARIFF = os.path.join(EX, "tariff.csv")
PERIODS = os.path.join(EX, "periods.csv")



def data_rows(path):
    with open(path, "rb") as f:
        return sum(1 for l in f.read().split(b"\n")[1:] if l)


SUMMARY = re.compile(rb"^(\d+) read, (\d+) ok, (\d+) rejected$", re.M)
LONG = b"x" * (1100 * 1024)  # over the 1 MiB record limit
TOO_LONG = b"record longer than 1048576 bytes"


class Result:
    def __init__(self, code, out, err, rejects):
        self.code = code
        self.out = out          # bytes of --out, or None
        self.err = err          # bytes of standard error
        self.rejects = rejects  # rows of --rejects after its header, or None

    def summary(self):
        m = SUMMARY.findall(self.err)
        if not m:
            return None
        return tuple(int(x) for x in m[-1])


def run(args, tmp):
    """Runs the tool; args may name {out} and {rejects} in tmp."""
    out = os.path.join(tmp, "out.csv")
    rejects = os.path.join(tmp, "rejects.csv")
    for p in (out, rejects):
        if os.path.exists(p):
            os.remove(p)
    argv = [TOOL] + [a.format(out=out, rejects=rejects) for a in args]
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=300)
    body = None
    if os.path.exists(out):
        with open(out, "rb") as f:
            body = f.read()
    rows = None
    if os.path.exists(rejects):
        with open(rejects, "rb") as f:
            lines = f.read().split(b"\n")
        assert lines[0] == b"line,id,reason", lines[0]
        rows = [l for l in lines[1:] if l]
    # An interrupted or failed run leaves no temporary file behind.
    leftovers = [n for n in os.listdir(tmp) if ".tmp-" in n]
    assert not leftovers, leftovers
    return Result(p.returncode, body, p.stderr, rows)


# ---- the input kinds ---------------------------------------------------------

class Kind:
    """One input of one subcommand: how to run the tool with a file in its
    place, and a header and good row for building cases."""

    def __init__(self, name, args, header=None, good=None, rows=True,
                 line_prefix=b"", extra=0):
        self.name = name
        self.args = args          # with {f} for the file under test
        self.header = header      # bytes, for CSV kinds
        self.good = good          # good(id) -> bytes row, for CSV kinds
        self.rows = rows          # True: bad rows are rejected one by one
        self.line_prefix = line_prefix  # rejects reasons name the file
        # Good rows the run reads from its other inputs (counted in the
        # summary line too).
        self.extra = extra

    def argv(self, path):
        return [a.replace("{f}", path) for a in self.args]


H_ASSESS = (b"assessment_id,patient_id,date,r1,r2,r3,r4,r5,r6,r7,r8,r9,r10,"
            b"r11,r12,r13,ra,rb,rc,rd,re")
R_ASSESS = b",P1,2023-04-03,0,0,0,0,1,1,2,2,1,0,0,1,0,0,0,0,0,0"
R_RATINGS = R_ASSESS[14:]   # ",0,0,...": the 18 ratings
R_AFTER_R1 = R_ASSESS[16:]  # the ratings after r1
H_EVENTS = b"patient_id,date,event,cluster"
H_PERIODS = b"patient_id,cluster,start,end"
H_ONE_OFFS = b"item,count,price_pence"
H_ACTIVITY = (b"activity_id,patient_id,date,kind,staff_group,minutes,ward,"
              b"count,attendees,cost_pence")
H_SAMPLES = b"patient_id,cluster,days,cost_pence"
H_MHS803 = (b"ClustId,LocalPatientId,StartDateCareClust,EndDateCareClust,"
            b"AMHCareClustCodeFin")

KINDS = {
    "classify": Kind(
        "classify", ["classify", "--in", "{f}", "--out", "{out}",
                     "--rejects", "{rejects}"],
        H_ASSESS, lambda i: i + R_ASSESS),
    "periods": Kind(
        "periods", ["periods", "--in", "{f}", "--as-of", "2024-03-31",
                    "--out", "{out}", "--rejects", "{rejects}"],
        H_EVENTS, lambda i: i + b",2023-04-03,allocate,3"),
    "mhs803": Kind(
        "mhs803", ["periods", "--mhsds-clusters", "{f}", "--as-of",
                   "2024-03-31", "--out", "{out}", "--rejects", "{rejects}"],
        H_MHS803, lambda i: i + b",P1,2023-04-03,,03"),
    "price_periods": Kind(
        "price_periods", ["price", "--periods", "{f}", "--tariff", TARIFF,
                          "--contract", CONTRACT, "--out", "{out}",
                          "--rejects", "{rejects}"],
        H_PERIODS, lambda i: i + b",3,2023-04-03,", line_prefix=True),
    "one_offs": Kind(
        "one_offs", ["price", "--periods", PERIODS, "--tariff", TARIFF,
                     "--contract", CONTRACT, "--one-offs", "{f}",
                     "--out", "{out}", "--rejects", "{rejects}"],
        H_ONE_OFFS, lambda i: i + b",2,1000", line_prefix=True,
        extra=data_rows(PERIODS)),
    "activity": Kind(
        "activity", ["cost", "--periods", PERIODS, "--activity", "{f}",
                     "--unit-costs", UNIT_COSTS, "--as-of", "2024-03-31",
                     "--out", "{out}", "--rejects", "{rejects}"],
        H_ACTIVITY, lambda i: i + b",P001,2023-05-01,contact,pwp,30,,,,",
        extra=data_rows(PERIODS)),
    "cost_periods": Kind(
        "cost_periods", ["cost", "--periods", "{f}", "--activity",
                         ACTIVITY, "--unit-costs", UNIT_COSTS, "--as-of", "2024-03-31", "--out",
                         "{out}", "--rejects", "{rejects}"],
        H_PERIODS, lambda i: i + b",3,2023-04-03,", line_prefix=True,
        extra=data_rows(ACTIVITY)),
    "samples": Kind(
        "samples", ["tariff", "--in", "{f}", "--min-periods", "1", "--out",
                    "{out}", "--rejects", "{rejects}"],
        H_SAMPLES, lambda i: i + b",3,30,90000"),
    "tariff": Kind(
        "tariff", ["price", "--periods", PERIODS, "--tariff", "{f}",
                   "--contract", CONTRACT, "--out", "{out}"],
        b"cluster,basis,price_pence", lambda i: b"3,day,250", rows=False),
    "indicators": Kind(
        "indicators", ["price", "--periods", PERIODS, "--tariff", TARIFF,
                       "--contract", CONTRACT, "--indicators", "{f}",
                       "--out", "{out}"], rows=False),
    "contract": Kind(
        "contract", ["price", "--periods", PERIODS, "--tariff", TARIFF,
                     "--contract", "{f}", "--out", "{out}"], rows=False),
    "unit_costs": Kind(
        "unit_costs", ["cost", "--periods", PERIODS, "--activity",
                       os.path.join(EX, "activity.csv"), "--unit-costs",
                       "{f}", "--as-of", "2024-03-31", "--out", "{out}"],
        rows=False),
    "catalogue": Kind(
        "catalogue", ["package", "cost", "--catalogue", "{f}", "--out",
                      "{out}"], rows=False),
    "plan": Kind(
        "plan", ["package", "plan", "--plan", "{f}", "--out", "{out}"],
        rows=False),
    "rules": Kind(
        "rules", ["rules", "check", "--rules", "{f}"], rows=False),
    "transitions": Kind(
        "transitions", ["periods", "--in", os.path.join(EX, "events.csv"),
                        "--as-of", "2024-03-31", "--transitions", "{f}",
                        "--out", "{out}"], rows=False),
    "report_activity": Kind(
        "report_activity", ["report", "--periods", PERIODS, "--activity",
                            "{f}", "--unit-costs", UNIT_COSTS, "--as-of",
                            "2024-03-31", "--out", "{out}",
                            "--rejects", "{rejects}"],
        H_ACTIVITY, lambda i: i + b",P001,2023-05-01,contact,pwp,30,,,,",
        line_prefix=True, extra=data_rows(PERIODS)),
}


# ---- the catalogue -----------------------------------------------------------
# (kind, case name, file bytes, expected). Expected is a dict:
#   exit    the exit status;
#   error   the error line after "mhpbr: " ({f} = the file's path);
#   rejects the exact rows of the rejects file ({f} as above);
#   ok      accepted rows, from the summary line;
#   out_has bytes the output must contain.

def F(path):
    with open(os.path.join(FIXTURES, path), "rb") as f:
        return f.read()


def generic_csv_cases(kind):
    """The malformations every row-by-row CSV input shares."""
    k = KINDS[kind]
    h, g = k.header, k.good
    cases = [
        ("empty file", b"", dict(exit=2, error="{f}: empty file")),
        ("header only", h + b"\n", dict(exit=0, ok=0, rejects=[])),
        ("header only, no newline", h, dict(exit=0, ok=0, rejects=[])),
        ("byte-order mark", b"\xef\xbb\xbf" + h + b"\n" + g(b"A1") + b"\n",
         dict(exit=0, ok=1, rejects=[])),
        ("CRLF", h + b"\r\n" + g(b"A1") + b"\r\n" + g(b"A2") + b"\r\n",
         dict(exit=0, ok=2, rejects=[])),
        ("blank lines", b"\n" + h + b"\n\n" + g(b"A1") + b"\n\n\n",
         dict(exit=0, ok=1, rejects=[])),
        ("quoted comma", h + b"\n" + g(b'"A,1"') + b"\n",
         dict(exit=0, ok=1, rejects=[])),
        ("line over 1 MiB",
         h + b"\n" + g(b"A1") + b"\n" + LONG + b"\n" + g(b"A2") + b"\n",
         dict(exit=0, ok=2, rejects=[b"3,," + prefix(k) + TOO_LONG])),
        ("stray quote",
         h + b"\n" + g(b'A"1') + b"\n" + g(b"A2") + b"\n",
         dict(exit=0, ok=1,
              rejects=[b"2,," + prefix(k) +
                       b"a quote inside an unquoted field"])),
        ("unterminated quote at the end",
         h + b"\n" + g(b"A1") + b"\n" + b'"A2,' + g(b"A3") + b"\n",
         dict(exit=0, ok=1,
              rejects=[b"3,," + prefix(k) + b"unterminated quoted field"])),
        ("text after a closing quote",
         h + b"\n" + g(b'"A"1') + b"\n" + g(b"A2") + b"\n",
         dict(exit=0, ok=1,
              rejects=[b"2,," + prefix(k) + b"text after a closing quote"])),
        ("ragged row", h + b"\n" + g(b"A1") + b",extra\n",
         dict(exit=0, ok=0,
              rejects=[b"2,A1," + prefix(k) + b"row has %d fields; the header"
                       b" has %d" % (h.count(b",") + 2, h.count(b",") + 1)])),
        ("NUL byte in an id", h + b"\n" + g(b"A\x001") + b"\n",
         dict(exit=0, ok=1, rejects=[])),
        ("invalid UTF-8 in an id", h + b"\n" + g(b"A\xff\xfe1") + b"\n",
         dict(exit=0, ok=1, rejects=[])),
        ("missing column", h.rsplit(b",", 1)[0] + b"\n",
         dict(exit=2, error_prefix="{f}: missing column")),
        ("duplicated column", h + b"," + h.split(b",", 1)[0] + b"\n",
         dict(exit=2, error="{f}: column '%s' appears twice" %
              h.split(b",", 1)[0].decode())),
    ]
    return [(kind,) + c for c in cases]


def prefix(k):
    """Rejects of some inputs name the file first ({f}: ...)."""
    return b"{f}: " if k.line_prefix else b""


def rows(kind, *rows_):
    k = KINDS[kind]
    return k.header + b"\n" + b"".join(r + b"\n" for r in rows_)


CATALOGUE = (
    generic_csv_cases("classify") + [
        ("classify", "2023-02-29",
         rows("classify", b"A1,P1,2023-02-29" + R_RATINGS),
         dict(exit=0, ok=0, rejects=[
             b"2,A1,date: '2023-02-29' is not a real calendar date"])),
        ("classify", "date longer than 40 characters",
         rows("classify", b"A1,P1," + b"9" * 5000 + R_RATINGS),
         dict(exit=0, ok=0, rejects=[
             b"2,A1,date: '" + b"9" * 40 + b"...' is not a date (YYYY-MM-DD)"
         ])),
        ("classify", "huge rating",
         rows("classify",
              b"A1,P1,2023-04-03,99999999999999999999" + R_AFTER_R1),
         dict(exit=0, ok=0, rejects=[
             b"2,A1,\"r1: '99999999999999999999' is not a rating "
             b"(0-4, 9 or empty)\""])),
        ("classify", "negative rating",
         rows("classify", b"A1,P1,2023-04-03,-1" + R_AFTER_R1),
         dict(exit=0, ok=0, rejects=[
             b"2,A1,\"r1: '-1' is not a rating (0-4, 9 or empty)\""])),
        ("classify", "NUL byte in a rating",
         rows("classify", b"A1,P1,2023-04-03,0\x00" + R_AFTER_R1),
         dict(exit=0, ok=0, rejects=[
             b"2,A1,\"r1: '0\x00' is not a rating (0-4, 9 or empty)\""])),
        ("classify", "every problem of a row",
         rows("classify", b",P1,2023-13-01,5" + R_AFTER_R1),
         dict(exit=0, ok=0, rejects=[
             b"2,,\"assessment_id: empty; date: '2023-13-01' is not a real "
             b"calendar date; r1: '5' is not a rating (0-4, 9 or empty)\""])),
    ] +
    generic_csv_cases("periods") + [
        ("periods", "2023-02-29", rows("periods",
                                      b"P1,2023-02-29,allocate,3"),
         dict(exit=0, ok=0, rejects=[
             b"2,P1,date: '2023-02-29' is not a real calendar date"])),
        ("periods", "cluster 9 and 22, unknown event",
         rows("periods", b"P1,2023-04-01,allocate,9",
              b"P2,2023-04-01,allocate,99999999999999999999",
              b"P3,2023-04-01,move,1", b"P4,2023-04-01,allocate,"),
         dict(exit=0, ok=0, rejects=[
             b"2,P1,\"cluster: cluster 9 does not exist (valid: 0-8, "
             b"10-21)\"",
             b"3,P2,cluster: cluster '99999999999999999999' is not a number "
             b"0-21",
             b"4,P3,event: 'move' is not allocate or discharge",
             b"5,P4,cluster: missing for allocate"])),
        ("periods", "discharge with nothing open",
         rows("periods", b"P1,2023-04-01,discharge,"),
         dict(exit=0, ok=0, rejects=[
             b"2,P1,discharge on 2023-04-01 with no open cluster period"])),
    ] +
    generic_csv_cases("mhs803") + [
        ("mhs803", "2023-02-29 and an end before the start",
         rows("mhs803", b"C1,P1,2023-02-29,,01", b"C2,P1,2023-04-01,"
              b"2023-03-01,01", b"C3,P2,2023-04-01,,22"),
         dict(exit=0, ok=0, rejects=[
             b"2,C1,StartDateCareClust: '2023-02-29' is not a real calendar "
             b"date",
             b"3,C2,EndDateCareClust: before StartDateCareClust",
             b"4,C3,\"AMHCareClustCodeFin: cluster 22 does not exist "
             b"(valid: 0-8, 10-21)\""])),
    ] +
    generic_csv_cases("price_periods") + [
        ("price_periods", "bad dates and clusters",
         rows("price_periods", b"P1,3,2023-05-01,2023-04-01",
              b"P2,3,2023-02-29,", b"P3,9,2023-04-01,", b",3,2023-04-01,"),
         dict(exit=0, ok=0, rejects=[
             b"2,P1,{f}: end: before start",
             b"3,P2,{f}: start: '2023-02-29' is not a real calendar date",
             b"4,P3,\"{f}: cluster: cluster 9 does not exist (valid: 0-8, "
             b"10-21)\"",
             b"5,,{f}: patient_id: empty"])),
    ] +
    generic_csv_cases("one_offs") + [
        ("one_offs", "negative and huge money",
         rows("one_offs", b"x,-1,5", b"y,2,-5", b"z,1.5,1",
              b"w,1,99999999999999999999"),
         dict(exit=0, ok=0, rejects=[
             b"2,x,{f}: count: must not be negative",
             b"3,y,{f}: price_pence: must not be negative",
             b"4,z,{f}: count: '1.5' is not a whole number",
             b"5,w,{f}: price_pence: '99999999999999999999' does not fit in "
             b"64 bits"])),
        ("one_offs", "count x price overflows 64 bits",
         rows("one_offs", b"big,9223372036854775807,2"),
         dict(exit=2, error="one-off at line 2: amount does not fit in "
              "64-bit pence (over 92 million million pounds)")),
    ] +
    generic_csv_cases("activity") + [
        ("activity", "negative, huge and overflowing amounts",
         rows("activity",
              b"A1,P001,2023-05-01,contact,pwp,9223372036854775807,,,,",
              b"A2,P001,2023-05-01,bed_day,,,picu,9223372036854775807,,",
              b"A3,P001,2023-05-01,other,,,,,,9223372036854775807",
              b"A4,P001,2023-05-01,contact,pwp,-5,,,,",
              b"A5,P001,2023-05-01,other,,,,,,-1",
              b"A6,P001,2023-05-01,contact,pwp,99999999999999999999,,,,",
              b"A7,P001,2023-05-01,group,pwp,60,,,0,",
              b"A8,P001,2023-02-29,contact,pwp,30,,,,",
              b"A9,P001,2023-05-01,contact,nobody,30,,,,",
              b"A10,P001,2023-05-01,visit,,,,,,"),
         dict(exit=0, ok=0, rejects=[
             b"2,A1,amount does not fit in 64-bit pence (over 92 million "
             b"million pounds)",
             b"3,A2,amount does not fit in 64-bit pence (over 92 million "
             b"million pounds)",
             b"4,A3,amount does not fit in 64-bit pence (over 92 million "
             b"million pounds)",
             b"5,A4,minutes: must not be negative",
             b"6,A5,cost_pence: must not be negative",
             b"7,A6,minutes: '99999999999999999999' does not fit in 64 bits",
             b"8,A7,attendees: must be at least 1",
             b"9,A8,date: '2023-02-29' is not a real calendar date",
             b"10,A9,staff_group: 'nobody' is not in the unit costs",
             b"11,A10,\"kind: 'visit' is not contact, group, bed_day or "
             b"other\""])),
        ("activity", "totals that would overflow 64 bits",
         rows("activity",
              b"A1,P001,2023-05-01,other,,,,,,7000000000000000000",
              b"A2,P001,2023-05-02,other,,,,,,7000000000000000000",
              b"A3,P999,2023-05-01,other,,,,,,7000000000000000000"),
         dict(exit=0, ok=1, rejects=[
             b"3,A2,cost total would overflow 64-bit pence",
             b"4,A3,cost total would overflow 64-bit pence"])),
    ] +
    generic_csv_cases("cost_periods") +
    generic_csv_cases("samples") + [
        ("samples", "negative, huge and out-of-range samples",
         rows("samples", b"S1,3,-1,5", b"S2,3,5,-1", b"S3,99,1,1",
              b"S4,3,100001,1", b"S5,3,1,10000000000001",
              b"S6,3,1,99999999999999999999", b"S7,3,10,10000000000000"),
         dict(exit=0, ok=1, rejects=[
             b"2,S1,days: must not be negative",
             b"3,S2,cost_pence: must not be negative",
             b"4,S3,\"cluster: cluster 99 does not exist (valid: 0-8, "
             b"10-21)\"",
             b"5,S4,days: must be at most 100000",
             b"6,S5,cost_pence: must be at most 10^13",
             b"7,S6,cost_pence: '99999999999999999999' does not fit in 64 "
             b"bits"])),
        ("samples", "a price per day over the tariff limit",
         rows("samples", b"S1,3,1,10000000000000"),
         dict(exit=2, error="tariff for cluster 3: price_pence "
              "10000000000000 is not within 0..1000000000000")),
    ] + [
        ("tariff", "empty file", b"", dict(exit=2, error="{f}: empty file")),
        ("tariff", "header only (every period unpriced)",
         b"cluster,basis,price_pence\n", dict(exit=0, ok=18)),
        ("tariff", "byte-order mark and CRLF",
         b"\xef\xbb\xbfcluster,basis,price_pence\r\n3,day,250\r\n",
         dict(exit=0, ok=18)),
        ("tariff", "negative price",
         b"cluster,basis,price_pence\n3,day,-5\n",
         dict(exit=2, error="{f}: line 2: price_pence: must not be negative")),
        ("tariff", "huge price",
         b"cluster,basis,price_pence\n3,day,99999999999999999999\n",
         dict(exit=2, error="{f}: line 2: price_pence: "
              "'99999999999999999999' does not fit in 64 bits")),
        ("tariff", "price above the limit",
         b"cluster,basis,price_pence\n3,day,1000000000001\n",
         dict(exit=2, error="{f}: tariff for cluster 3: price_pence "
              "1000000000001 is not within 0..1000000000000")),
        ("tariff", "unknown basis",
         b"cluster,basis,price_pence\n3,week,5\n",
         dict(exit=2, error="{f}: line 2: basis: basis 'week' is not day, "
              "period or year")),
        ("tariff", "cluster listed twice",
         b"cluster,basis,price_pence\n3,day,5\n3,day,6\n",
         dict(exit=2, error="{f}: line 3: cluster 3 is priced twice")),
        ("tariff", "NUL byte in a price",
         b"cluster,basis,price_pence\n3,day,5\x00\n",
         dict(exit=2, error="{f}: line 2: price_pence: '5\x00' is not a "
              "whole number")),
        ("tariff", "malformed line",
         b"cluster,basis,price_pence\n3,day,\"5\n",
         dict(exit=2, error="{f}: line 2: unterminated quoted field")),
        ("indicators", "empty file", b"",
         dict(exit=2, error="{f}: empty file")),
        ("indicators", "header only",
         b"indicator,numerator,denominator,value_ppm\n", dict(exit=0, ok=18)),
        ("indicators", "byte-order mark and CRLF, empty value",
         b"\xef\xbb\xbfindicator,numerator,denominator,value_ppm\r\n"
         b"reviews_on_time,7,10,700000\r\nfollow_up_7_days,0,0,\r\n",
         dict(exit=0, ok=18)),
        ("indicators", "missing column",
         b"indicator,numerator,denominator\nreviews_on_time,7,10\n",
         dict(exit=2, error="{f}: missing column value_ppm")),
        ("indicators", "unknown indicator",
         b"indicator,numerator,denominator,value_ppm\nhonos,1,2,500000\n",
         dict(exit=2, error="{f}: line 2: indicator: 'honos' is not an "
              "indicator (one of valid_mhct_at_allocation, "
              "paired_completeness, reliably_improved, reviews_on_time, "
              "follow_up_7_days)")),
        ("indicators", "value above 1000000",
         b"indicator,numerator,denominator,value_ppm\n"
         b"reviews_on_time,7,10,1000001\n",
         dict(exit=2, error="{f}: line 2: value_ppm: 1000001 is not within "
              "0..1000000")),
        ("indicators", "negative denominator",
         b"indicator,numerator,denominator,value_ppm\n"
         b"reviews_on_time,7,-10,700000\n",
         dict(exit=2, error="{f}: line 2: denominator: -10 is below 0")),
        ("indicators", "indicator given twice",
         b"indicator,numerator,denominator,value_ppm\n"
         b"reviews_on_time,7,10,700000\nreviews_on_time,7,10,700000\n",
         dict(exit=2, error="{f}: line 3: indicator: 'reviews_on_time' is "
              "given twice (first at line 2)")),
        ("indicators", "NUL byte in a value",
         b"indicator,numerator,denominator,value_ppm\n"
         b"reviews_on_time,7,10,5\x00\n",
         dict(exit=2, error="{f}: line 2: value_ppm: '5\x00' is not a whole "
              "number")),
        ("indicators", "malformed line",
         b"indicator,numerator,denominator,value_ppm\n"
         b"reviews_on_time,7,10,\"5\n",
         dict(exit=2, error="{f}: line 2: unterminated quoted field")),
        ("contract", "empty file", b"",
         dict(exit=2, error="{f}: contract year_start: '' is not a date "
              "(YYYY-MM-DD)")),
        ("contract", "2023-02-29",
         b'year_start: "2023-02-29"\n',
         dict(exit=2, error="{f}: contract year_start: '2023-02-29' is not a "
              "real calendar date")),
        ("contract", "negative baseline",
         F("contract_negative_baseline.textproto"),
         dict(exit=2, error="{f}: contract baseline_pence: -1 is negative or "
              "too large")),
        ("contract", "baseline near 2^63",
         F("contract_huge_baseline.textproto"),
         dict(exit=2, error="{f}: contract baseline_pence: "
              "9223372036854775807 is negative or too large")),
        ("contract", "number over 64 bits",
         b'year_start: "2023-04-01"\nbaseline_pence: 99999999999999999999\n',
         dict(exit=2, error="{f}:2:17: Integer out of range "
              "(99999999999999999999)")),
        ("contract", "NUL byte",
         b'year_start: "2023-04-01" \x00\n',
         dict(exit=2, error="{f}:1:26: Invalid control characters "
              "encountered in text.")),
        ("contract", "syntax error",
         b'year_start: "2023-04-01"\nrisk_bands { to_pct: \n',
         dict(exit=2, error_prefix="{f}:3:1: ")),
        ("contract", "unknown field",
         b'year_start: "2023-04-01"\nmfff_ppm: 1\n',
         dict(exit=2, error='{f}:2:9: Message type "mhpbr.v1.Contract" has '
              'no field named "mfff_ppm".')),
        ("unit_costs", "empty file", b"",
         dict(exit=2, error="{f}: unit costs source: must name where the "
              "rates come from")),
        ("unit_costs", "negative rate",
         b'source: "x"\nstaff { code: "a" pence_per_hour: -1 }\n',
         dict(exit=2, error="{f}: unit costs staff 'a': rate -1 is not "
              "within 0..100000000")),
        ("unit_costs", "code listed twice",
         b'source: "x"\nstaff { code: "a" pence_per_hour: 1 }\n'
         b'staff { code: "a" pence_per_hour: 2 }\n',
         dict(exit=2, error="{f}: unit costs staff 'a': listed twice")),
        ("unit_costs", "overhead near 2^63",
         b'source: "x"\noverhead_ppm: 9223372036854775807\n',
         dict(exit=2, error="{f}: unit costs overhead_ppm: "
              "9223372036854775807 is not within 0..10000000")),
        ("catalogue", "quantities far too large",
         F("catalogue_huge.textproto"),
         dict(exit=2, error="cluster 3 element x contacts_per_period: "
              "2147483647 is more than 1000 per review period; cluster 3 "
              "element x minutes_per_contact: 2147483647 is more than 1440 "
              "per review period")),
        ("catalogue", "empty file", b"",
         dict(exit=2, error="catalogue source: must say whose catalogue "
              "this is")),
        ("catalogue", "NUL byte in a string", b'source: "a\x00b"\n',
         dict(exit=2, error_prefix="{f}:1:11: Unexpected end of string.")),
        ("catalogue", "invalid UTF-8 in a string (kept as bytes)",
         b'source: "\xff"\ntemplates { cluster: 3 elements { id: "x" '
         b'name: "X" tier: CORE staff_group: "pwp" contacts_per_period: 2 '
         b'minutes_per_contact: 30 } }\n',
         dict(exit=0)),
        ("plan", "empty file", b"",
         dict(exit=2, error="{f}: plan period_start: '' is not a date "
              "(YYYY-MM-DD)")),
        ("plan", "2023-02-29",
         b'patient_id: "P1"\ncluster: 1\nperiod_start: "2023-02-29"\n',
         dict(exit=2, error="{f}: plan period_start: '2023-02-29' is not a "
              "real calendar date")),
        ("plan", "cluster 9",
         b'patient_id: "P1"\ncluster: 9\nperiod_start: "2023-04-01"\n',
         dict(exit=2, error="{f}: plan cluster: cluster 9 does not exist "
              "(valid: 0-8, 10-21)")),
        ("rules", "empty file", b"",
         dict(exit=2, error="{f}: provenance.effective_from: '' is not a "
              "date (YYYY-MM-DD)")),
        ("rules", "NUL byte", b"provenance {\x00}\n",
         dict(exit=2, error_prefix="{f}:1:")),
        ("transitions", "unknown cluster",
         b"rows { from: 1 to: [1, 99] }\n",
         dict(exit=2, error="{f}: transitions from 1 to 99: not a cluster "
              "code (0-8, 10-21)")),
        ("transitions", "truncated",
         b"rows { from: 1 to: [1, 2",
         dict(exit=2, error='{f}:1:25: Expected ",", found "".')),
        ("report_activity", "empty file", b"",
         dict(exit=2, error="{f}: empty file")),
        ("report_activity", "line over 1 MiB",
         rows("report_activity",
              b"A1,P001,2023-05-01,contact,pwp,30,,,,") + LONG + b"\n",
         dict(exit=0, rejects=[b"3,,{f}: " + TOO_LONG])),
    ]
)


class CatalogueTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mhpbr_bad_input_")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_catalogue(self):
        self.assertTrue(os.access(TOOL, os.X_OK), TOOL)
        kinds = set()
        for kind, name, content, want in CATALOGUE:
            kinds.add(kind)
            with self.subTest(kind=kind, case=name):
                self.check(KINDS[kind], content, want)
        self.assertEqual(kinds, set(KINDS))

    def check(self, kind, content, want):
        path = os.path.join(self.tmp, "input_" + kind.name)
        with open(path, "wb") as f:
            f.write(content)
        r = run(kind.argv(path), self.tmp)
        fb = path.encode()
        self.assertEqual(r.code, want["exit"], r.err[-2000:])
        err_lines = r.err.split(b"\n")
        if "error" in want:
            line = b"mhpbr: " + want["error"].encode(
                "utf-8", "surrogateescape").replace(b"{f}", fb)
            self.assertIn(line, err_lines, r.err[-2000:])
        if "error_prefix" in want:
            start = b"mhpbr: " + want["error_prefix"].encode().replace(
                b"{f}", fb)
            self.assertTrue(any(l.startswith(start) for l in err_lines),
                            r.err[-2000:])
        if want["exit"] == 2:
            # A run that stops writes no output file at all.
            self.assertIsNone(r.out)
        if "rejects" in want:
            if kind.rows:
                expected = [x.replace(b"{f}", fb) for x in want["rejects"]]
                self.assertEqual(r.rejects, expected)
        if "ok" in want:
            s = r.summary()
            self.assertIsNotNone(s, r.err[-2000:])
            self.assertEqual(s[1] - kind.extra, want["ok"], r.err[-2000:])
            self.assertEqual(s[0], s[1] + s[2])
            if kind.rows and r.rejects is not None:
                self.assertEqual(s[2], len(r.rejects))
        if want["exit"] == 0 and r.out is not None:
            self.assertNotIn(b"\r", r.out)

    def test_contract_total_overflow(self):
        """Every line fits in 64 bits, their sum does not: an error, never
        a wrapped total; below the limit the total is exact."""
        tariff = os.path.join(FIXTURES, "tariff_max_price.csv")
        contract = os.path.join(FIXTURES, "contract_max_mff.textproto")
        for n, code in [(2520, 0), (2521, 2)]:
            path = os.path.join(self.tmp, "periods.csv")
            with open(path, "wb") as f:
                f.write(H_PERIODS + b"\n" + b"".join(
                    b"P%d,4,2023-04-01,\n" % i for i in range(n)))
            summary = os.path.join(self.tmp, "summary.csv")
            r = run(["price", "--periods", path, "--tariff", tariff,
                     "--contract", contract, "--out", "{out}", "--summary",
                     summary], self.tmp)
            self.assertEqual(r.code, code, r.err[-2000:])
            if code == 2:
                self.assertIn(b"mhpbr: amount does not fit in 64-bit pence "
                              b"(over 92 million million pounds)",
                              r.err.split(b"\n"))
                self.assertIsNone(r.out)
            else:
                # 366 days x 10^12 p x MFF 10 per line, exactly.
                with open(summary, "rb") as f:
                    self.assertIn(b"activity_pence,%d" % (n * 3660 * 10**12),
                                  f.read().split(b"\n"))
            os.remove(path)
            if os.path.exists(summary):
                os.remove(summary)

    def test_delivered_totals_overflow(self):
        """`package delivered`: a record that would overflow a delivered
        total is listed as not costable, never added in wrapped."""
        path = os.path.join(self.tmp, "activity.csv")
        with open(path, "wb") as f:
            f.write(H_ACTIVITY + b"\n"
                    b"X1,P001,2023-05-01,other,,,,,,5000000000000000000\n"
                    b"X2,P001,2023-05-02,other,,,,,,5000000000000000000\n"
                    b"X3,P001,2023-05-03,contact,pwp,30,,,,\n")
        unmatched = os.path.join(self.tmp, "unmatched.csv")
        r = run(["package", "delivered", "--plan",
                 os.path.join(EX, "plan.textproto"), "--activity", path,
                 "--out", "{out}", "--unmatched", unmatched], self.tmp)
        self.assertEqual(r.code, 0, r.err[-2000:])
        with open(unmatched, "rb") as f:
            rows_ = f.read().split(b"\n")
        self.assertIn(b"X2,2023-05-02,other,,,,delivered totals would "
                      b"overflow 64 bits", rows_)
        self.assertIn(b"planned ", r.err)
        # X1 (unmatched, 5.9e18 with overhead) and X3 are in; X2 is not.
        self.assertIn(b"1 not costable", r.err)
        for line in r.out.split(b"\n")[1:]:
            if line:
                self.assertFalse(any(c.startswith(b"-")
                                     for c in line.split(b",")), line)

    def test_tariff_fences_that_keep_nothing(self):
        """With --iqr-k under 1/2, two periods can both lie outside the
        fences: an error naming the cluster (this crashed before)."""
        path = os.path.join(self.tmp, "samples.csv")
        with open(path, "wb") as f:
            f.write(b"cluster,days,cost_pence\n3,10,1000\n3,10,5000\n")
        for k in ["0", "0.4"]:
            r = run(["tariff", "--in", path, "--iqr-k", k, "--min-periods",
                     "2", "--out", "{out}"], self.tmp)
            self.assertEqual(r.code, 2, r.err[-2000:])
            self.assertIn(b"mhpbr: cluster 3: all 2 periods lie outside the "
                          b"fences; iqr_k is too small to keep any",
                          r.err.split(b"\n"))
            self.assertIsNone(r.out)
        r = run(["tariff", "--in", path, "--iqr-k", "0.5", "--min-periods",
                 "2", "--out", "{out}"], self.tmp)
        self.assertEqual(r.code, 0, r.err[-2000:])

    def test_passthrough_of_odd_bytes(self):
        """NUL bytes, invalid UTF-8 and quoted commas in an id reach the
        output unchanged (quoted where CSV needs it): never altered."""
        k = KINDS["classify"]
        for ident, shown in [(b"A\x001", b"A\x001"),
                             (b"A\xff\xfe1", b"A\xff\xfe1"),
                             (b'"A,1"', b'"A,1"'),
                             (b'"A""1"', b'"A""1"')]:
            path = os.path.join(self.tmp, "odd.csv")
            with open(path, "wb") as f:
                f.write(rows("classify", k.good(ident)))
            r = run(k.argv(path), self.tmp)
            self.assertEqual(r.code, 0)
            body = r.out.split(b"\n")[1]
            self.assertTrue(body.startswith(shown + b",P1,2023-04-03,"),
                            body)


# ---- accounting: every input row is output or rejected, exactly once --------

def mixed_rows(kind, n, rng):
    """n data rows, about a third bad in every way the catalogue knows;
    returns (bytes of the file, number of good rows)."""
    k = KINDS[kind]
    # Suffixes that spoil a row. No quote: a row ending in a comma and a
    # quote would open a (valid) field running over the following lines.
    bad = [b"", b"\x00", b"\xff"]
    bad_rows = {
        "classify": [b"B%d,P1,2023-02-29" + R_RATINGS,
                     b"B%d,P1,2023-04-03,7" + R_AFTER_R1,
                     b"B%d,P1,2023-04-03,0",
                     b'B%d,P1,"2023-04-03' + R_RATINGS,
                     b'"B%d"x' + R_ASSESS],
        "periods": [b"B%d,2023-02-29,allocate,3", b"B%d,2023-04-03,move,3",
                    b"B%d,2023-04-03,allocate,9", b'B%d",2023-04-03,x,3'],
        "price_periods": [b"B%d,3,2023-02-29,", b"B%d,9,2023-04-03,",
                          b"B%d,3,2023-04-03,2023-01-01", b"B%d,3"],
        "one_offs": [b"B%d,-1,5", b"B%d,1,-5", b"B%d,1,99999999999999999999",
                     b'B%d,"1'],
        "activity": [b"B%d,P001,2023-05-01,contact,pwp,-5,,,,",
                     b"B%d,P001,2023-05-01,contact,nobody,30,,,,",
                     b"B%d,P001,2023-05-01,other,,,,,,9223372036854775807",
                     b"B%d,P001,2023-02-29,contact,pwp,30,,,,",
                     b"B%d,P001,2023-05-01,visit,,,,,,"],
        "samples": [b"B%d,3,-1,5", b"B%d,99,1,1", b"B%d,3,100001,5",
                    b"B%d,3,1,10000000000001"],
    }[kind]
    lines, good = [k.header], 0
    for i in range(n):
        if rng.random() < 0.35:
            row = rng.choice(bad_rows) % i
            if rng.random() < 0.1:
                row += rng.choice(bad)
            lines.append(row)
        else:
            lines.append(k.good(b"G%d" % i))
            good += 1
        if rng.random() < 0.02:
            lines.append(b"")  # blank lines are skipped, not rows
    if rng.random() < 0.5:
        lines.insert(2, LONG)  # one line over the record limit
    return b"\n".join(lines) + b"\n", good


class AccountingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mhpbr_accounting_")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_every_row_is_accounted_for(self):
        rng = random.Random(20240401)
        for kind in ["classify", "periods", "price_periods", "one_offs",
                     "activity", "samples"]:
            for trial in range(3):
                with self.subTest(kind=kind, trial=trial):
                    self.check(kind, rng)

    def check(self, kind, rng):
        k = KINDS[kind]
        content, good = mixed_rows(kind, rng.randint(50, 400), rng)
        data_rows = sum(1 for l in content.split(b"\n")[1:] if l)
        path = os.path.join(self.tmp, "mixed.csv")
        with open(path, "wb") as f:
            f.write(content)
        r = run(k.argv(path), self.tmp)
        self.assertEqual(r.code, 0, r.err[-2000:])
        read, ok, rejected = r.summary()
        # Rows of the price kinds are read beside the other inputs: count
        # only the file under test.
        extra = k.extra
        self.assertEqual(read - extra, data_rows)
        self.assertEqual(ok + rejected, read)
        self.assertEqual(len(r.rejects), rejected)
        # Every bad row was rejected and every good one accepted.
        self.assertEqual(ok - extra, good)
        out_rows = [l for l in r.out.split(b"\n")[1:] if l]
        if kind == "classify":
            self.assertEqual(len(out_rows), ok)
        if kind == "one_offs":
            self.assertEqual(sum(1 for l in out_rows if b",one_off," in l),
                             ok - extra)
        # The rejects' line numbers are distinct input lines.
        lines = [int(x.split(b",", 1)[0]) for x in r.rejects]
        self.assertEqual(len(lines), len(set(lines)))


# ---- interrupted and failing runs --------------------------------------------

class InterruptedRunTest(unittest.TestCase):
    """A run that fails after it began writing never leaves a half-written
    file under the output's name: the previous file is untouched (outputs
    are written to a temporary file beside it and renamed only when
    complete). Runs killed part-way: outputs_test.InterruptTest."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mhpbr_interrupted_")
        self.out = os.path.join(self.tmp, "out.csv")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def previous(self):
        with open(self.out, "wb") as f:
            f.write(b"previous output\n")

    def assert_previous(self):
        with open(self.out, "rb") as f:
            self.assertEqual(f.read(), b"previous output\n")

    def test_failing_after_output_opened(self):
        self.previous()
        one_offs = os.path.join(self.tmp, "one_offs.csv")
        with open(one_offs, "wb") as f:
            f.write(b"item,count,price_pence\nbig,9223372036854775807,2\n")
        p = subprocess.run(
            [TOOL, "price", "--periods", PERIODS, "--tariff", TARIFF,
             "--contract", CONTRACT, "--one-offs", one_offs, "--out",
             self.out], capture_output=True, timeout=300)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assert_previous()
        self.assertEqual(sorted(os.listdir(self.tmp)),
                         ["one_offs.csv", "out.csv"])


if __name__ == "__main__":
    unittest.main()
