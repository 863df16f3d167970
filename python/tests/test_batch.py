"""The batch calls: protoc's mhpbr.v1 messages in and out through the C
API's serialized-protobuf calls."""

import csv
import json
import os
import tempfile
import unittest

import mhpbr
import support
from mhpbr.v1 import (care_package_pb2, costing_pb2, periods_pb2, pricing_pb2,
                      rule_set_pb2)

EVENTS = [
    {"patient_id": "P1", "date": "2023-01-31", "kind": "ALLOCATE", "cluster": 3},
    {"patient_id": "P1", "date": "2023-05-01", "kind": "ALLOCATE", "cluster": 4},
    {"patient_id": "P1", "date": "2023-06-30", "kind": "DISCHARGE"},
    {"patient_id": "P2", "date": "2024-01-31", "kind": "ALLOCATE", "cluster": 14},
    {"patient_id": "P3", "date": "2023-05-01", "kind": "DISCHARGE"},
]


class GeneratedModulesTest(unittest.TestCase):
    def test_protoc_modules_match_the_proto_files(self):
        # The messages come from proto/mhpbr/v1, not from copied field
        # numbers: every .proto there has its module, with its own name.
        protos = sorted(n[:-len(".proto")] for n in os.listdir(
            os.path.join(support.SOURCE_DIR, "proto", "mhpbr", "v1")) if n.endswith(".proto"))
        import importlib
        for name in protos:
            module = importlib.import_module("mhpbr.v1.%s_pb2" % name)
            self.assertEqual(module.DESCRIPTOR.name, "mhpbr/v1/%s.proto" % name)
            self.assertEqual(module.DESCRIPTOR.package, "mhpbr.v1")
        self.assertEqual(pricing_pb2.Contract.DESCRIPTOR.fields_by_name["mff_ppm"].number, 2)


