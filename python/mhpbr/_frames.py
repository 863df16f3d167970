"""pandas DataFrames in and out, with the columns of the mhpbr tool's CSV
files (README.md, "The tool"). pandas is optional: it is imported when a
frame function is called, and the rest of the package works without it.

Cells are read as a CSV reader would leave them: a missing value may be
NaN, None, pandas.NA or an empty string, a number may be a float or a
string. Out come native types: integers (nullable Int64 where the tool
leaves a cell empty), floats for fits, booleans for y/n, ISO date strings.

Rows that cannot be used are rejected: with errors="raise" (the default) the
first raises InvalidArgument naming the row, its id and the reason, with how
many there were; with errors="skip" they are left out and listed in the
result's attrs["rejects"], a DataFrame of `row` (the input's index label),
`id` and `reason`."""

import datetime
import os
import re

from . import _batch, _capi
from ._capi import InvalidArgument
from ._classify import (Assessment, Classifier, as_int, is_missing,
                        rules_or_default)

__all__ = ["classify_frame", "periods_frame", "cost_frame", "price_frame",
           "tariff_frame", "package_cost_frame", "report_frames", "spc_frame",
           "to_frame", "have_pandas"]


def have_pandas():
    """Whether pandas imports here (the frame functions need it)."""
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def _pandas(what):
    try:
        import pandas
    except ImportError as e:
        raise ImportError("mhpbr.%s needs pandas (Debian: apt install "
                          "python3-pandas; else pip install pandas)" % what) from e
    return pandas


