"""The live calls: plain ctypes structures laid out as the C compiler lays
out capi/mhpbr.h's, and answers equal to the tool's and the batch calls' for
the same data."""

import csv
import ctypes
import datetime
import os
import re
import subprocess
import tempfile
import unittest

import mhpbr
import support
from mhpbr import _capi

AS_OF = "2024-03-31"


def header_structs():
    """{struct name: [field names]} of capi/mhpbr.h's typedef'd structs."""
    with open(os.path.join(support.SOURCE_DIR, "capi", "mhpbr.h"), encoding="utf-8") as f:
        text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
    out = {}
    for name, body in re.findall(r"typedef struct (mhpbr_\w+) \{(.*?)\} \1;", text, re.S):
        out[name] = [m.group(1) for m in re.finditer(r"(\w+)\s*(?:\[[^\]]*\])?\s*;", body)]
    return out


class DeclarationsTest(unittest.TestCase):
    def test_every_function_of_the_header_is_typed(self):
        with open(os.path.join(support.SOURCE_DIR, "capi", "mhpbr.h"), encoding="utf-8") as f:
            text = re.sub(r"/\*.*?\*/", "", f.read(), flags=re.S)
        names = set(re.findall(r"MHPBR_EXPORT[^;(]*?\b(mhpbr_\w+)\s*\(", text))
        self.assertIn("mhpbr_tariff_price_period", names)
        # The unsized inits write the library's size: never called from here.
        names -= {"mhpbr_assessment_init", "mhpbr_result_init"}
        for name in sorted(names):
            with self.subTest(function=name):
                fn = getattr(_capi._lib, name)
                self.assertIsNotNone(fn.argtypes, "not declared in mhpbr/_capi.py")


class StructLayoutTest(unittest.TestCase):
    def test_fields_are_the_headers(self):
        structs = header_structs()
        self.assertIn("mhpbr_payment", structs)
        self.assertEqual(sorted(structs), sorted(_capi.STRUCTS))
        for name, fields in structs.items():
            with self.subTest(struct=name):
                self.assertEqual([f[0] for f in _capi.STRUCTS[name]._fields_], fields)

    @unittest.skipUnless(os.environ.get("MHPBR_STRUCT_LAYOUT"),
                         "MHPBR_STRUCT_LAYOUT (the struct_layout program) not given")
    def test_sizes_and_offsets_are_the_compilers(self):
        out = subprocess.run([os.environ["MHPBR_STRUCT_LAYOUT"]], stdout=subprocess.PIPE,
                             text=True, check=True).stdout
        layout = dict(line.split() for line in out.splitlines())
        for name, cls in _capi.STRUCTS.items():
            with self.subTest(struct=name):
                self.assertEqual(int(layout[name]), ctypes.sizeof(cls))
                for field, _ in cls._fields_:
                    self.assertEqual(int(layout["%s.%s" % (name, field)]),
                                     getattr(cls, field).offset, field)
        self.assertEqual(len(layout), len(_capi.STRUCTS) + sum(
            len(c._fields_) for c in _capi.STRUCTS.values()))

    def test_struct_size_is_set(self):
        for cls in _capi.STRUCTS.values():
            self.assertEqual(_capi.new(cls).struct_size, ctypes.sizeof(cls))