class PeriodsTest(unittest.TestCase):
    def check_response(self, out):
        self.assertIsInstance(out, periods_pb2.PeriodResponse)
        p = out.periods
        self.assertEqual([(x.patient_id, x.cluster) for x in p],
                         [("P1", 3), ("P1", 4), ("P2", 14)])
        # Cluster 3 from 31 Jan to 30 Apr: 90 days; review due 6 months on,
        # 31 Jul (31 Jan + 6 months).
        self.assertEqual(p[0].end, "2023-04-30")
        self.assertEqual(p[0].days, 90)
        self.assertEqual(p[0].review_due, "2023-07-31")
        # Cluster 14 (4 weeks) open from 31 Jan 2024 to the as-of date:
        # 61 days (2024 is a leap year); due 28 Feb, 32 days overdue.
        self.assertEqual(p[2].end, "")
        self.assertEqual(p[2].days, 61)
        self.assertEqual(p[2].review_due, "2024-02-28")
        self.assertEqual(p[2].overdue_days, 32)
        self.assertEqual(len(out.errors), 1)
        self.assertEqual(out.errors[0].patient_id, "P3")
        self.assertEqual(out.errors[0].line, 5)
        self.assertIn("no open cluster period", out.errors[0].reason)
        self.assertEqual(out.all.periods, 3)

    def test_request_as_message_dict_fields_or_bytes(self):
        message = periods_pb2.PeriodRequest(as_of="2024-03-31")
        for e in EVENTS:
            message.events.add(**e)
        as_dict = {"as_of": "2024-03-31", "events": EVENTS}
        for out in (mhpbr.periods_build(message),
                    mhpbr.periods_build(message, rules=mhpbr.Rules.default()),
                    mhpbr.periods_build(as_dict),
                    mhpbr.periods_build(as_of="2024-03-31", events=EVENTS),
                    mhpbr.periods_build(message.SerializeToString())):
            self.check_response(out)

    def test_trusts_transitions(self):
        table = rule_set_pb2.TransitionTable()
        table.rows.add(to=[3]).__setattr__("from", 3)  # 3 may only stay
        out = mhpbr.periods_build(as_of="2024-03-31", events=EVENTS, transitions=table)
        self.assertEqual([x.transition_ok for x in out.periods], [True, False, True])

    def test_errors(self):
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.periods_build(as_of="2023-02-29")
        self.assertIn("as_of", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.periods_build(b"\xff\xff not protobuf")
        with self.assertRaises(TypeError):
            mhpbr.periods_build(pricing_pb2.PriceRequest())
        with self.assertRaises(TypeError):
            mhpbr.periods_build(periods_pb2.PeriodRequest(), as_of="2024-03-31")
        with self.assertRaises(TypeError):
            mhpbr.periods_build(periods_pb2.PeriodRequest(), rules="default")


class PriceTest(unittest.TestCase):
    CONTRACT = pricing_pb2.Contract(
        year_start="2023-04-01", mff_ppm=1000000, partial_period=pricing_pb2.PRO_RATA,
        social_care=pricing_pb2.DECOUPLED, baseline_pence=1000000,
        risk_bands=[pricing_pb2.RiskBand(to_pct=-5, rate_ppm=0),
                    pricing_pb2.RiskBand(from_pct=-5, to_pct=5, rate_ppm=1000000),
                    pricing_pb2.RiskBand(from_pct=5, rate_ppm=500000)])

    def request(self):
        return pricing_pb2.PriceRequest(
            contract=self.CONTRACT,
            tariff=pricing_pb2.TariffSchedule(entries=[
                pricing_pb2.TariffEntry(cluster=3, basis=pricing_pb2.BASIS_DAY,
                                        price_pence=10000, social_care_ppm=100000),
                pricing_pb2.TariffEntry(cluster=14, basis=pricing_pb2.BASIS_YEAR,
                                        price_pence=365000)]),
            periods=[pricing_pb2.PeriodToPrice(patient_id="P1", cluster=3,
                                               start="2023-05-01", end="2023-07-29"),
                     pricing_pb2.PeriodToPrice(patient_id="P2", cluster=14,
                                               start="2024-03-01"),
                     pricing_pb2.PeriodToPrice(patient_id="P3", cluster=0,
                                               start="2023-05-01")],
            one_offs=[pricing_pb2.OneOff(item="ect", count=2, price_pence=150000)])

    def test_statement_to_the_penny(self):
        st = mhpbr.price(self.request())
        self.assertIsInstance(st, pricing_pb2.Statement)
        lines = st.lines
        self.assertTrue(lines[0].one_off)
        self.assertEqual(lines[0].amount_pence, 300000)
        self.assertEqual(lines[0].cluster, -1)
        # 90 days at 100.00 a day; 10% social care.
        self.assertEqual(lines[1].amount_pence, 900000)
        self.assertEqual(lines[1].social_care_pence, 90000)
        # 365000 a year * 31 days / 366 days = 30915.3 -> 30915.
        self.assertEqual(lines[2].amount_pence, 30915)
        self.assertEqual(lines[3].status, pricing_pb2.UNPRICED)
        t = st.totals
        self.assertEqual(t.activity_pence, 300000 + 900000 + 30915)
        # A = 1.230915 B: 5% at full rate, the rest above +5% at half:
        # 1000000 + 50000 + (1230915 - 1050000) / 2 = 1140457.5 -> 1140458.
        self.assertEqual(t.risk_shared_pence, 1140458)
        self.assertEqual(t.payment_pence, 1140458)
        self.assertEqual(t.social_care_pence, 90000)
        self.assertTrue(st.decoupled)

    def test_contract_from_text_format(self):
        contract = mhpbr.read_textproto(support.data("contract.textproto"),
                                        pricing_pb2.Contract)
        self.assertEqual(contract.mff_ppm, 1085430)
        self.assertEqual(contract.partial_period, pricing_pb2.PRO_RATA)
        self.assertEqual(len(contract.outcomes), 2)
        with tempfile.NamedTemporaryFile("w", suffix=".textproto") as f:
            f.write("mff_ppm: 1\nno_such_field: 2\n")
            f.flush()
            with self.assertRaises(mhpbr.InvalidArgument) as cm:
                mhpbr.read_textproto(f.name, pricing_pb2.Contract)
            self.assertIn(":2:", str(cm.exception))

    def test_invalid_contract_names_field(self):
        request = self.request()
        del request.contract.risk_bands[:]
        request.contract.risk_bands.add(to_pct=0, rate_ppm=0)
        request.contract.risk_bands.add(from_pct=1, rate_ppm=0)
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.price(request)
        self.assertIn("risk_bands[1]", str(cm.exception))

    def test_overflow_is_out_of_range(self):
        request = self.request()
        request.one_offs[0].count = 2 ** 40
        request.one_offs[0].price_pence = 10 ** 12
        with self.assertRaises(mhpbr.OutOfRange) as cm:
            mhpbr.price(request)
        self.assertEqual(cm.exception.code_name, "OUT_OF_RANGE")


def unit_costs():
    return mhpbr.read_textproto(support.UNIT_COSTS, costing_pb2.UnitCosts)


class CostAndTariffTest(unittest.TestCase):
    def test_cost_then_tariffs(self):
        costs = unit_costs()
        staff = costs.staff[0]
        request = costing_pb2.CostRequest(
            unit_costs=costs, as_of="2024-03-31",
            periods=[pricing_pb2.PeriodToPrice(patient_id="P1", cluster=3,
                                               start="2023-05-01", end="2023-05-10")],
            activity=[
                costing_pb2.ActivityRecord(activity_id="a1", patient_id="P1",
                                           date="2023-05-02", kind=costing_pb2.CONTACT,
                                           staff_group=staff.code, minutes=60),
                costing_pb2.ActivityRecord(activity_id="a2", patient_id="P1",
                                           date="2023-06-02", kind=costing_pb2.OTHER,
                                           cost_pence=1000),
                costing_pb2.ActivityRecord(activity_id="a3", patient_id="P9",
                                           date="2023-05-02", kind=costing_pb2.OTHER,
                                           cost_pence=500),
                costing_pb2.ActivityRecord(activity_id="bad", patient_id="P1",
                                           date="2023-05-02", kind=costing_pb2.CONTACT,
                                           staff_group="no-such-group", minutes=5),
            ])
        out = mhpbr.cost(request)
        self.assertIsInstance(out, costing_pb2.CostResponse)
        overhead = costs.overhead_ppm

        def full(direct):  # direct x (1e6 + overhead) / 1e6, half away from zero
            n, d = direct * (1000000 + overhead), 1000000
            return (2 * n + d) // (2 * d)
        contact = full(staff.pence_per_hour)  # an hour at the staff rate
        self.assertEqual(len(out.periods), 1)
        self.assertEqual(out.periods[0].days, 10)
        self.assertEqual(out.periods[0].records, 1)
        self.assertEqual(out.periods[0].cost_pence, contact)
        self.assertEqual(out.records_read, 4)
        self.assertEqual(out.records_rejected, 1)
        self.assertEqual(out.unclustered_records, 2)
        self.assertEqual(out.unknown_patient_records, 1)
        self.assertEqual(out.unclustered_pence, full(1000) + full(500))
        self.assertEqual(out.total_pence, contact + full(1000) + full(500))
        self.assertEqual([(e.line, e.id) for e in out.errors], [(4, "bad")])
        self.assertIn("no-such-group", out.errors[0].reason)

        # Tariffs from ten periods of cluster 3 at 100-109 p a day.
        samples = [costing_pb2.CostSample(cluster=3, days=10, cost_pence=1000 + 10 * i)
                   for i in range(10)]
        tariffs = mhpbr.set_tariffs(samples=samples,
                                    settings={"basis": pricing_pb2.BASIS_DAY})
        self.assertIsInstance(tariffs, costing_pb2.TariffResponse)
        entry = tariffs.schedule.entries[0]
        # Base = 10450 p over 100 days = 104.5 -> 105 p a day.
        self.assertEqual((entry.cluster, entry.basis, entry.price_pence),
                         (3, pricing_pb2.BASIS_DAY, 105))
        ev = tariffs.evidence[0]
        self.assertEqual((ev.cluster, ev.periods, ev.used), (3, 10, 10))
        self.assertEqual(ev.status, costing_pb2.EVIDENCE_PRICED)
        self.assertEqual(ev.price_day_pence, 105)

    def test_errors(self):
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.cost(as_of="2024-03-31", unit_costs=unit_costs(), periods=[
                pricing_pb2.PeriodToPrice(patient_id="P1", cluster=3,
                                          start="2023-05-10", end="2023-05-01")])
        self.assertIn("end is before start", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.set_tariffs(settings=costing_pb2.TariffSettings(iqr_k="x"))
        self.assertIn("iqr_k", str(cm.exception))


class PackageTest(unittest.TestCase):
    @support.need_tool
    def test_package_cost_is_the_tools(self):
        out = mhpbr.package_cost()
        self.assertIsInstance(out, care_package_pb2.PackageCostResponse)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "cost.csv")
            support.run_tool("package", "cost", "--out", path)
            header, rows = support.read_csv_rows(path)
        self.assertEqual(header, ["cluster", "core_pence", "essential_pence",
                                  "variance_pence", "total_pence"])
        self.assertEqual([[str(c.cluster), str(c.core_pence), str(c.essential_pence),
                           str(c.variance_pence), str(c.total_pence)] for c in out.costs],
                         rows)
        # The same catalogue given explicitly, with other unit costs.
        costs = unit_costs()
        for s in costs.staff:
            s.pence_per_hour *= 2
        doubled = mhpbr.package_cost(unit_costs=costs)
        self.assertGreater(doubled.costs[1].total_pence, out.costs[1].total_pence)

    @support.need_tool
    def test_package_plan_is_the_tools(self):
        plan = mhpbr.read_textproto(support.data("plan.textproto"),
                                    care_package_pb2.PersonalPlan)
        # Without the record of an impossible date, which the tool rejects on
        # reading.
        activity = [a for a in activity_records() if a.activity_id != "A00124"]
        out = mhpbr.package_plan(plan=plan, activity=activity, as_of="2024-03-31")
        self.assertIsInstance(out, care_package_pb2.PlanResponse)
        with tempfile.TemporaryDirectory() as tmp:
            planned, summary, delivered = (os.path.join(tmp, n) for n in
                                           ("plan.csv", "summary.csv", "delivered.csv"))
            support.run_tool("package", "plan", "--plan", support.data("plan.textproto"),
                             "--out", planned, "--summary", summary)
            support.run_tool("package", "delivered", "--plan",
                             support.data("plan.textproto"), "--activity",
                             support.data("activity.csv"), "--as-of", "2024-03-31",
                             "--out", delivered)
            header, rows = support.read_csv_rows(planned)
            self.assertEqual([(e.element.id, str(e.planned_pence), "added" if e.added
                               else "template") for e in out.elements],
                             [(r[header.index("element_id")], r[header.index("planned_pence")],
                               r[header.index("origin")]) for r in rows])
            _, kv = support.read_csv_rows(summary)
            self.assertEqual(str(out.notional_budget_pence),
                             dict(kv)["notional_budget_pence"])
            header, rows = support.read_csv_rows(delivered)
            self.assertEqual([[str(getattr(d, h)) for h in header] for d in out.delivery],
                             rows)

    def test_bad_catalogue(self):
        catalogue = care_package_pb2.PackageCatalogue(source="test")
        t = catalogue.templates.add(cluster=9)
        t.elements.add(id="x", tier=care_package_pb2.PackageElement.CORE)
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.package_cost(catalogue=catalogue)
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.package_plan(plan={"patient_id": "P1", "cluster": 9})


def activity_records():
    """examples/data/activity.csv as mhpbr.v1.ActivityRecord, cells as
    written (the library judges them)."""
    out = []
    for row in support_rows("activity.csv"):
        kind = row["kind"].upper()
        out.append(costing_pb2.ActivityRecord(
            activity_id=row["activity_id"], patient_id=row["patient_id"], date=row["date"],
            kind=costing_pb2.ActivityKind.Value(kind) if kind in costing_pb2.ActivityKind.keys()
            else costing_pb2.ACTIVITY_KIND_UNSPECIFIED,
            staff_group=row["staff_group"], ward=row["ward"], team=row["team"],
            **{k: int(row[k] or 0) for k in ("minutes", "count", "attendees", "cost_pence")}))
    return out


def support_rows(name):
    with open(name if os.path.isabs(name) else support.data(name), newline="",
              encoding="utf-8") as f:
        return list(csv.DictReader(f))


def report_request(assessments="assessments.csv"):
    """examples/data as a mhpbr.v1.ReportRequest, as `mhpbr report` reads
    the same files."""
    from mhpbr.v1 import assessment_pb2
    from mhpbr.v1 import report_pb2
    request = report_pb2.ReportRequest(as_of="2024-03-31", unit_costs=unit_costs(),
                                       no_html=True)
    for p in support_rows("periods.csv"):
        request.periods.add(patient_id=p["patient_id"], cluster=int(p["cluster"]),
                            start=p["start"], end=p["end"])
    request.activity.extend(activity_records())
    answers = {"": assessment_pb2.ANSWER_UNSPECIFIED, "n": assessment_pb2.NO,
               "y": assessment_pb2.YES}
    for a in support_rows(assessments):
        m = request.assessments.add(assessment_id=a["assessment_id"],
                                    patient_id=a["patient_id"], date=a["date"],
                                    organic=answers[a["organic"]],
                                    psychosis=answers[a["psychosis"]])
        for column, value in a.items():
            if column.startswith("r") and column[1:].upper() in mhpbr.ITEMS + mhpbr.ITEM8_TYPES \
                    and value != "":
                m.ratings.add(item=column[1:].upper(), rating=int(value))
        if a["allocated_cluster"]:
            m.allocated_cluster = int(a["allocated_cluster"])
    for e in support_rows("events.csv"):
        request.events.add(patient_id=e["patient_id"], date=e["date"],
                           kind=periods_pb2.EventKind.Value(e["event"].upper()),
                           cluster=int(e["cluster"] or 0))
    return request


@unittest.skipIf(mhpbr._capi.report_build is None, "this libmhpbr has no mhpbr_report_build")
class ReportTest(unittest.TestCase):
    @support.need_tool
    def test_tables_are_the_tools(self):
        with tempfile.TemporaryDirectory() as tmp:
            # Every row, the bad ones too: the library rejects what the
            # tool rejects.
            assessments = support.data("assessments.csv")
            response = mhpbr.report_build(report_request(assessments))
            self.assertEqual(response.html, "")  # no_html
            rejects = os.path.join(tmp, "rejects.csv")
            support.run_tool("report", "--periods", support.data("periods.csv"),
                             "--activity", support.data("activity.csv"), "--unit-costs",
                             support.UNIT_COSTS, "--as-of", "2024-03-31", "--assessments",
                             assessments, "--events",
                             support.data("events.csv"), "--out",
                             os.path.join(tmp, "report.html"), "--csv-dir", tmp,
                             "--rejects", rejects)
            self.assertTrue(response.tables)
            for table in response.tables:
                with self.subTest(table=table.name):
                    header, rows = support.read_csv_rows(os.path.join(tmp, table.name))
                    self.assertEqual(list(table.columns), header)
                    self.assertEqual([list(r.cells) for r in table.rows], rows)
            _, rows = support.read_csv_rows(rejects)
        self.assertEqual(sorted(e.id for e in response.errors), sorted(r[1] for r in rows))
        with_html = report_request()
        with_html.no_html = False
        self.assertIn("<svg", mhpbr.report_build(with_html).html)

    def test_errors(self):
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.report_build(as_of="2024-02-30")
        self.assertIn("as_of", str(cm.exception))


class JsonTest(unittest.TestCase):
    """The *_json calls: protobuf's JSON mapping, dicts in and out."""

    def test_same_answers_as_protobuf(self):
        from google.protobuf import json_format

        def as_dict(message):
            return json_format.MessageToDict(message, preserving_proto_field_name=True,
                                             including_default_value_fields=True)
        request = {"as_of": "2024-03-31", "events": EVENTS}
        cases = [(mhpbr.periods_build_json, mhpbr.periods_build, request),
                 (mhpbr.package_cost_json, mhpbr.package_cost, {}),
                 (mhpbr.price_json, mhpbr.price,
                  json_format.MessageToDict(PriceTest().request(),
                                            preserving_proto_field_name=True)),
                 (mhpbr.set_tariffs_json, mhpbr.set_tariffs,
                  {"samples": [{"cluster": 3, "days": 10, "cost_pence": 1000 + i}
                               for i in range(10)]})]
        if mhpbr._capi.report_build is not None:
            report = report_request()
            del report.assessments[:]
            cases.append((mhpbr.report_build_json, mhpbr.report_build,
                          json_format.MessageToDict(report, preserving_proto_field_name=True)))
        for json_call, call, req in cases:
            with self.subTest(call=call.__name__):
                self.assertEqual(json_call(req), as_dict(call(req)))
        self.assertEqual(mhpbr.periods_build_json(as_of="2024-03-31", events=EVENTS),
                         mhpbr.periods_build_json(json.dumps(request)))

    def test_errors(self):
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.periods_build_json({"as_of": "2023-02-29"})
        self.assertIn("as_of", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument) as cm:
            mhpbr.price_json({"no_such_field": 1})
        self.assertIn("no_such_field", str(cm.exception))
        with self.assertRaises(mhpbr.InvalidArgument):
            mhpbr.cost_json("{not json")


if __name__ == "__main__":
    unittest.main()


@unittest.skipIf(mhpbr._capi.outcomes_measure is None,
                 "this libmhpbr has no mhpbr_outcomes_measure")
class OutcomesTest(unittest.TestCase):
    """mhpbr.outcomes_measure gives the indicators `mhpbr outcomes` writes."""

    @support.need_tool
    def test_indicators_are_the_tools(self):
        import csv
        data = os.path.join(support.SOURCE_DIR, "tests", "data", "outcomes")
        request = {"as_of": "2023-12-31", "events": [], "assessments": [],
                   "activity": []}
        with open(os.path.join(data, "events.csv"), encoding="utf-8") as f:
            for e in csv.DictReader(f):
                event = {"patient_id": e["patient_id"], "date": e["date"],
                         "kind": e["event"].upper()}
                if e["cluster"]:
                    event["cluster"] = int(e["cluster"])
                request["events"].append(event)
        with open(os.path.join(data, "assessments.csv"), encoding="utf-8") as f:
            for a in csv.DictReader(f):
                ratings = []
                for column, value in a.items():
                    item = column[1:].upper()
                    if column.startswith("r") and value != "" and \
                            item in mhpbr.ITEMS + mhpbr.ITEM8_TYPES:
                        ratings.append({"item": item, "rating": int(value)})
                request["assessments"].append(
                    {"assessment_id": a["assessment_id"],
                     "patient_id": a.get("patient_id", ""),
                     "date": a["date"], "ratings": ratings})
        with open(os.path.join(data, "activity.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                record = {"activity_id": r["activity_id"],
                          "patient_id": r["patient_id"], "date": r["date"],
                          "kind": r["kind"].upper()}
                if r["count"]:
                    record["count"] = r["count"]
                if r["minutes"]:
                    record["minutes"] = r["minutes"]
                record["staff_group"] = r["staff_group"]
                record["ward"] = r["ward"]
                request["activity"].append(record)
        response = mhpbr.outcomes_measure_json(request)
        with tempfile.TemporaryDirectory() as tmp:
            indicators = os.path.join(tmp, "indicators.csv")
            support.run_tool("outcomes", "--events", os.path.join(data, "events.csv"),
                             "--assessments", os.path.join(data, "assessments.csv"),
                             "--activity", os.path.join(data, "activity.csv"),
                             "--as-of", "2023-12-31", "--indicators", indicators)
            _, rows = support.read_csv_rows(indicators)
        got = [[m["indicator"], str(m["numerator"]), str(m["denominator"]),
                str(m.get("value_ppm", ""))] for m in response["indicators"]]
        self.assertEqual(got, rows)

    @support.need_tool
    def test_fair_comparison_is_the_tools(self):
        import csv
        data = os.path.join(support.SOURCE_DIR, "tests", "data", "outcomes")
        request = {"as_of": "2023-12-31", "unit_column": "team", "events": [],
                   "assessments": []}
        with open(os.path.join(data, "units_events.csv"), encoding="utf-8") as f:
            for e in csv.DictReader(f):
                event = {"patient_id": e["patient_id"], "date": e["date"],
                         "kind": e["event"].upper(), "team": e["team"]}
                if e["cluster"]:
                    event["cluster"] = int(e["cluster"])
                request["events"].append(event)
        with open(os.path.join(data, "units_assessments.csv"),
                  encoding="utf-8") as f:
            for a in csv.DictReader(f):
                ratings = [{"item": column[1:].upper(), "rating": int(value)}
                           for column, value in a.items()
                           if column.startswith("r") and value != "" and
                           column[1:].upper() in mhpbr.ITEMS + mhpbr.ITEM8_TYPES]
                request["assessments"].append(
                    {"assessment_id": a["assessment_id"],
                     "patient_id": a["patient_id"], "date": a["date"],
                     "ratings": ratings})
        response = mhpbr.outcomes_measure_json(request)
        with tempfile.TemporaryDirectory() as tmp:
            by_unit = os.path.join(tmp, "by_unit.csv")
            support.run_tool("outcomes", "--events",
                             os.path.join(data, "units_events.csv"),
                             "--assessments",
                             os.path.join(data, "units_assessments.csv"),
                             "--as-of", "2023-12-31", "--out",
                             os.path.join(tmp, "out.csv"), "--unit", "team",
                             "--by-unit", by_unit)
            header, rows = support.read_csv_rows(by_unit)
        # int64 comes as text; an absent reallocated_90_ppm is empty.
        got = [[str(u.get(column, "")) for column in header]
               for u in response["by_unit"]]
        self.assertEqual(got, rows)
        # T2: E = 0, so no ratio and no flag; 1 discharge, none re-referred.
        self.assertEqual(response["by_unit"][1]["flag"], "")
        self.assertEqual(response["by_unit"][1]["reallocated_90_ppm"], "0")
        self.assertEqual(response["no_unit"], "1")
