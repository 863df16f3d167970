"""Tests of the Python binding over the C API (run by ctest with the
system python3; MHPBR_LIBRARY names the libmhpbr.so under test)."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import mhpbr  # noqa: E402
from mhpbr import _wire  # noqa: E402

# Each cluster's typical ratings (items 1-13, A-E), which the default rule
# set says classify to that cluster.
TYPICAL = {
    1: [0, 0, 0, 0, 1, 1, 2, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    4: [0, 0, 0, 0, 1, 1, 4, 4, 3, 1, 0, 3, 0, 0, 0, 0, 0, 1],
    10: [0, 0, 0, 0, 1, 3, 0, 0, 2, 2, 0, 2, 0, 0, 0, 0, 0, 0],
    14: [3, 0, 0, 0, 1, 3, 2, 2, 3, 3, 0, 1, 0, 3, 0, 0, 0, 3],
    19: [0, 0, 0, 3, 1, 0, 2, 2, 2, 2, 0, 1, 0, 0, 0, 0, 0, 3],
}


def ratings(values):
    return dict(zip(mhpbr.ITEMS, values))


class ClassifyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rules = mhpbr.Rules.default()
        cls.classifier = mhpbr.Classifier(cls.rules)

    def test_version_and_provenance(self):
        self.assertRegex(mhpbr.version(), r"^\d+\.\d+\.\d+$")
        self.assertIn("not the official booklet grid", self.rules.source)
        self.assertEqual(self.rules.financial_year, "2016/17")

    def test_typical_ratings_classify_to_their_cluster(self):
        for cluster, values in TYPICAL.items():
            with self.subTest(cluster=cluster):
                r = self.classifier.classify(ratings(values))
                self.assertEqual(r.suggested_cluster, cluster)
                self.assertEqual(r.reason, "")
                self.assertIsNotNone(r.suggested_fit)
                self.assertEqual(r.known_items, 18)

    def test_red_allocation_names_items(self):
        # Cluster 10's picture rates item 6 at 3; cluster 1's item 6 row is
        # MMUUU, so an allocation to cluster 1 breaks its red rule on 6.
        r = self.classifier.classify(ratings(TYPICAL[10]), allocated=1)
        self.assertTrue(r.allocation_red)
        self.assertEqual(r.red_items, ["6"])
        self.assertEqual(r.allocated_cluster, 1)
        ok = self.classifier.classify(ratings(TYPICAL[10]), allocated=10)
        self.assertFalse(ok.allocation_red)
        self.assertEqual(ok.red_items, [])

    def test_item8_by_type_equals_single_rating(self):
        single = self.classifier.classify(ratings(TYPICAL[4]))
        typed = dict(ratings(TYPICAL[4]))
        del typed["8"]
        typed.update({"8A": 1, "8B": 4, "8H": None})
        by_type = self.classifier.classify(typed)
        self.assertEqual(single, by_type)

    def test_too_few_known_is_variance(self):
        r = self.classifier.classify({"1": 0, "7": 3, "8": 3})
        self.assertEqual(r.suggested_cluster, 0)
        self.assertEqual(r.reason, "too_few_known")
        self.assertIsNone(r.suggested_fit)
        self.assertEqual(r.superclass, "variance")

    def test_psychosis_answer_restricts_candidates(self):
        r = self.classifier.classify(ratings(TYPICAL[4]), psychosis=True)
        self.assertEqual(r.superclass, "psychotic")

    def test_bad_input_raises_with_field(self):
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            self.classifier.classify(dict(ratings(TYPICAL[1]), **{"7": 7}))
        self.assertEqual(cm.exception.code, 3)
        self.assertIn("ratings[6]", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            self.classifier.classify(ratings(TYPICAL[1]), allocated=9)
        self.assertIn("allocated_cluster", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument):
            self.classifier.classify({"Z": 1})

    def test_rules_errors(self):
        with self.assertRaises(mhpbr.NotFound):
            mhpbr.Rules.from_file("/nonexistent/rules.textproto")
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.Rules.from_text("provenance { source: ")
        self.assertIn(":1:", str(cm.exception))  # line:column of the error
        with tempfile.NamedTemporaryFile("w", suffix=".textproto") as f:
            f.write("min_known_items: 3\n")
            f.flush()
            with self.assertRaises(mhpbr.InvalidArgument):
                mhpbr.Rules.from_file(f.name)


class PeriodsTest(unittest.TestCase):
    def test_periods_reviews_and_errors(self):
        rules = mhpbr.Rules.default()
        out = mhpbr.build_periods(rules, [
            {"patient_id": "P1", "date": "2023-01-31", "kind": "allocate", "cluster": 3},
            {"patient_id": "P1", "date": "2023-05-01", "kind": "allocate", "cluster": 4},
            {"patient_id": "P1", "date": "2023-06-30", "kind": "discharge"},
            {"patient_id": "P2", "date": "2024-01-31", "kind": "allocate", "cluster": 14},
            {"patient_id": "P3", "date": "2023-05-01", "kind": "discharge"},
        ], as_of="2024-03-31")
        p = out["periods"]
        self.assertEqual([(x["patient_id"], x["cluster"]) for x in p],
                         [("P1", 3), ("P1", 4), ("P2", 14)])
        # Cluster 3 from 31 Jan to 30 Apr: 90 days; review due 6 months on,
        # 31 Jul (31 Jan + 6 months).
        self.assertEqual(p[0]["end"], "2023-04-30")
        self.assertEqual(p[0]["days"], 90)
        self.assertEqual(p[0]["review_due"], "2023-07-31")
        # Cluster 14 (4 weeks) open from 31 Jan 2024 to the as-of date:
        # 61 days (2024 is a leap year); due 28 Feb, 32 days overdue.
        self.assertNotIn("end", p[2])
        self.assertEqual(p[2]["days"], 61)
        self.assertEqual(p[2]["review_due"], "2024-02-28")
        self.assertEqual(p[2]["overdue_days"], 32)
        self.assertEqual(len(out["errors"]), 1)
        self.assertEqual(out["errors"][0]["patient_id"], "P3")
        self.assertIn("no open cluster period", out["errors"][0]["reason"])

    def test_bad_as_of(self):
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.build_periods(mhpbr.Rules.default(), [], as_of="2023-02-29")
        self.assertIn("as_of", str(cm.exception))


class PriceTest(unittest.TestCase):
    CONTRACT = {
        "year_start": "2023-04-01", "mff_ppm": 1000000,
        "partial_period": "pro_rata", "social_care": "decoupled",
        "baseline_pence": 1000000,
        "risk_bands": [{"to_pct": -5, "rate_ppm": 0},
                       {"from_pct": -5, "to_pct": 5, "rate_ppm": 1000000},
                       {"from_pct": 5, "rate_ppm": 500000}],
    }

    def test_statement_to_the_penny(self):
        st = mhpbr.price(mhpbr.Rules.default(), self.CONTRACT,
                         tariff=[{"cluster": 3, "basis": "day", "price_pence": 10000,
                                  "social_care_ppm": 100000},
                                 {"cluster": 14, "basis": "year", "price_pence": 365000}],
                         periods=[{"patient_id": "P1", "cluster": 3,
                                   "start": "2023-05-01", "end": "2023-07-29"},
                                  {"patient_id": "P2", "cluster": 14, "start": "2024-03-01"},
                                  {"patient_id": "P3", "cluster": 0, "start": "2023-05-01"}],
                         one_offs=[{"item": "ect", "count": 2, "price_pence": 150000}])
        lines = st["lines"]
        self.assertTrue(lines[0]["one_off"])
        self.assertEqual(lines[0]["amount_pence"], 300000)
        self.assertEqual(lines[0]["cluster"], -1)
        # 90 days at 100.00 a day; 10% social care.
        self.assertEqual(lines[1]["amount_pence"], 900000)
        self.assertEqual(lines[1]["social_care_pence"], 90000)
        # 365000 a year * 31 days / 366 days = 30915.3 -> 30915.
        self.assertEqual(lines[2]["amount_pence"], 30915)
        self.assertEqual(lines[3]["status"], "unpriced")
        t = st["totals"]
        self.assertEqual(t["activity_pence"], 300000 + 900000 + 30915)
        # A = 1.230915 B: 5% at full rate, the rest above +5% at half:
        # 1000000 + 50000 + (1230915 - 1050000) / 2 = 1140457.5 -> 1140458.
        self.assertEqual(t["risk_shared_pence"], 1140458)
        self.assertEqual(t["payment_pence"], 1140458)
        self.assertEqual(t["social_care_pence"], 90000)

    def test_invalid_contract_names_field(self):
        bad = dict(self.CONTRACT, risk_bands=[{"to_pct": 0, "rate_ppm": 0},
                                              {"from_pct": 1, "rate_ppm": 0}])
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.price(mhpbr.Rules.default(), bad, tariff=[], periods=[])
        self.assertIn("risk_bands[1]", str(cm.exception))


class WireTest(unittest.TestCase):
    def test_round_trip_with_negatives_and_packed(self):
        schema = {"a": (1, "int", None, False), "b": (2, "int", None, True),
                  "s": (3, "string", None, False), "ok": (4, "bool", None, False)}
        msg = {"a": -5, "b": [1, 300, -2], "s": "é,x", "ok": True}
        self.assertEqual(_wire.decode(_wire.encode(msg, schema), schema), msg)


if __name__ == "__main__":
    unittest.main()