def read_rows(name):
    with open(support.data(name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class RulesLiveTest(unittest.TestCase):
    rules = mhpbr.Rules.default()

    def test_cluster_facts(self):
        c3 = self.rules.cluster(3)
        self.assertEqual((c3.cluster, c3.superclass, c3.review_unit), (3, "non-psychotic",
                                                                       "months"))
        self.assertEqual(c3.review_count, 6)
        self.assertEqual(c3.review_days, 183)  # 6 x 365 / 12 = 182.5 -> 183
        self.assertTrue(c3.name)
        c14 = self.rules.cluster(14)
        self.assertEqual((c14.review_unit, c14.review_days),
                         ("weeks", 7 * c14.review_count))
        self.assertEqual(self.rules.cluster(0).superclass, "variance")
        with self.assertRaises(mhpbr.InvalidArgument):
            self.rules.cluster(9)

    def test_review_due(self):
        # Cluster 3 from 31 Jan: due 6 months on, 31 Jul; on 31 Mar 2024 the
        # review is 244 days overdue.
        r = self.rules.review_due(3, "2023-01-31", datetime.date(2024, 3, 31))
        self.assertEqual(r, mhpbr.Review(datetime.date(2023, 7, 31), 244))
        self.assertEqual(self.rules.review_due(3, 20230131, 20230601).overdue_days, 0)
        # Months clamp to the month's end: 31 Aug + 6 months = 29 Feb 2024.
        self.assertEqual(self.rules.review_due(3, "2023-08-31", "2023-09-01").review_due,
                         datetime.date(2024, 2, 29))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            self.rules.review_due(3, "2023-02-29", AS_OF)
        self.assertIn("since", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument):
            self.rules.review_due(3, AS_OF, "2023-01-01")  # as_of before since
        with self.assertRaises(mhpbr.InvalidArgument):
            self.rules.review_due(3, "31/01/2023", AS_OF)

    def test_review_due_is_the_periods(self):
        events = read_rows("events.csv")
        response = mhpbr.periods_build(as_of=AS_OF, events=[
            {"patient_id": e["patient_id"], "date": e["date"], "kind": e["event"].upper(),
             "cluster": int(e["cluster"] or 0)} for e in events])
        checked = 0
        for p in response.periods:
            if p.reviews or p.cluster == 0:
                continue  # due from the last review, which the response does not give
            r = self.rules.review_due(p.cluster, p.start, p.end or AS_OF)
            self.assertEqual((r.review_due.isoformat(), r.overdue_days),
                             (p.review_due, p.overdue_days), p)
            checked += 1
        self.assertGreater(checked, 5)

    def test_transitions(self):
        # The default rule set allows every move.
        self.assertTrue(self.rules.transition_allowed(1, 21))
        text = "rows { from: 1 to: [1, 2] }\nrows { from: 2 to: [3] }\n"
        from mhpbr.v1 import rule_set_pb2
        table = rule_set_pb2.TransitionTable()
        table.rows.add(to=[1, 2]).__setattr__("from", 1)
        table.rows.add(to=[3]).__setattr__("from", 2)
        with tempfile.NamedTemporaryFile("w", suffix=".textproto") as f:
            f.write(text)
            f.flush()
            for t in (mhpbr.Transitions(text), mhpbr.Transitions(table),
                      mhpbr.Transitions.from_file(f.name)):
                self.assertTrue(t.allowed(1, 2))
                self.assertFalse(t.allowed(1, 3))
                self.assertTrue(t.allowed(2, 2))   # staying
                self.assertTrue(t.allowed(5, 0))   # to cluster 0
                self.assertTrue(t.allowed(0, 7))   # from cluster 0
                self.assertFalse(t.allowed(5, 6))  # no row: stay or 0 only
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.Transitions("rows { from: ")
        with self.assertRaises(mhpbr.NotFound):
            mhpbr.Transitions.from_file("/nonexistent/transitions.textproto")
        with self.assertRaises(mhpbr.InvalidArgument):
            self.rules.transition_allowed(1, 9)

    def test_missing_call_is_unimplemented(self):
        saved, _capi.rules_cluster = _capi.rules_cluster, None
        try:
            with self.assertRaises(mhpbr.Unimplemented) as cm:
                self.rules.cluster(1)
            self.assertIn("mhpbr_rules_cluster", str(cm.exception))
        finally:
            _capi.rules_cluster = saved


@support.need_tool
class TariffLiveTest(unittest.TestCase):
    def test_each_period_priced_as_the_tool_prices_it(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "statement.csv")
            support.run_tool("price", "--periods", support.data("periods.csv"), "--tariff",
                             support.data("tariff.csv"), "--contract",
                             support.data("contract.textproto"), "--out", out)
            header, rows = support.read_csv_rows(out)
        statement = {(r[0], r[1], r[2]): dict(zip(header, r)) for r in rows}
        with open(support.data("contract.textproto"), encoding="utf-8") as f:
            contract = f.read()
        with open(support.data("tariff.csv"), encoding="utf-8") as f:
            tariff_csv = f.read()
        tariffs = (mhpbr.Tariff.from_files(support.data("contract.textproto"),
                                           support.data("tariff.csv")),
                   mhpbr.Tariff(contract, tariff_csv, rules=mhpbr.Rules.default()))
        priced = 0
        for p in read_rows("periods.csv"):
            for tariff in tariffs:
                pay = tariff.price_period(int(p["cluster"]), p["start"], p["end"] or None)
                line = statement.get((p["patient_id"], p["cluster"], p["start"]))
                if line is None:
                    self.assertEqual(pay.status, "outside_year")
                    self.assertEqual(pay.amount_pence, 0)
                    continue
                self.assertEqual(pay.status, line["status"])
                self.assertEqual(pay.basis or "", line["basis"])
                self.assertEqual(str(pay.days_in_year), line["days_in_year"])
                self.assertEqual(str(pay.units), line["units"])
                self.assertEqual(str(pay.amount_pence), line["amount_pence"])
                self.assertEqual(str(pay.social_care_pence), line["social_care_pence"])
                self.assertEqual(pay.mff_ppm, 1085430)
                priced += 1
        self.assertGreater(priced, 10)

    def test_errors(self):
        tariff = mhpbr.Tariff.from_files(support.data("contract.textproto"),
                                         support.data("tariff.csv"))
        with self.assertRaises(mhpbr.InvalidArgument):
            tariff.price_period(3, "2023-06-01", "2023-05-01")
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            tariff.price_period(3, "2023-06-31")
        self.assertIn("start", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.Tariff("mff_ppm: ", "cluster,basis,price_pence\n")
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.Tariff("", "cluster,basis,price_pence\n3,fortnight,1\n")


@support.need_tool
class CosterLiveTest(unittest.TestCase):
    def test_costs_and_totals_are_the_tools(self):
        with tempfile.TemporaryDirectory() as tmp:
            out, summary = os.path.join(tmp, "cost.csv"), os.path.join(tmp, "summary.csv")
            support.run_tool("cost", "--periods", support.data("periods.csv"), "--activity",
                             support.data("activity.csv"), "--unit-costs",
                             support.UNIT_COSTS, "--as-of", AS_OF, "--out", out,
                             "--summary", summary)
            header, rows = support.read_csv_rows(out)
            _, kv = support.read_csv_rows(summary)
        tool = {(r[0], r[2]): dict(zip(header, r)) for r in rows}
        periods = [mhpbr.Period(int(p["cluster"]), p["start"], p["end"] or None,
                                p["patient_id"]) for p in read_rows("periods.csv")]
        activity = [mhpbr.Activity(
            patient_id=a["patient_id"], date=a["date"], kind=a["kind"],
            staff_group=a["staff_group"], ward=a["ward"], activity_id=a["activity_id"],
            minutes=a["minutes"], count=a["count"], attendees=a["attendees"],
            cost_pence=a["cost_pence"]) for a in read_rows("activity.csv")]
        with open(support.UNIT_COSTS, encoding="utf-8") as f:
            text = f.read()
        one = mhpbr.Coster(text, periods, AS_OF)
        batch = mhpbr.Coster.from_file(support.UNIT_COSTS, periods, AS_OF)
        rejected = 0
        for a in activity:
            try:
                one.add(a)
            except mhpbr.InvalidArgument:
                rejected += 1
        attributions = batch.add_batch(activity, errors="keep")
        self.assertEqual(sum(a.where == "rejected" for a in attributions), rejected)
        self.assertTrue(all(a.status != 0 for a in attributions if a.where == "rejected"))
        for coster in (one, batch):
            for i, p in enumerate(periods):
                got = coster.period(i)
                want = tool[(p.patient_id, p.start)]
                self.assertEqual((str(got.cluster), str(got.days), str(got.records),
                                  str(got.cost_pence)),
                                 (want["cluster"], want["days"], want["records"],
                                  want["cost_pence"]))
            totals = coster.totals()
            for key, value in kv:
                self.assertEqual(str(getattr(totals, key)), value, key)
            by_cluster = coster.cluster(3)
            self.assertEqual(by_cluster.cost_pence, sum(
                int(r["cost_pence"]) for r in tool.values() if r["cluster"] == "3"))
        with self.assertRaises(mhpbr.InvalidArgument):
            batch.add_batch(activity)  # the bad records again: raises, after adding
        self.assertEqual(batch.totals().records_read, 2 * len(activity))

    def test_attribution_and_errors(self):
        coster = mhpbr.Coster.from_file(support.UNIT_COSTS, [
            mhpbr.Period(1, "2023-04-01", "2023-04-30", "P1"),
            {"cluster": 2, "start": "2023-05-01", "patient_id": "P1"}], AS_OF)
        self.assertEqual(coster.add({"patient_id": "P1", "date": "2023-04-02",
                                     "kind": "other", "cost_pence": 100}).period, 0)
        self.assertEqual(coster.add(mhpbr.Activity("P1", datetime.date(2024, 1, 1),
                                                   "other", cost_pence=1)).period, 1)
        self.assertEqual(coster.add(mhpbr.Activity("P1", "2023-03-01", "other",
                                                   cost_pence=1)).where, "unclustered")
        self.assertEqual(coster.add(mhpbr.Activity("P2", "2023-04-02", "other",
                                                   cost_pence=1)).where, "unknown_patient")
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            coster.add(mhpbr.Activity("P1", "2023-04-02", "contact", "no-such-group", 5))
        self.assertIn("no-such-group", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument):
            coster.add(mhpbr.Activity("P1", "2023-04-02", "telepathy"))
        totals = coster.totals()
        self.assertEqual((totals.records_read, totals.records_rejected), (5, 1))
        with self.assertRaises(mhpbr.OutOfRange):
            coster.period(2)
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.Coster.from_file(support.UNIT_COSTS, [
                mhpbr.Period(1, "2023-04-30", "2023-04-01", "P1")], AS_OF)
        self.assertIn("periods[0]", str(cm.exception))


@support.need_tool
class CatalogueLiveTest(unittest.TestCase):
    def test_template_costs_are_the_tools(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "cost.csv")
            support.run_tool("package", "cost", "--out", out)
            _, rows = support.read_csv_rows(out)
        for catalogue in (mhpbr.Catalogue(), mhpbr.Catalogue.from_files()):
            for r in rows:
                c = catalogue.template_cost(int(r[0]))
                self.assertEqual([str(c.cluster), str(c.core_pence), str(c.essential_pence),
                                  str(c.variance_pence), str(c.total_pence)], r)

    def test_elements_are_the_catalogues(self):
        from mhpbr.v1 import care_package_pb2
        catalogue = mhpbr.read_textproto(
            os.path.join(support.SOURCE_DIR, "lib", "rules", "example_catalogue.textproto"),
            care_package_pb2.PackageCatalogue)
        live = mhpbr.Catalogue(catalogue)
        tiers = {care_package_pb2.PackageElement.CORE: "core",
                 care_package_pb2.PackageElement.ESSENTIAL: "essential",
                 care_package_pb2.PackageElement.VARIANCE: "variance"}
        for template in catalogue.templates:
            want = sorted(((tiers[e.tier], e.id) for e in template.elements),
                          key=lambda x: ["core", "essential", "variance"].index(x[0]))
            got = live.elements(template.cluster)
            self.assertEqual([(e.tier, e.id) for e in got], want)
            for e in got:
                self.assertEqual(e.cluster, template.cluster)
                if e.tier == "core":
                    self.assertEqual(e.share_ppm, 1000000)
                    self.assertEqual(e.expected_cost_pence, e.cost_pence)

    def test_errors(self):
        text = ('source: "test" templates { cluster: 1 elements { id: "a" name: "A" '
                'tier: CORE setting: COMMUNITY staff_group: "pwp" contacts_per_period: 1 '
                'minutes_per_contact: 60 } }')
        catalogue = mhpbr.Catalogue(text)
        self.assertEqual([e.id for e in catalogue.elements(1)], ["a"])
        with self.assertRaises(mhpbr.NotFound):
            catalogue.elements(2)
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.Catalogue(text.replace('"pwp"', '"nobody"'))
        with self.assertRaises(mhpbr.NotFound):
            mhpbr.Catalogue.from_files("/nonexistent/catalogue.textproto")


if __name__ == "__main__":
    unittest.main()