# ---- Reading cells -----------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _text(value):
    """A cell as text: "" when missing; an identifier kept as written (an
    integral float, which a column with gaps makes of numbers, loses its
    ".0")."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _iso(value):
    """A date cell as text: a date, datetime or Timestamp as YYYY-MM-DD, a
    string as written ("" when missing). The library checks the dates it
    takes."""
    if is_missing(value):
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "to_pydatetime"):  # numpy.datetime64 via pandas
        return value.to_pydatetime().strftime("%Y-%m-%d")
    return str(value).strip()


def _checked_date(value, column):
    """A required ISO date the library is not given (an assessment's), so
    checked here as the tool checks it."""
    text = _iso(value)
    if not text:
        raise InvalidArgument("%s: required" % column)
    m = _ISO_DATE.match(text)
    if not m:
        raise InvalidArgument("%s: %r is not a date (YYYY-MM-DD)" % (column, text))
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise InvalidArgument("%s: %r is not a real calendar date" % (column, text)) from None
    return text


def _int(value, column, default=None):
    if is_missing(value):
        if default is None:
            raise InvalidArgument("%s: required" % column)
        return default
    return as_int(value, column)


def _columns(df, required, what, optional=()):
    """Maps each wanted column name to the frame's own label, found by name
    (any case, surrounding spaces ignored), as the tool finds CSV columns."""
    have = {}
    for label in df.columns:
        have.setdefault(str(label).strip().lower(), label)
    missing = [c for c in required if c not in have]
    if missing:
        raise InvalidArgument("%s: no column %s" % (what, ", ".join(missing)))
    return {c: have[c] for c in list(required) + list(optional) if c in have}


def _rows(df, cols):
    """(position, index label, {name: value}) for each row, by the wanted
    names."""
    data = {name: df[label].tolist() for name, label in cols.items()}
    for i, label in enumerate(df.index):
        yield i, label, {name: values[i] for name, values in data.items()}


class _Rejects:
    """The rejected rows of one call, by input row."""

    def __init__(self, errors):
        if errors not in ("raise", "skip"):
            raise ValueError('errors: "raise" or "skip", not %r' % (errors,))
        self.errors = errors
        self.rows = []

    def add(self, position, label, id_, reason):
        self.rows.append((position, label, id_, reason))

    def finish(self, pd, out):
        self.rows.sort(key=lambda r: r[0])  # input order
        if self.errors == "raise" and self.rows:
            _, label, id_, reason = self.rows[0]
            more = len(self.rows) - 1
            raise InvalidArgument("row %s%s: %s%s" % (
                label, " (%s)" % id_ if id_ else "", reason,
                "; and %d more rejected row%s" % (more, "s" * (more > 1)) if more else ""))
        out.attrs["rejects"] = pd.DataFrame([r[1:] for r in self.rows],
                                            columns=["row", "id", "reason"])
        return out


def _message(value, module, name, what):
    """A message of mhpbr.v1.<module>.<name> from a message, a dict in
    protobuf's JSON mapping, or a path to a text-format file."""
    cls = getattr(_batch.protobuf_module(module), name)
    if value is None:
        return cls()
    if isinstance(value, (str, os.PathLike)):
        return _batch.read_textproto(value, cls)
    if isinstance(value, dict):
        from google.protobuf import json_format
        try:
            return json_format.ParseDict(value, cls())
        except json_format.ParseError as e:
            raise InvalidArgument("%s: %s" % (what, e)) from None
    if getattr(value, "DESCRIPTOR", None) is not None and \
            value.DESCRIPTOR.full_name == cls.DESCRIPTOR.full_name:
        return value
    raise TypeError("%s: a mhpbr.v1.%s, a dict of one, or a text-format file, "
                    "not %s" % (what, name, type(value).__name__))


def _enum(value, names, column):
    text = _text(value).strip().lower()
    if text in names:
        return names[text]
    raise InvalidArgument("%s: %r is not %s" % (column, _text(value),
                                                ", ".join(sorted(names))))


def _frame(pd, columns, rows, dtypes):
    return pd.DataFrame(rows, columns=columns).astype(dtypes)


# ---- Classification ------------------------------------------------------------

_ITEM_COLUMNS = ["r%d" % i for i in range(1, 14) if i != 8] + ["r" + c for c in "abcde"]
_ITEM8_COLUMNS = ["r8"] + ["r8" + c for c in "abcdefghij"]
_CLASSIFY_OUT = ["assessment_id", "patient_id", "date", "suggested_cluster",
                 "suggested_fit", "runner_up_cluster", "runner_up_fit",
                 "superclass", "allocated_cluster", "allocation_red",
                 "red_items", "reason"]


def classify_frame(df, rules=None, *, classifier=None, errors="raise"):
    """Classifies each row of `df`, as `mhpbr classify` does a CSV file.

    Columns (by name, in any order): assessment_id, date, r1..r7, either r8
    or r8a..r8j, r9..r13, ra..re; optional patient_id, organic, psychosis
    (y/n/yes/no or booleans) and allocated_cluster. Returns one row per
    accepted input row, in input order and with its index label:
    assessment_id, patient_id, date, suggested_cluster, suggested_fit,
    runner_up_cluster, runner_up_fit, superclass, allocated_cluster,
    allocation_red, red_items (";"-joined item codes, as the tool writes
    them) and reason. `classifier` (a Classifier) or `rules` (a Rules;
    default the built-in rule set) say which rules judge."""
    pd = _pandas("classify_frame")
    if classifier is None:
        classifier = Classifier(rules_or_default(rules))
    cols = _columns(df, ["assessment_id", "date"] + _ITEM_COLUMNS, "classify_frame",
                    optional=_ITEM8_COLUMNS + ["patient_id", "organic", "psychosis",
                                               "allocated_cluster"])
    if not any(c in cols for c in _ITEM8_COLUMNS):
        raise InvalidArgument("classify_frame: no column r8 or r8a..r8j")
    items = [c for c in _ITEM_COLUMNS + _ITEM8_COLUMNS if c in cols]
    rejects = _Rejects(errors)
    kept, assessments = [], []
    for pos, label, row in _rows(df, cols):
        id_ = _text(row["assessment_id"])
        try:
            date = _checked_date(row["date"], "date")
            a = Assessment({c: row[c] for c in items}, row.get("organic"),
                           row.get("psychosis"), row.get("allocated_cluster"))
            a._struct()  # the cells' own errors, before the batch
        except InvalidArgument as e:
            rejects.add(pos, label, id_, str(e))
            continue
        kept.append((pos, label, id_, _text(row.get("patient_id")), date))
        assessments.append(a)
    results = classifier.classify_batch(assessments, errors="keep")
    labels, rows = [], []
    for (pos, label, id_, patient, date), c in zip(kept, results):
        if isinstance(c, _capi.Error):
            rejects.add(pos, label, id_, str(c))
            continue
        labels.append(label)
        rows.append((id_, patient, date, c.suggested_cluster, c.suggested_fit,
                     c.runner_up_cluster, c.runner_up_fit, c.superclass,
                     c.allocated_cluster, c.allocation_red,
                     ";".join(c.red_items), c.reason))
    out = _frame(pd, _CLASSIFY_OUT, rows, {
        "suggested_cluster": "int64", "suggested_fit": "float64",
        "runner_up_cluster": "Int64", "runner_up_fit": "float64",
        "allocated_cluster": "Int64", "allocation_red": "boolean"})
    out.index = pd.Index(labels, name=df.index.name) if labels else out.index
    return rejects.finish(pd, out)


# ---- Cluster periods ------------------------------------------------------------

_PERIODS_OUT = ["patient_id", "cluster", "start", "end", "days", "review_due",
                "overdue_days", "transition_ok", "superseded"]


def periods_frame(events, as_of, rules=None, *, transitions=None, errors="raise"):
    """Cluster periods from dated events, as `mhpbr periods` builds them.

    `events` columns: patient_id, date, event (allocate or discharge) and
    cluster (for allocate). `as_of`: the date open periods are cut at (an ISO
    string or a date). `transitions`: a trust's own table (a
    mhpbr.v1.TransitionTable, a dict of one, or a text-format file) in place
    of the rule set's. Returns patient_id, cluster, start, end (None while
    open), days, review_due, overdue_days, transition_ok, superseded, sorted
    by patient then start. Events not used (malformed, or a discharge with
    no open period) are rejected rows."""
    pd = _pandas("periods_frame")
    pb = _batch.protobuf_module("periods_pb2")
    cols = _columns(events, ["patient_id", "date", "event", "cluster"], "periods_frame")
    kinds = {"allocate": pb.ALLOCATE, "discharge": pb.DISCHARGE}
    request = pb.PeriodRequest(as_of=_iso(as_of))
    if transitions is not None:
        request.transitions.CopyFrom(_message(transitions, "rule_set_pb2",
                                              "TransitionTable", "transitions"))
    rejects = _Rejects(errors)
    labels = list(events.index)
    for pos, label, row in _rows(events, cols):
        patient = _text(row["patient_id"])
        try:
            kind = _enum(row["event"], kinds, "event")
            cluster = 0
            if kind == pb.ALLOCATE or not is_missing(row["cluster"]):
                cluster = _int(row["cluster"], "cluster")
            # line: the row's position, for its errors.
            request.events.add(patient_id=patient, date=_iso(row["date"]), kind=kind,
                               cluster=cluster, line=pos + 1)
        except (InvalidArgument, ValueError) as err:
            rejects.add(pos, label, patient, str(err))
    response = _batch.periods_build(request, rules=rules)
    for err in response.errors:
        rejects.add(err.line - 1, labels[err.line - 1], err.patient_id, err.reason)
    rows = [(p.patient_id, p.cluster, p.start, p.end or None, p.days, p.review_due,
             p.overdue_days, p.transition_ok, p.superseded) for p in response.periods]
    out = _frame(pd, _PERIODS_OUT, rows, {
        "cluster": "int64", "days": "int64", "overdue_days": "int64",
        "transition_ok": "bool", "superseded": "int64"})
    return rejects.finish(pd, out)


def _periods_to_price(pb, periods, what):
    """mhpbr.v1.PeriodToPrice from a frame of patient_id, cluster, start, end
    (the periods_frame output will do). A bad row fails the call."""
    cols = _columns(periods, ["patient_id", "cluster", "start"], what, optional=["end"])
    out = []
    for pos, label, row in _rows(periods, cols):
        try:
            out.append(pb.PeriodToPrice(
                patient_id=_text(row["patient_id"]),
                cluster=_int(row["cluster"], "cluster"),
                start=_iso(row["start"]), end=_iso(row.get("end"))))
        except InvalidArgument as e:
            raise InvalidArgument("%s: periods row %s: %s" % (what, label, e)) from None
    return out


# ---- Costing ------------------------------------------------------------------------

_ACTIVITY_COLUMNS = ["activity_id", "patient_id", "date", "kind", "staff_group",
                     "minutes", "ward", "count", "attendees", "cost_pence"]
_COST_OUT = ["patient_id", "cluster", "start", "end", "days", "records",
             "cost_pence", "cost_per_day_pence"]


def _round_div(n, d):
    """n / d rounded half away from zero, as mhpbr::RoundDiv."""
    q, r = divmod(abs(n), d)
    if 2 * r >= d:
        q += 1
    return -q if n < 0 else q


def cost_frame(periods, activity, unit_costs, as_of, rules=None, *, errors="raise"):
    """Costs activity against cluster periods, as `mhpbr cost` does.

    `periods` columns: patient_id, cluster, start, end (a bad row raises).
    `activity` columns: activity_id, patient_id, date, kind (contact, group,
    bed_day or other), staff_group, minutes, ward, count, attendees,
    cost_pence, and optional team and element_id; empty numbers are 0.
    `unit_costs`: a mhpbr.v1.UnitCosts, a dict of one, or a text-format file
    (lib/rules/example_unit_costs.textproto). Returns patient_id, cluster,
    start, end, days, records, cost_pence, cost_per_day_pence (rounded half
    away from zero; missing when days is 0). Rejected rows are activity
    records that could not be costed."""
    pd = _pandas("cost_frame")
    pb = _batch.protobuf_module("costing_pb2")
    request = pb.CostRequest(as_of=_iso(as_of))
    request.unit_costs.CopyFrom(_message(unit_costs, "costing_pb2", "UnitCosts",
                                         "unit_costs"))
    request.periods.extend(_periods_to_price(_batch.protobuf_module("pricing_pb2"),
                                             periods, "cost_frame"))
    cols = _columns(activity, _ACTIVITY_COLUMNS, "cost_frame",
                    optional=["team", "element_id"])
    kinds = {"contact": pb.CONTACT, "group": pb.GROUP, "bed_day": pb.BED_DAY,
             "other": pb.OTHER}
    rejects = _Rejects(errors)
    sent = []  # (position, label) of each activity record sent
    for pos, label, row in _rows(activity, cols):
        id_ = _text(row["activity_id"])
        try:
            record = pb.ActivityRecord(
                activity_id=id_, patient_id=_text(row["patient_id"]),
                date=_iso(row["date"]),
                kind=(_enum(row["kind"], kinds, "kind") if not is_missing(row["kind"])
                      else pb.ACTIVITY_KIND_UNSPECIFIED),
                staff_group=_text(row["staff_group"]), ward=_text(row["ward"]),
                team=_text(row.get("team")), element_id=_text(row.get("element_id")),
                **{c: _int(row[c], c, 0) for c in ("minutes", "count", "attendees",
                                                    "cost_pence")})
        except (InvalidArgument, ValueError) as e:
            rejects.add(pos, label, id_, str(e))
            continue
        request.activity.append(record)
        sent.append((pos, label))
    response = _batch.cost(request, rules=rules)
    for err in response.errors:
        rejects.add(*sent[err.line - 1], err.id, err.reason)
    rows = [(p.patient_id, p.cluster, p.start, p.end or None, p.days, p.records,
             p.cost_pence, _round_div(p.cost_pence, p.days) if p.days else None)
            for p in response.periods]
    out = _frame(pd, _COST_OUT, rows, {
        "cluster": "int64", "days": "int64", "records": "int64",
        "cost_pence": "int64", "cost_per_day_pence": "Int64"})
    return rejects.finish(pd, out)


# ---- Tariffs and pricing -------------------------------------------------------------

def _basis_names(pb):
    return {"day": pb.BASIS_DAY, "period": pb.BASIS_PERIOD, "year": pb.BASIS_YEAR}


def tariff_frame(costed, rules=None, *, basis="day", iqr_k=None, uplift_ppm=0,
                 efficiency_ppm=0, min_periods=None):
    """Sets prices from a reference year's costed periods, as `mhpbr tariff`
    does: `costed` has cluster, days and cost_pence columns (the cost_frame
    output will do; a bad row raises). Returns the schedule: cluster, basis,
    price_pence. The evidence behind it is in mhpbr.set_tariffs(...).evidence
    (mhpbr.to_frame turns it into a frame)."""
    pd = _pandas("tariff_frame")
    pb = _batch.protobuf_module("costing_pb2")
    ppb = _batch.protobuf_module("pricing_pb2")
    cols = _columns(costed, ["cluster", "days", "cost_pence"], "tariff_frame")
    request = pb.TariffRequest(settings=pb.TariffSettings(
        basis=_enum(basis, _basis_names(ppb), "basis"),
        iqr_k="" if iqr_k is None else str(iqr_k), uplift_ppm=uplift_ppm,
        efficiency_ppm=efficiency_ppm, min_periods=min_periods or 0))
    for pos, label, row in _rows(costed, cols):
        try:
            request.samples.add(cluster=_int(row["cluster"], "cluster"),
                                days=_int(row["days"], "days"),
                                cost_pence=_int(row["cost_pence"], "cost_pence"))
        except InvalidArgument as e:
            raise InvalidArgument("tariff_frame: row %s: %s" % (label, e)) from None
    response = _batch.set_tariffs(request, rules=rules)
    names = {v: k for k, v in _basis_names(ppb).items()}
    rows = [(e.cluster, names.get(e.basis, ""), e.price_pence)
            for e in response.schedule.entries]
    return _frame(pd, ["cluster", "basis", "price_pence"], rows,
                  {"cluster": "int64", "price_pence": "int64"})


_PRICE_OUT = ["patient_id", "cluster", "start", "end", "days_in_year", "basis",
              "units", "amount_pence", "social_care_pence", "status"]


def price_frame(periods, tariff, contract, rules=None, *, one_offs=None):
    """Prices one contract year, as `mhpbr price` does.

    `periods` columns: patient_id, cluster, start, end. `tariff` columns:
    cluster, basis (day, period or year), price_pence and optional
    social_care_ppm. `contract`: a mhpbr.v1.Contract, a dict of one, or a
    text-format file (examples/data/contract.textproto). `one_offs` columns:
    item, count, price_pence. A bad row or field raises, naming it: pricing
    part of the input would leave periods silently unpriced. Returns the
    statement's lines: patient_id, cluster, start, end, days_in_year, basis,
    units, amount_pence, social_care_pence, status; one-offs first, with no
    patient, cluster, dates or days and basis "one_off". The totals are in
    mhpbr.price(...).totals."""
    pd = _pandas("price_frame")
    pb = _batch.protobuf_module("pricing_pb2")
    request = pb.PriceRequest()
    request.contract.CopyFrom(_message(contract, "pricing_pb2", "Contract", "contract"))
    request.periods.extend(_periods_to_price(pb, periods, "price_frame"))
    bases = _basis_names(pb)
    cols = _columns(tariff, ["cluster", "basis", "price_pence"], "price_frame tariff",
                    optional=["social_care_ppm"])
    for pos, label, row in _rows(tariff, cols):
        try:
            request.tariff.entries.add(
                cluster=_int(row["cluster"], "cluster"),
                basis=_enum(row["basis"], bases, "basis"),
                price_pence=_int(row["price_pence"], "price_pence"),
                social_care_ppm=_int(row.get("social_care_ppm"), "social_care_ppm", 0))
        except InvalidArgument as e:
            raise InvalidArgument("price_frame: tariff row %s: %s" % (label, e)) from None
    if one_offs is not None:
        cols = _columns(one_offs, ["item", "count", "price_pence"], "price_frame one_offs")
        for pos, label, row in _rows(one_offs, cols):
            try:
                request.one_offs.add(item=_text(row["item"]),
                                     count=_int(row["count"], "count"),
                                     price_pence=_int(row["price_pence"], "price_pence"))
            except InvalidArgument as e:
                raise InvalidArgument("price_frame: one_offs row %s: %s"
                                      % (label, e)) from None
    statement = _batch.price(request, rules=rules)
    names = {v: k for k, v in bases.items()}
    rows = []
    for line in statement.lines:
        if line.one_off:
            rows.append(("", None, None, None, None, "one_off", line.units,
                         line.amount_pence, line.social_care_pence, "priced"))
        else:
            rows.append((line.patient_id, line.cluster, line.start, line.end or None,
                         line.days_in_year, names.get(line.basis, ""), line.units,
                         line.amount_pence, line.social_care_pence,
                         "unpriced" if line.status == pb.UNPRICED else "priced"))
    return _frame(pd, _PRICE_OUT, rows, {
        "cluster": "Int64", "days_in_year": "Int64", "units": "int64",
        "amount_pence": "int64", "social_care_pence": "int64"})


# ---- Care packages ---------------------------------------------------------------------

def package_cost_frame(catalogue=None, unit_costs=None, rules=None):
    """The expected cost of each care-package template for one review
    period, by tier, as `mhpbr package cost` writes it: cluster, core_pence,
    essential_pence, variance_pence, total_pence. `catalogue` (a
    mhpbr.v1.PackageCatalogue, a dict of one or a text-format file) and
    `unit_costs` (likewise, a mhpbr.v1.UnitCosts) default to the built-in
    examples."""
    _pandas("package_cost_frame")
    pb = _batch.protobuf_module("care_package_pb2")
    request = pb.PackageCostRequest()
    if catalogue is not None:
        request.catalogue.CopyFrom(_message(catalogue, "care_package_pb2",
                                            "PackageCatalogue", "catalogue"))
    if unit_costs is not None:
        request.unit_costs.CopyFrom(_message(unit_costs, "costing_pb2", "UnitCosts",
                                             "unit_costs"))
    response = _batch.package_cost(request, rules=rules)
    return to_frame(response.costs)


def report_frames(report):
    """The tables of a mhpbr.v1.ReportResponse (mhpbr.report_build) as
    {name: DataFrame}, e.g. "summary.csv", "homogeneity.csv": the files
    `mhpbr report --csv-dir` writes, cells as the text it writes."""
    pd = _pandas("report_frames")
    return {t.name: pd.DataFrame([list(r.cells) for r in t.rows], columns=list(t.columns))
            for t in report.tables}


# ---- SPC ------------------------------------------------------------------------------

_SPC_POINTS = ["series", "month", "value", "mean", "lpl", "upl", "side",
               "outside", "run", "trend", "two_in_three", "special_cause",
               "point_type"]
_SPC_SUMMARY = ["series", "points", "mean", "lpl", "upl", "short",
                "variation", "assurance"]


def _figure(text):
    return float(text) if text else float("nan")


def spc_frame(df, rules=None, *, direction=None, target=None, fix_after=None,
              screen=True):
    """The SPC charts of `df`'s monthly series, as `mhpbr spc` draws them
    from a CSV file: columns series, month ("YYYY-MM"), value (a number, or
    missing: the month is left out) and optionally direction and target
    (the first non-missing cell of a series overrides the keywords).
    Returns (points, summary): the DataFrames of `mhpbr spc --out` and
    --summary, sorted by series then month, with floats for the figures
    (NaN where the tool leaves a cell empty; the exact decimals are in
    mhpbr.spc_json's response) and booleans for y/n. A month given twice in
    a series, or one that cannot be read, raises InvalidArgument naming the
    row."""
    pd = _pandas("spc_frame")
    cols = _columns(df, ["series", "month", "value"], "spc_frame",
                    optional=("direction", "target"))
    series = {}
    for _, label, row in _rows(df, cols):
        name = _text(row["series"])
        s = series.setdefault(name, {"name": name, "rows": {}})
        month = _text(row["month"]).strip()
        if month in s["rows"]:
            raise InvalidArgument("row %s (%s): duplicate_month: %s" % (label, name, month))
        s["rows"][month] = _text(row["value"]).strip()
        for key in ("direction", "target"):
            cell = _text(row.get(key)).strip()
            if cell and key not in s:
                s[key] = cell
    request = {"series": [], "fix_after": int(fix_after or 0), "no_screen": not screen}
    if direction:
        request["direction"] = direction
    if target is not None:
        request["target"] = _text(target)
    for name in sorted(series):
        s = series[name]
        months = sorted(s["rows"])
        one = {"name": name, "months": months,
               "values": [s["rows"][m] for m in months]}
        for key in ("direction", "target"):
            if key in s:
                one[key] = s[key]
        request["series"].append(one)
    response = _batch.spc_json(request, rules=rules)
    points, summary = [], []
    for c in response.get("series", []):
        for p in c.get("points", []):
            points.append([c["name"], p["month"], _figure(p["value"]),
                           _figure(p["mean"]), _figure(p["lpl"]),
                           _figure(p["upl"]), p["side"], p["outside"],
                           p["run"], p["trend"], p["two_in_three"],
                           p["special_cause"], p["point_type"]])
        summary.append([c["name"], len(c.get("points", [])),
                        _figure(c["mean"]), _figure(c["lpl"]),
                        _figure(c["upl"]), c["short_series"], c["variation"],
                        c["assurance"]])
    return (pd.DataFrame(points, columns=_SPC_POINTS),
            pd.DataFrame(summary, columns=_SPC_SUMMARY))


# ---- Any repeated message ------------------------------------------------------------------

def _flatten(message, prefix, row):
    for f in message.DESCRIPTOR.fields:
        name = prefix + f.name
        value = getattr(message, f.name)
        if f.label == f.LABEL_REPEATED:
            if f.message_type is not None and not f.message_type.GetOptions().map_entry:
                row[name] = list(value)
            elif f.enum_type is not None:
                row[name] = [f.enum_type.values_by_number[v].name
                             if v in f.enum_type.values_by_number else v for v in value]
            else:
                row[name] = list(value) if not hasattr(value, "items") else dict(value)
        elif f.message_type is not None:
            _flatten(value, name + ".", row)
        elif f.has_presence and not message.HasField(f.name):
            row[name] = None
        elif f.enum_type is not None:
            v = f.enum_type.values_by_number.get(value)
            row[name] = v.name if v is not None else value
        else:
            row[name] = value


def to_frame(messages):
    """A DataFrame of a list of messages (a response's repeated field, e.g.
    mhpbr.set_tariffs(...).evidence): one row per message, one column per
    field in field order (a submessage's fields as "field.sub"), enums by
    name, unset optional fields as missing."""
    pd = _pandas("to_frame")
    messages = list(messages)
    if not messages:
        return pd.DataFrame()
    rows = []
    for m in messages:
        row = {}
        _flatten(m, "", row)
        rows.append(row)
    out = pd.DataFrame(rows, columns=list(rows[0]))
    for c in out.columns:
        if out[c].isna().any() and all(v is None or isinstance(v, int) and
                                       not isinstance(v, bool) for v in out[c]):
            out[c] = out[c].astype("Int64")
    return out
