"""The package's version, errors, rule sets and classification: plain
structs through ctypes."""

import ctypes
import os
import tempfile
import unittest

import mhpbr
import support

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


class VersionTest(unittest.TestCase):
    def test_version_is_the_librarys(self):
        lib = ctypes.CDLL(os.environ.get("MHPBR_LIBRARY") or mhpbr.library_path)
        lib.mhpbr_version.restype = ctypes.c_char_p
        self.assertEqual(mhpbr.__version__, lib.mhpbr_version().decode())
        self.assertEqual(mhpbr.__version__, mhpbr.version())
        self.assertEqual(mhpbr.__version__, support.header_version())
        major, minor, patch = map(int, mhpbr.__version__.split("."))
        self.assertEqual(mhpbr.version_number(), major * 10000 + minor * 100 + patch)

    def test_library_found_from_the_environment(self):
        if os.environ.get("MHPBR_LIBRARY"):
            self.assertEqual(mhpbr.library_path, os.environ["MHPBR_LIBRARY"])


class ErrorsTest(unittest.TestCase):
    def test_hierarchy_and_codes(self):
        expected = {mhpbr.Cancelled: (1, "CANCELLED"), mhpbr.Unknown: (2, "UNKNOWN"),
                    mhpbr.InvalidArgument: (3, "INVALID_ARGUMENT"),
                    mhpbr.NotFound: (5, "NOT_FOUND"),
                    mhpbr.ResourceExhausted: (8, "RESOURCE_EXHAUSTED"),
                    mhpbr.FailedPrecondition: (9, "FAILED_PRECONDITION"),
                    mhpbr.OutOfRange: (11, "OUT_OF_RANGE"),
                    mhpbr.Unimplemented: (12, "UNIMPLEMENTED"),
                    mhpbr.Internal: (13, "INTERNAL"), mhpbr.DataLoss: (15, "DATA_LOSS")}
        for cls, (code, name) in expected.items():
            with self.subTest(cls=cls.__name__):
                e = cls("why")
                self.assertIsInstance(e, mhpbr.Error)
                self.assertEqual((e.code, e.code_name, e.message), (code, name, "why"))
        self.assertTrue(issubclass(mhpbr.InvalidArgument, ValueError))
        self.assertTrue(issubclass(mhpbr.NotFound, LookupError))
        self.assertTrue(issubclass(mhpbr.OutOfRange, OverflowError))


