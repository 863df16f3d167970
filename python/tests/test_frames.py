"""pandas in and out: each frame function on examples/data gives what the
mhpbr tool writes for the same files (the tool is run here; no answers are
written into the test)."""

import os
import tempfile
import unittest

import mhpbr
import support

try:
    import pandas as pd
except ImportError:  # the package works without pandas: test_without_pandas
    pd = None

AS_OF = "2024-03-31"


@unittest.skipIf(pd is None, "pandas is not installed (Debian: python3-pandas)")
@support.need_tool
class FramesMatchTheToolTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def tool(self, *args, outputs=("out",)):
        """Runs the tool with an --OUTPUT file for each of `outputs`; returns
        {output: (header, rows)}."""
        paths = {o: os.path.join(self.tmp, o + ".csv") for o in outputs}
        flags = [x for o in outputs for x in ("--" + o, paths[o])]
        support.run_tool(*args, *flags)
        return {o: support.read_csv_rows(paths[o]) for o in outputs}

    def assertFrameIsTool(self, frame, tool):
        header, rows = tool
        self.assertEqual(list(frame.columns), header)
        self.assertEqual(support.frame_rows(frame), rows)

    def assertRejectsAreTools(self, frame, tool, column="id"):
        header, rows = tool
        self.assertEqual(list(frame.attrs["rejects"][column]),
                         [r[header.index("id")] for r in rows])

    def test_classify_frame(self):
        got = self.tool("classify", "--in", support.data("assessments.csv"),
                        outputs=("out", "rejects"))
        df = pd.read_csv(support.data("assessments.csv"))
        out = mhpbr.classify_frame(df, errors="skip")
        self.assertFrameIsTool(out, got["out"])
        self.assertRejectsAreTools(out, got["rejects"])
        self.assertTrue(len(out.attrs["rejects"]) > 0)
        # Index labels are the input's, so results join back to their rows.
        self.assertTrue((df.loc[out.index, "assessment_id"] == out["assessment_id"]).all())
        self.assertEqual(str(out["suggested_cluster"].dtype), "int64")
        self.assertEqual(str(out["allocation_red"].dtype), "boolean")
        # Read as text, as the file has it, the answer is the same.
        text = mhpbr.classify_frame(pd.read_csv(support.data("assessments.csv"), dtype=str,
                                                keep_default_na=False), errors="skip")
        self.assertFrameIsTool(text, got["out"])
        # The default raises on the first rejected row, naming it.
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.classify_frame(df)
        first = got["rejects"][1][0][1]
        self.assertIn(first, str(cm.exception))
        self.assertIn("more rejected rows", str(cm.exception))
        # The same rules given as a classifier.
        same = mhpbr.classify_frame(df, classifier=mhpbr.Classifier(), errors="skip")
        self.assertTrue(same.equals(out))

    def test_classify_frame_by_item8_type(self):
        df = pd.DataFrame([{"assessment_id": "x", "date": "2023-04-01", "r1": 0, "r2": 0,
                            "r3": 0, "r4": 0, "r5": 1, "r6": 1, "r7": 4, "r8a": 1,
                            "r8b": 4, "r9": 3, "r10": 1, "r11": 0, "r12": 3, "r13": 0,
                            "ra": 0, "rb": 0, "rc": 0, "rd": 0, "re": 1}])
        out = mhpbr.classify_frame(df)
        self.assertEqual(list(out["suggested_cluster"]), [4])
        self.assertEqual(list(out["patient_id"]), [""])
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.classify_frame(df.drop(columns=["r8a", "r8b"]))
        self.assertIn("r8", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.classify_frame(df.drop(columns=["date"]))
        self.assertIn("date", str(cm.exception))

    def test_periods_frame(self):
        got = self.tool("periods", "--in", support.data("events.csv"), "--as-of", AS_OF,
                        outputs=("out", "rejects"))
        events = pd.read_csv(support.data("events.csv"))
        out = mhpbr.periods_frame(events, AS_OF, errors="skip")
        self.assertFrameIsTool(out, got["out"])
        # The rejected rows are the tool's lines (the header is line 1), in
        # input order (the tool lists those it rejects on reading first).
        header, rows = got["rejects"]
        rejects = out.attrs["rejects"]
        self.assertEqual([(r + 2, i) for r, i in zip(rejects["row"], rejects["id"])],
                         sorted((int(r[header.index("line")]), r[header.index("id")])
                                for r in rows))
        self.assertTrue(len(rejects) > 0)
        self.assertEqual(str(out["transition_ok"].dtype), "bool")
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.periods_frame(events, AS_OF)
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.periods_frame(events, "2024-02-30", errors="skip")

    def test_periods_frame_with_a_trusts_transitions(self):
        table = os.path.join(self.tmp, "transitions.textproto")
        with open(table, "w", encoding="utf-8") as f:
            f.write("rows { from: 1 to: [1, 3] }\nrows { from: 2 to: [2] }\n")
        got = self.tool("periods", "--in", support.data("events.csv"), "--as-of", AS_OF,
                        "--transitions", table)
        out = mhpbr.periods_frame(pd.read_csv(support.data("events.csv")), AS_OF,
                                  transitions=table, errors="skip")
        self.assertFrameIsTool(out, got["out"])
        self.assertFalse(out["transition_ok"].all())

    def test_cost_and_tariff_frames(self):
        got = self.tool("cost", "--periods", support.data("periods.csv"), "--activity",
                        support.data("activity.csv"), "--unit-costs", support.UNIT_COSTS,
                        "--as-of", AS_OF, outputs=("out", "rejects"))
        periods = pd.read_csv(support.data("periods.csv"))
        activity = pd.read_csv(support.data("activity.csv"))
        out = mhpbr.cost_frame(periods, activity, support.UNIT_COSTS, AS_OF, errors="skip")
        self.assertFrameIsTool(out, got["out"])
        self.assertRejectsAreTools(out, got["rejects"])
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.cost_frame(periods, activity, support.UNIT_COSTS, AS_OF)

        # Tariffs set from those costs, as the tool sets them from its own.
        tariff = self.tool("tariff", "--in", os.path.join(self.tmp, "out.csv"),
                           "--min-periods", "2", "--basis", "period",
                           outputs=("out",))["out"]
        schedule = mhpbr.tariff_frame(out, basis="period", min_periods=2)
        self.assertFrameIsTool(schedule, tariff)
        self.assertTrue(len(schedule) > 0)

    def test_price_frame(self):
        got = self.tool("price", "--periods", support.data("periods.csv"), "--tariff",
                        support.data("tariff.csv"), "--contract",
                        support.data("contract.textproto"), "--one-offs",
                        support.data("one_offs.csv"))
        out = mhpbr.price_frame(pd.read_csv(support.data("periods.csv")),
                                pd.read_csv(support.data("tariff.csv")),
                                support.data("contract.textproto"),
                                one_offs=pd.read_csv(support.data("one_offs.csv")))
        self.assertFrameIsTool(out, got["out"])
        # The contract as a message gives the same.
        from mhpbr.v1 import pricing_pb2
        contract = mhpbr.read_textproto(support.data("contract.textproto"),
                                        pricing_pb2.Contract)
        again = mhpbr.price_frame(pd.read_csv(support.data("periods.csv")),
                                  pd.read_csv(support.data("tariff.csv")), contract,
                                  one_offs=pd.read_csv(support.data("one_offs.csv")))
        self.assertTrue(again.equals(out))
        bad_tariff = pd.DataFrame([{"cluster": 1, "basis": "fortnight", "price_pence": 1}])
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.price_frame(pd.read_csv(support.data("periods.csv")), bad_tariff, contract)
        self.assertIn("basis", str(cm.exception))

    def test_package_cost_frame(self):
        got = self.tool("package", "cost")
        self.assertFrameIsTool(mhpbr.package_cost_frame(), got["out"])

    @unittest.skipIf(mhpbr._capi.report_build is None, "no mhpbr_report_build")
    def test_report_frames(self):
        from mhpbr.v1 import costing_pb2, pricing_pb2
        unit_costs = mhpbr.read_textproto(support.UNIT_COSTS, costing_pb2.UnitCosts)
        report = mhpbr.report_build(
            as_of=AS_OF, no_html=True, unit_costs=unit_costs,
            periods=[pricing_pb2.PeriodToPrice(patient_id="P1", cluster=3,
                                               start="2023-04-01")])
        frames = mhpbr.report_frames(report)
        self.assertEqual(sorted(frames), sorted(t.name for t in report.tables))
        summary = frames["summary.csv"]
        self.assertEqual(list(summary.columns), ["key", "value"])
        self.assertEqual(summary.set_index("key").loc["periods", "value"], "1")

    def test_to_frame(self):
        response = mhpbr.periods_build(as_of=AS_OF, events=[
            {"patient_id": "P1", "date": "2023-04-01", "kind": "ALLOCATE", "cluster": 3}])
        periods = mhpbr.to_frame(response.periods)
        self.assertEqual(list(periods.columns[:4]), ["patient_id", "cluster", "start", "end"])
        by_cluster = mhpbr.to_frame(response.by_cluster)
        self.assertEqual(list(by_cluster.columns),
                         ["cluster", "totals.periods", "totals.days", "totals.overdue_periods"])
        tariffs = mhpbr.set_tariffs(samples=[{"cluster": 3, "days": 10, "cost_pence": 1000}])
        evidence = mhpbr.to_frame(tariffs.evidence)
        self.assertEqual(evidence.loc[0, "status"], "EVIDENCE_TOO_FEW_PERIODS")
        self.assertTrue(pd.isna(evidence.loc[0, "price_day_pence"]))  # unset optional
        self.assertEqual(len(mhpbr.to_frame([])), 0)


if __name__ == "__main__":
    unittest.main()
