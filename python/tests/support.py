"""What the Python package's tests share. ctest (tests/python/CMakeLists.txt)
runs them with:

  PYTHONPATH        the package as CMake stages it (build/python), with its
                    protoc-generated mhpbr.v1 modules
  MHPBR_LIBRARY     the libmhpbr.so under test
  MHPBR_TOOL        the built mhpbr tool (its output is what the frames are
                    compared with); tests that need it skip without it
  MHPBR_SOURCE_DIR  the source tree (examples/data, proto/, python/)
  PROTOC            the protoc the build used (for the pip install test)
"""

import csv
import os
import subprocess
import unittest

SOURCE_DIR = os.environ.get("MHPBR_SOURCE_DIR") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATA = os.path.join(SOURCE_DIR, "examples", "data")
UNIT_COSTS = os.path.join(SOURCE_DIR, "lib", "rules", "example_unit_costs.textproto")
TOOL = os.environ.get("MHPBR_TOOL", "")


def data(name):
    return os.path.join(DATA, name)


def header_version():
    """MAJOR.MINOR.PATCH from capi/mhpbr.h."""
    parts = {}
    with open(os.path.join(SOURCE_DIR, "capi", "mhpbr.h"), encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) == 3 and fields[0] == "#define" and fields[1] in (
                    "MHPBR_VERSION_MAJOR", "MHPBR_VERSION_MINOR", "MHPBR_VERSION_PATCH"):
                parts[fields[1]] = fields[2]
    return "%s.%s.%s" % (parts["MHPBR_VERSION_MAJOR"], parts["MHPBR_VERSION_MINOR"],
                         parts["MHPBR_VERSION_PATCH"])


def need_tool(test):
    return unittest.skipUnless(TOOL and os.path.exists(TOOL),
                               "MHPBR_TOOL (the built mhpbr tool) not given")(test)


def run_tool(*args):
    """Runs the mhpbr tool; returns its standard output. Rejected rows do
    not fail it (exit 0); anything else does."""
    done = subprocess.run([TOOL] + [str(a) for a in args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise AssertionError("mhpbr %s: exit %d\n%s" % (" ".join(map(str, args)),
                                                       done.returncode, done.stderr))
    return done.stdout


def read_csv_rows(path):
    """A CSV file as (header, rows of str)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def tool_text(value):
    """A frame cell as the tool writes it: empty for missing, y/n for
    booleans, fits as decimals without trailing zeros."""
    if value is None:
        return ""
    try:
        if value != value:  # NaN
            return ""
    except (TypeError, ValueError):  # pandas.NA
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "y" if value else "n"
    if isinstance(value, float):
        return ("%.3f" % value).rstrip("0").rstrip(".")
    return str(value)


def frame_rows(frame):
    """A frame's rows as the tool's CSV text."""
    return [[tool_text(v) for v in row]
            for row in frame.astype(object).itertuples(index=False, name=None)]