class RulesTest(unittest.TestCase):
    def test_default_provenance(self):
        rules = mhpbr.Rules.default()
        self.assertIs(rules, mhpbr.Rules.default())  # loaded once
        self.assertIn("not the official booklet grid", rules.source)
        self.assertEqual(rules.financial_year, "2016/17")
        self.assertTrue(rules.version)
        self.assertIn(rules.financial_year, repr(rules))

    def test_from_text_and_file_round_trip(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "rules.textproto")
            if support.TOOL and os.path.exists(support.TOOL):
                support.run_tool("rules", "export", "--out", path)
            else:
                self.skipTest("MHPBR_TOOL not given: no rule set text to load")
            from_file = mhpbr.Rules.from_file(path)
            with open(path, encoding="utf-8") as f:
                from_text = mhpbr.Rules.from_text(f.read())
        default = mhpbr.Rules.default()
        for rules in (from_file, from_text):
            self.assertEqual((rules.source, rules.financial_year, rules.version),
                             (default.source, default.financial_year, default.version))
            c = mhpbr.Classifier(rules).classify(TYPICAL[14])
            self.assertEqual(c.suggested_cluster, 14)

    def test_errors(self):
        with self.assertRaises(mhpbr.NotFound) as cm:
            mhpbr.Rules.from_file("/nonexistent/rules.textproto")
        self.assertIn("/nonexistent/rules.textproto", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.Rules.from_text("provenance { source: ")
        self.assertEqual(cm.exception.code, 3)
        self.assertIn(":1:", str(cm.exception))  # line:column of the error
        with tempfile.NamedTemporaryFile("w", suffix=".textproto") as f:
            f.write("min_known_items: 3\n")
            f.flush()
            with self.assertRaises(mhpbr.InvalidArgument):
                mhpbr.Rules.from_file(f.name)
        with self.assertRaises(TypeError):
            mhpbr.Classifier("rules.textproto")


class ClassifyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.classifier = mhpbr.Classifier(mhpbr.Rules.default())

    def test_items(self):
        self.assertEqual(mhpbr.ITEMS[:3], ("1", "2", "3"))
        self.assertEqual(mhpbr.ITEMS[12:], ("13", "A", "B", "C", "D", "E"))
        self.assertEqual(len(mhpbr.ITEM8_TYPES), 10)

    def test_typical_ratings_classify_to_their_cluster(self):
        for cluster, values in TYPICAL.items():
            with self.subTest(cluster=cluster):
                for given in (ratings(values), values, tuple(values)):
                    r = self.classifier.classify(given)
                    self.assertEqual(r.suggested_cluster, cluster)
                    self.assertEqual(r.reason, "")
                    self.assertEqual(r.suggested_fit, r.suggested_fit_milli / 1000)
                    self.assertEqual(r.known_items, 18)
                    self.assertIsNone(r.allocated_cluster)
                    self.assertIsNone(r.allocation_red)

    def test_keys_as_csv_columns_and_numbers(self):
        by_code = self.classifier.classify(ratings(TYPICAL[4]))
        by_column = self.classifier.classify(
            {"r" + k.lower(): v for k, v in ratings(TYPICAL[4]).items()})
        by_number = self.classifier.classify(
            {(int(k) if k.isdigit() else k): v for k, v in ratings(TYPICAL[4]).items()})
        as_text = self.classifier.classify({k: str(v) for k, v in ratings(TYPICAL[4]).items()})
        self.assertEqual(by_code, by_column)
        self.assertEqual(by_code, by_number)
        self.assertEqual(by_code, as_text)

    def test_red_allocation_names_items(self):
        # Cluster 10's picture rates item 6 at 3; cluster 1's item 6 row is
        # MMUUU, so an allocation to cluster 1 breaks its red rule on 6.
        r = self.classifier.classify(ratings(TYPICAL[10]), psychosis=True, allocated=1)
        self.assertEqual(r.suggested_cluster, 10)
        self.assertEqual(r.superclass, "psychotic")
        self.assertTrue(r.allocation_red)
        self.assertEqual(r.red_items, ["6"])
        self.assertEqual(r.allocated_cluster, 1)
        ok = self.classifier.classify(ratings(TYPICAL[10]), allocated="10")
        self.assertFalse(ok.allocation_red)
        self.assertEqual(ok.red_items, [])
        self.assertIn("6", ok.fitting_items)

    def test_check_allocation(self):
        red = self.classifier.check_allocation(TYPICAL[10], 1)
        self.assertEqual((red.cluster, red.red, red.red_items), (1, True, ["6"]))
        fine = self.classifier.check_allocation(TYPICAL[10], 10)
        self.assertEqual((fine.red, fine.red_items), (False, []))
        self.assertFalse(self.classifier.check_allocation(TYPICAL[10], 0).red)
        with self.assertRaises(mhpbr.InvalidArgument):
            self.classifier.check_allocation(TYPICAL[10], 9)

    def test_item8_by_type_equals_single_rating(self):
        single = self.classifier.classify(ratings(TYPICAL[4]))
        typed = dict(ratings(TYPICAL[4]))
        del typed["8"]
        typed.update({"8A": 1, "8B": 4, "8H": None})
        self.assertEqual(single, self.classifier.classify(typed))
        # Empty type cells beside a single rating leave item 8 to it.
        blank_types = dict(ratings(TYPICAL[4]), **{t: None for t in mhpbr.ITEM8_TYPES})
        self.assertEqual(single, self.classifier.classify(blank_types))
        with self.assertRaises(mhpbr.InvalidArgument):
            self.classifier.classify(dict(ratings(TYPICAL[4]), **{"8A": 1}))

    def test_too_few_known_is_variance(self):
        r = self.classifier.classify({"1": 0, "7": 3, "8": 3})
        self.assertEqual(r.suggested_cluster, 0)
        self.assertEqual(r.reason, "too_few_known")
        self.assertIsNone(r.suggested_fit)
        self.assertIsNone(r.runner_up_cluster)
        self.assertEqual(r.superclass, "variance")
        self.assertEqual(r.known_items, 3)

    def test_answers(self):
        for yes in (True, "y", "YES"):
            r = self.classifier.classify(ratings(TYPICAL[4]), psychosis=yes)
            self.assertEqual(r.superclass, "psychotic")
        r = self.classifier.classify(ratings(TYPICAL[19]), organic="yes")
        self.assertEqual(r.superclass, "organic")
        with self.assertRaises(mhpbr.InvalidArgument):
            self.classifier.classify(ratings(TYPICAL[4]), organic="maybe")

    def test_bad_input_raises_with_field(self):
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            self.classifier.classify(dict(ratings(TYPICAL[1]), **{"7": 7}))
        self.assertEqual(cm.exception.code, 3)
        self.assertEqual(cm.exception.code_name, "INVALID_ARGUMENT")
        self.assertIn("ratings[6]", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            self.classifier.classify(ratings(TYPICAL[1]), allocated=9)
        self.assertIn("allocated_cluster", str(cm.exception))
        for bad in ({"Z": 1}, {"1": -1}, {"1": 1.5}, {"1": "x"}, TYPICAL[1][:17]):
            with self.subTest(bad=bad), self.assertRaises(mhpbr.InvalidArgument):
                self.classifier.classify(bad)
        with self.assertRaises(TypeError):
            self.classifier.classify("0000")


class ClassifyBatchTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.classifier = mhpbr.Classifier()

    def test_batch_equals_one_by_one(self):
        batch = [mhpbr.Assessment(v, allocated=c) for c, v in TYPICAL.items()]
        batch.append(ratings(TYPICAL[10]))
        got = self.classifier.classify_batch(batch)
        self.assertEqual(got, [self.classifier.classify(a) for a in batch])
        self.assertEqual([c.suggested_cluster for c in got], [1, 4, 10, 14, 19, 10])
        self.assertEqual(self.classifier.classify_batch([]), [])

    def test_bad_records(self):
        batch = [TYPICAL[1], dict(ratings(TYPICAL[1]), **{"7": 7}), TYPICAL[4],
                 mhpbr.Assessment(TYPICAL[4], allocated=9), {"Z": 1}]
        with self.assertRaises(mhpbr.InvalidArgument):
            self.classifier.classify_batch(batch)
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            self.classifier.classify_batch(batch[:4])
        self.assertIn("2", str(cm.exception))  # how many were bad
        kept = self.classifier.classify_batch(batch, errors="keep")
        self.assertEqual([type(x).__name__ for x in kept],
                         ["Classification", "InvalidArgument", "Classification",
                          "InvalidArgument", "InvalidArgument"])
        self.assertIn("ratings[6]", str(kept[1]))
        self.assertIn("allocated_cluster", str(kept[3]))
        self.assertEqual(kept[2].suggested_cluster, 4)
        with self.assertRaises(ValueError):
            self.classifier.classify_batch(batch, errors="ignore")

    def test_threads_give_the_same_results(self):
        # The C call splits a batch into parts of at least 4096 records, so
        # 3 x 4096 + 7 records reach three parts; every 1000th is bad.
        typical = [mhpbr.Assessment(v, allocated=c) for c, v in TYPICAL.items()]
        bad = dict(ratings(TYPICAL[1]), **{"7": 7})
        batch = [bad if i % 1000 == 999 else typical[i % len(typical)]
                 for i in range(3 * 4096 + 7)]
        one = self.classifier.classify_batch(batch, errors="keep")
        for threads in (0, 2, 3):
            with self.subTest(threads=threads):
                got = self.classifier.classify_batch(batch, errors="keep",
                                                     threads=threads)
                self.assertEqual([repr(x) for x in got], [repr(x) for x in one])
        self.assertEqual(sum(1 for x in one if isinstance(x, Exception)), 12)
        with self.assertRaises(mhpbr.InvalidArgument):
            self.classifier.classify_batch(batch, threads=-1)


if __name__ == "__main__":
    unittest.main()
