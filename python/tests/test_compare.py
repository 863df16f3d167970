"""What-if contracts (mhpbr.compare) and in-year statements (mhpbr.price with
as_of): figures worked by hand, the JSON twins equal, and each the same as
the mhpbr tool's `compare` and `price --as-of` on the same files."""

import csv
import os
import tempfile
import unittest

import mhpbr
import support
from mhpbr.v1 import compare_pb2, pricing_pb2

PRICING = os.path.join(support.SOURCE_DIR, "tests", "data", "pricing")
BASIS = {"day": pricing_pb2.BASIS_DAY, "period": pricing_pb2.BASIS_PERIOD,
         "year": pricing_pb2.BASIS_YEAR}


def pricing_file(name):
    return os.path.join(PRICING, name)


def read_tariff(path):
    tariff = pricing_pb2.TariffSchedule(source=os.path.basename(path))
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            tariff.entries.add(cluster=int(row["cluster"]), basis=BASIS[row["basis"]],
                               price_pence=int(row["price_pence"]),
                               social_care_ppm=int(row.get("social_care_ppm") or 0))
    return tariff


def read_periods(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [pricing_pb2.PeriodToPrice(patient_id=r["patient_id"], cluster=int(r["cluster"]),
                                          start=r["start"], end=r["end"])
                for r in csv.DictReader(f)]


# tests/data/pricing/compare_*: MFF 1, 2023/24; periods of 20 days in
# cluster 1 and 20 in cluster 2 (one more before the year). Tariff A 100
# and 200 p a day, B 150 and 120.
#   cluster (A, no bands): 2000 + 4000 = 6000 paid as is.
#   block (A, baseline 5000, one band at rate 0): 5000; -1000.
#   blended (B, 5000 +-5%, half above): 3000 + 2400 = 5400 (+8%),
#     5000 + 250 + 150 / 2 = 5325; -675.
SCENARIOS = [("cluster", "compare_cluster.textproto", "compare_tariff_a.csv"),
             ("block", "compare_block.textproto", "compare_tariff_a.csv"),
             ("blended", "compare_blended.textproto", "compare_tariff_b.csv")]


def compare_request():
    request = compare_pb2.CompareRequest(periods=read_periods(pricing_file("compare_periods.csv")))
    for name, contract, tariff in SCENARIOS:
        request.scenarios.add(
            name=name,
            contract=mhpbr.read_textproto(pricing_file(contract), pricing_pb2.Contract),
            tariff=read_tariff(pricing_file(tariff)))
    return request


@unittest.skipIf(mhpbr._capi.compare is None, "this libmhpbr has no mhpbr_compare")
class CompareTest(unittest.TestCase):
    def test_worked_by_hand(self):
        out = mhpbr.compare(compare_request())
        self.assertIsInstance(out, compare_pb2.CompareResponse)
        self.assertEqual([(s.name, s.lines, s.totals.activity_pence, s.totals.payment_pence,
                           s.difference_pence) for s in out.scenarios],
                         [("cluster", 3, 6000, 6000, 0), ("block", 3, 6000, 5000, -1000),
                          ("blended", 3, 5400, 5325, -675)])
        self.assertEqual([c.cluster for c in out.clusters], [1, 2])
        self.assertEqual([(a.scenario, a.periods, a.days, a.amount_pence, a.difference_pence)
                          for a in out.clusters[0].scenarios],
                         [("cluster", 2, 20, 2000, 0), ("block", 2, 20, 2000, 0),
                          ("blended", 2, 20, 3000, 1000)])
        self.assertEqual(out.clusters[1].scenarios[2].amount_pence, 2400)
        self.assertEqual(out.clusters[1].scenarios[2].difference_pence, -1600)

    def test_json_twin(self):
        from google.protobuf import json_format
        request = compare_request()
        as_dict = json_format.MessageToDict(request, preserving_proto_field_name=True)
        self.assertEqual(
            mhpbr.compare_json(as_dict),
            json_format.MessageToDict(mhpbr.compare(request), preserving_proto_field_name=True,
                                      including_default_value_fields=True))
        out = mhpbr.compare_json(as_dict)
        self.assertEqual(out["scenarios"][2]["difference_pence"], "-675")

    @support.need_tool
    def test_same_as_the_tool(self):
        out = mhpbr.compare(compare_request())
        with tempfile.TemporaryDirectory() as tmp:
            summary = os.path.join(tmp, "compare.csv")
            by_cluster = os.path.join(tmp, "by_cluster.csv")
            args = ["compare", "--periods", pricing_file("compare_periods.csv"),
                    "--out", summary, "--by-cluster", by_cluster]
            for name, contract, tariff in SCENARIOS:
                args += ["--scenario", "%s=%s,%s" % (name, pricing_file(contract),
                                                      pricing_file(tariff))]
            support.run_tool(*args)
            _, rows = support.read_csv_rows(summary)
            _, cluster_rows = support.read_csv_rows(by_cluster)
        got = [[s.name, str(s.lines), str(s.totals.baseline_pence),
                str(s.totals.activity_pence), str(s.totals.risk_shared_pence),
                str(s.totals.withheld_pence), str(s.totals.earned_pence),
                str(s.totals.payment_pence), str(s.difference_pence)] for s in out.scenarios]
        self.assertEqual(got, [[r[0]] + r[3:] for r in rows])
        got = [[str(c.cluster), a.scenario, str(a.periods), str(a.days), str(a.amount_pence),
                str(a.difference_pence)] for c in out.clusters for a in c.scenarios]
        self.assertEqual(got, cluster_rows)

    def test_errors_name_the_field(self):
        request = compare_request()
        del request.scenarios[1:]
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.compare(request)
        self.assertIn("scenarios: a comparison needs at least two, got 1", str(cm.exception))
        request = compare_request()
        request.scenarios[2].name = "cluster"
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.compare(request)
        self.assertIn("scenarios[2].name: 'cluster' is given twice", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.compare_json('{"scenarios": [')
        self.assertIn("mhpbr.v1.CompareRequest", str(cm.exception))


def in_year_request(as_of):
    """tests/data/pricing's tariff, pooled contract and one-off, with P2
    open in cluster 3 from 1 May and P1 in cluster 11 to 9 June 2023."""
    request = pricing_pb2.PriceRequest(
        contract=mhpbr.read_textproto(pricing_file("contract_pooled.textproto"),
                                      pricing_pb2.Contract),
        tariff=read_tariff(pricing_file("tariff.csv")),
        periods=[pricing_pb2.PeriodToPrice(patient_id="P2", cluster=3, start="2023-05-01"),
                 pricing_pb2.PeriodToPrice(patient_id="P1", cluster=11, start="2023-04-01",
                                           end="2023-06-09")],
        one_offs=[pricing_pb2.OneOff(item="ect", count=2, price_pence=5000)])
    request.as_of = as_of
    return request


class InYearTest(unittest.TestCase):
    # April: the one-off 2 * 5000 * 1.08543 = 10854 and P1's review period
    # pro rata 36500 * 70 / 365 * 1.08543 = 7598, earned on 1 April; P2 at
    # 1085.43 p a day: 31 days = 33648.33 -> 33648 through May, 46 days =
    # 49929.78 -> 49930 through 15 June (June 16282). Forecast: P2 runs on
    # to 31 March, 336 days = 364704; activity 383156.
    def test_worked_by_hand(self):
        st = mhpbr.price(in_year_request("2023-06-15"))
        self.assertTrue(st.HasField("in_year"))
        iy = st.in_year
        self.assertEqual(iy.as_of, "2023-06-15")
        self.assertEqual([(m.month, m.periods, m.days, m.amount_pence, m.cumulative_pence)
                          for m in iy.months],
                         [("2023-04", 1, 30, 18452, 18452), ("2023-05", 2, 62, 33648, 52100),
                          ("2023-06", 2, 24, 16282, 68382)])
        self.assertEqual(iy.earned_to_date_pence, 68382)
        self.assertEqual(iy.forecast_activity_pence, 383156)
        self.assertEqual(st.totals.activity_pence, 383156)
        self.assertEqual(iy.forecast_payment_pence, st.totals.payment_pence)
        self.assertEqual(iy.assumptions[3].key, "forecast_assumption:new_periods")
        self.assertEqual(iy.assumptions[3].value, "none")
        # Without as_of: the same statement, no in-year part.
        annual = mhpbr.price(in_year_request(""))
        self.assertFalse(annual.HasField("in_year"))
        st.ClearField("in_year")
        self.assertEqual(annual, st)

    def test_json_twin(self):
        out = mhpbr.price_json(contract={"year_start": "2024-04-01", "mff_ppm": 1000000,
                                         "partial_period": "PRO_RATA",
                                         "social_care": "POOLED"},
                               tariff={"entries": [{"cluster": 4, "basis": "BASIS_DAY",
                                                    "price_pence": 100}]},
                               periods=[{"patient_id": "A", "cluster": 4,
                                         "start": "2024-05-30"}],
                               as_of="2024-06-02")
        # 2 days in May, 2 in June to date at 100 p; open to 31 March:
        # 306 days = 30600.
        self.assertEqual([(m["month"], m["amount_pence"]) for m in out["in_year"]["months"]],
                         [("2024-04", "0"), ("2024-05", "200"), ("2024-06", "200")])
        self.assertEqual(out["in_year"]["earned_to_date_pence"], "400")
        self.assertEqual(out["totals"]["activity_pence"], "30600")

    @support.need_tool
    def test_same_as_the_tool(self):
        st = mhpbr.price(in_year_request("2023-06-15"))
        with tempfile.TemporaryDirectory() as tmp:
            periods = os.path.join(tmp, "periods.csv")
            with open(periods, "w", encoding="utf-8") as f:
                f.write("patient_id,cluster,start,end\nP2,3,2023-05-01,\n"
                        "P1,11,2023-04-01,2023-06-09\n")
            months = os.path.join(tmp, "months.csv")
            summary = os.path.join(tmp, "summary.csv")
            support.run_tool("price", "--periods", periods,
                             "--tariff", pricing_file("tariff.csv"),
                             "--contract", pricing_file("contract_pooled.textproto"),
                             "--one-offs", pricing_file("one_offs.csv"),
                             "--as-of", "2023-06-15", "--months", months,
                             "--summary", summary, "--out", os.path.join(tmp, "out.csv"))
            _, month_rows = support.read_csv_rows(months)
            _, summary_rows = support.read_csv_rows(summary)
        self.assertEqual([[m.month, str(m.periods), str(m.days), str(m.amount_pence),
                           str(m.cumulative_pence)] for m in st.in_year.months], month_rows)
        summary = dict((r[0], r[1]) for r in summary_rows)
        self.assertEqual(summary["as_of"], st.in_year.as_of)
        self.assertEqual(summary["earned_to_date_pence"], str(st.in_year.earned_to_date_pence))
        self.assertEqual(summary["forecast_activity_pence"],
                         str(st.in_year.forecast_activity_pence))
        self.assertEqual(summary["forecast_payment_pence"],
                         str(st.in_year.forecast_payment_pence))
        self.assertEqual([(a.key, a.value) for a in st.in_year.assumptions],
                         [(k, v) for k, v in summary_rows if k.startswith("forecast_assumption:")])

    def test_as_of_outside_the_year(self):
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.price(in_year_request("2024-04-01"))
        self.assertIn("as_of 2024-04-01 is outside the contract year", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.price_json(in_year_json("2023-06-31"))
        self.assertIn("as_of", str(cm.exception))


def in_year_json(as_of):
    from google.protobuf import json_format
    return json_format.MessageToDict(in_year_request(as_of), preserving_proto_field_name=True)


if __name__ == "__main__":
    unittest.main()
