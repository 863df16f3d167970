"""SPC charts (mhpbr.spc, spc_json, spc_frame): figures worked by hand, the
binary and JSON forms equal, and the frame the same as `mhpbr spc` on the
same file."""

import os
import tempfile
import unittest

import mhpbr
import support

EXAMPLE = os.path.join(support.SOURCE_DIR, "examples", "data", "spc.csv")

# contacts: 20 28 20 28 20 28 20 28 20 60 (up, target 50): mean 27.2; the
# moving range 40 is at or above 3.267 x 104/9 and screened out, so amR is
# 8 and the limits 27.2 +- 21.28; 60 is outside (improvement) and the
# target above the upper limit (consistent_fail).
CONTACTS = {"name": "contacts", "direction": "up", "target": "50",
            "months": ["2024-%02d" % m for m in range(1, 11)],
            "values": ["20", "28"] * 4 + ["20", "60"]}


class SpcTest(unittest.TestCase):
    def test_json(self):
        out = mhpbr.spc_json({"series": [CONTACTS]})
        c = out["series"][0]
        self.assertEqual((c["mean"], c["lpl"], c["upl"]),
                         ("27.2000", "5.9200", "48.4800"))
        self.assertEqual(c["variation"], "special_cause_improvement")
        self.assertEqual(c["assurance"], "consistent_fail")
        self.assertTrue(c["short_series"])
        last = c["points"][-1]
        self.assertEqual((last["month"], last["value"], last["side"]),
                         ("2024-10", "60.0000", 1))
        self.assertTrue(last["outside"])
        self.assertEqual(last["point_type"], "special_cause_improvement")
        # Unscreened: amR 104/9, upper limit 27.2 + 30.7378.
        self.assertEqual(mhpbr.spc_json({"series": [CONTACTS], "no_screen": True})
                         ["series"][0]["upl"], "57.9378")

    def test_binary_equals_json(self):
        try:
            import google.protobuf  # noqa: F401
        except ImportError:
            self.skipTest("no protobuf runtime")
        from google.protobuf import json_format
        response = mhpbr.spc({"series": [CONTACTS]})
        self.assertEqual(json_format.MessageToDict(
            response, preserving_proto_field_name=True,
            including_default_value_fields=True),
            mhpbr.spc_json({"series": [CONTACTS]}))

    def test_errors_name_the_series(self):
        bad = dict(CONTACTS, values=["20", "x"] + CONTACTS["values"][2:])
        with self.assertRaises(mhpbr.InvalidArgument) as e:
            mhpbr.spc_json({"series": [bad]})
        self.assertIn("series[0] 'contacts' values[1]", str(e.exception))

    @support.need_tool
    def test_frame_matches_the_tool(self):
        if not mhpbr.have_pandas():
            self.skipTest("no pandas")
        import pandas as pd
        df = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
        points, summary = mhpbr.spc_frame(df)
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "points.csv")
            summ = os.path.join(tmp, "summary.csv")
            support.run_tool("spc", "--in", EXAMPLE, "--out", out, "--summary", summ)
            header, rows = support.read_csv_rows(out)
            _, summary_rows = support.read_csv_rows(summ)
        self.assertEqual(list(points.columns), header)
        self.assertEqual(len(points), len(rows))
        for (_, row), want in zip(points.iterrows(), rows):
            want = dict(zip(header, want))
            self.assertEqual(row["series"], want["series"])
            self.assertEqual(row["month"], want["month"])
            self.assertAlmostEqual(row["mean"], float(want["mean"]))
            self.assertEqual(row["special_cause"], want["special_cause"] == "y")
            self.assertEqual(row["point_type"], want["point_type"])
        self.assertEqual(list(summary["series"]), [r[0] for r in summary_rows])
        self.assertEqual(list(summary["assurance"]), [r[7] for r in summary_rows])
        self.assertEqual(list(summary["points"]), [10, 1])

    def test_frame_rejects_a_month_twice(self):
        if not mhpbr.have_pandas():
            self.skipTest("no pandas")
        import pandas as pd
        df = pd.DataFrame({"series": ["a", "a"], "month": ["2024-01", "2024-01"],
                           "value": [1, 2]})
        with self.assertRaises(mhpbr.InvalidArgument) as e:
            mhpbr.spc_frame(df)
        self.assertIn("duplicate_month", str(e.exception))


if __name__ == "__main__":
    unittest.main()
