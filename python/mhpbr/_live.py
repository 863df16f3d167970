"""The live calls: plain structs on handles built once, for the questions
asked while a record is open (a cluster's facts, when its review falls due,
whether a move is allowed, the price of a period, the cost of a contact, a
cluster's care package). Each answer is the one the matching mhpbr command
gives for the same data. No protobuf is needed, except to pass a message
where text is taken."""

import ctypes
import datetime
import os
import re
from dataclasses import dataclass
from typing import Optional

from . import _capi
from ._capi import InvalidArgument, Unimplemented
from ._classify import _SUPERCLASSES, as_int, is_missing, rules_or_default

__all__ = ["ClusterInfo", "Review", "Transitions", "Period", "Payment", "Tariff",
           "Activity", "Attribution", "PeriodCost", "ClusterCost", "CostTotals",
           "Coster", "PackageElement", "TemplateCost", "Catalogue"]


def _fn(name):
    """The C function mhpbr_<name>, or Unimplemented when this libmhpbr is
    older than it."""
    fn = getattr(_capi, name)
    if fn is None:
        raise Unimplemented("%s has no mhpbr_%s: a libmhpbr older than this "
                            "package's live calls" % (_capi.library_path, name))
    return fn


def _call(name, *args):
    _capi.call(_fn(name), *args)


def _handle(name, *args):
    out = ctypes.c_void_p()
    _call(name, *args, ctypes.byref(out))
    return out


def _destroy(name, handle):
    if handle:
        try:
            _fn(name)(handle)
        except Exception:  # the module is being torn down at exit
            pass


# ---- Values in and out -------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _yyyymmdd(value, what, optional=False):
    """A date as the C API's int32 YYYYMMDD, from a date, a datetime, an ISO
    "YYYY-MM-DD" string or the integer itself. The library says whether it
    is a real date."""
    if is_missing(value):
        if optional:
            return _capi.NO_DATE
        raise InvalidArgument("%s: required" % what)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.year * 10000 + value.month * 100 + value.day
    if hasattr(value, "to_pydatetime"):
        return _yyyymmdd(value.to_pydatetime(), what)
    if isinstance(value, str):
        m = _ISO.match(value.strip())
        if not m:
            raise InvalidArgument("%s: %r is not a date (YYYY-MM-DD)" % (what, value))
        return int(m.group(1)) * 10000 + int(m.group(2)) * 100 + int(m.group(3))
    return as_int(value, what)


def _date(yyyymmdd):
    """datetime.date of a YYYYMMDD (None for MHPBR_NO_DATE)."""
    if yyyymmdd == _capi.NO_DATE:
        return None
    return datetime.date(yyyymmdd // 10000, yyyymmdd // 100 % 100, yyyymmdd % 100)


def _bytes(text):
    """NUL-terminated bytes for a `const char*` (None stays NULL = "")."""
    if text is None or is_missing(text):
        return None
    return str(text).encode("utf-8")


def _str(raw):
    return raw.decode("utf-8", "replace") if raw else ""


def _text(value, message_name, what):
    """Text for a `_create` call that reads protobuf text format: a str as it
    is, or a message (converted with protobuf's text_format)."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    descriptor = getattr(value, "DESCRIPTOR", None)
    if descriptor is not None and descriptor.full_name == "mhpbr.v1." + message_name:
        from google.protobuf import text_format
        return text_format.MessageToString(value).encode("utf-8")
    raise TypeError("%s: text format of mhpbr.v1.%s, or the message, not %s"
                    % (what, message_name, type(value).__name__))


# ---- Rules: cluster facts, reviews, transitions -----------------------------------

@dataclass(frozen=True)
class ClusterInfo:
    """A rule set's facts about one cluster. `review_days` is the maximum
    review period in whole days as pricing counts it."""
    cluster: int
    name: str
    subgroup: str
    superclass: str
    review_count: int
    review_unit: str  # "weeks" or "months"
    review_days: int


@dataclass(frozen=True)
class Review:
    """When a review falls due, and how many days overdue it is."""
    review_due: datetime.date
    overdue_days: int


def rules_cluster(rules, cluster):
    info = _capi.new(_capi.ClusterInfo)
    _call("rules_cluster", rules._handle, as_int(cluster, "cluster"), ctypes.byref(info))
    return ClusterInfo(cluster=info.cluster, name=_str(info.name),
                       subgroup=_str(info.subgroup),
                       superclass=_SUPERCLASSES.get(info.superclass, "variance"),
                       review_count=info.review_count,
                       review_unit="months" if info.review_unit == 1 else "weeks",
                       review_days=info.review_days)


def rules_review_due(rules, cluster, since, as_of):
    review = _capi.new(_capi.Review)
    _call("rules_review_due", rules._handle, as_int(cluster, "cluster"),
          _yyyymmdd(since, "since"), _yyyymmdd(as_of, "as_of"), ctypes.byref(review))
    return Review(review_due=_date(review.review_due), overdue_days=review.overdue_days)


def _allowed(name, handle, from_cluster, to_cluster):
    allowed = ctypes.c_int32()
    _call(name, handle, as_int(from_cluster, "from"), as_int(to_cluster, "to"),
          ctypes.byref(allowed))
    return bool(allowed.value)


def rules_transition_allowed(rules, from_cluster, to_cluster):
    return _allowed("rules_transition_allowed", rules._handle, from_cluster, to_cluster)


class Transitions:
    """A trust's own transition protocol (the text format of
    mhpbr.v1.TransitionTable, as `mhpbr periods --transitions` reads it)."""

    def __init__(self, text):
        """`text`: the table in text format, or a mhpbr.v1.TransitionTable."""
        raw = _text(text, "TransitionTable", "transitions")
        self._handle = _handle("transitions_load_text", raw, len(raw))

    @classmethod
    def from_file(cls, path):
        self = cls.__new__(cls)
        self._handle = _handle("transitions_load_file", os.fsencode(path))
        return self

    def allowed(self, from_cluster, to_cluster):
        """Whether a move from one cluster to another at review is in the
        protocol (staying, and moves to or from cluster 0, always are)."""
        return _allowed("transitions_allowed", self._handle, from_cluster, to_cluster)

    def __del__(self):
        _destroy("transitions_destroy", getattr(self, "_handle", None))


# ---- Pricing a period -----------------------------------------------------------------

@dataclass
class Period:
    """A cluster period: `start` and `end` as dates, ISO strings or YYYYMMDD
    (end None while open). `patient_id` is needed by a Coster only."""
    cluster: int
    start: object
    end: object = None
    patient_id: Optional[str] = None

    def _fill(self, p, what="period"):
        p.cluster = as_int(self.cluster, what + ".cluster")
        p.start = _yyyymmdd(self.start, what + ".start")
        p.end = _yyyymmdd(self.end, what + ".end", optional=True)
        p.patient_id = _bytes(self.patient_id)
        return p


def _as_period(p):
    if isinstance(p, Period):
        return p
    if isinstance(p, dict):
        return Period(**p)
    return Period(*p)


_BASES = {-1: None, 0: "day", 1: "period", 2: "year"}
_PAYMENT_STATUS = {0: "priced", 1: "unpriced", 2: "outside_year"}


@dataclass(frozen=True)
class Payment:
    """One period's line of the payment statement. `status` is "priced",
    "unpriced" (the tariff does not price the cluster) or "outside_year"
    (the period does not overlap the contract year; every figure 0);
    `basis` "day", "period", "year" or None."""
    status: str
    basis: Optional[str]
    days_in_year: int
    units: int
    price_pence: int
    social_care_ppm: int
    mff_ppm: int
    amount_pence: int
    social_care_pence: int


class Tariff:
    """A contract and its tariff schedule, ready to price periods as
    `mhpbr price` does."""

    def __init__(self, contract, tariff_csv, rules=None):
        """`contract`: the contract in text format (mhpbr.v1.Contract, as
        `mhpbr price --contract` reads it) or the message; `tariff_csv`: the
        tariff CSV text `cluster,basis,price_pence[,social_care_ppm]`.
        `rules` (default Rules.default()) gives review lengths and the day
        count."""
        self.rules = rules_or_default(rules)
        contract = _text(contract, "Contract", "contract")
        tariff = (tariff_csv.encode("utf-8") if isinstance(tariff_csv, str)
                  else bytes(tariff_csv))
        self._handle = _handle("tariff_create", self.rules._handle, contract, len(contract),
                               tariff, len(tariff))

    @classmethod
    def from_files(cls, contract_path, tariff_path, rules=None):
        """The same from a contract file and a tariff CSV file."""
        self = cls.__new__(cls)
        self.rules = rules_or_default(rules)
        self._handle = _handle("tariff_create_files", self.rules._handle,
                               os.fsencode(contract_path), os.fsencode(tariff_path))
        return self

    def price_period(self, cluster, start=None, end=None):
        """Prices one period, given as a Period or as cluster, start and end
        (None while open). Returns a Payment."""
        period = cluster if isinstance(cluster, Period) else Period(cluster, start, end)
        p = period._fill(_capi.new(_capi.Period))
        payment = _capi.new(_capi.Payment)
        _call("tariff_price_period", self._handle, ctypes.byref(p), ctypes.byref(payment))
        return Payment(status=_PAYMENT_STATUS.get(payment.status, str(payment.status)),
                       basis=_BASES.get(payment.basis),
                       days_in_year=payment.days_in_year, units=payment.units,
                       price_pence=payment.price_pence,
                       social_care_ppm=payment.social_care_ppm, mff_ppm=payment.mff_ppm,
                       amount_pence=payment.amount_pence,
                       social_care_pence=payment.social_care_pence)

    def __del__(self):
        _destroy("tariff_destroy", getattr(self, "_handle", None))


# ---- Costing activity -----------------------------------------------------------------

_KINDS = {"contact": 0, "group": 1, "bed_day": 2, "other": 3}


@dataclass
class Activity:
    """One activity record, as a row of `mhpbr cost --activity`: `kind` is
    "contact" (staff_group, minutes), "group" (also attendees), "bed_day"
    (ward, count) or "other" (cost_pence)."""
    patient_id: str
    date: object
    kind: str = "contact"
    staff_group: Optional[str] = None
    minutes: int = 0
    ward: Optional[str] = None
    count: int = 0
    attendees: int = 1
    cost_pence: int = 0
    activity_id: Optional[str] = None

    def _fill(self, a):
        kind = str(self.kind).strip().lower()
        if kind not in _KINDS:
            raise InvalidArgument("kind: %r is not contact, group, bed_day or other"
                                  % (self.kind,))
        a.kind = _KINDS[kind]
        a.date = _yyyymmdd(self.date, "date")
        a.attendees = 1 if is_missing(self.attendees) else as_int(self.attendees,
                                                                  "attendees")
        a.activity_id = _bytes(self.activity_id)
        a.patient_id = _bytes(self.patient_id)
        a.staff_group = _bytes(self.staff_group)
        a.ward = _bytes(self.ward)
        for name in ("minutes", "count", "cost_pence"):
            value = getattr(self, name)
            setattr(a, name, 0 if is_missing(value) else as_int(value, name))


def _as_activity(x):
    if isinstance(x, Activity):
        return x
    if isinstance(x, dict):
        return Activity(**x)
    raise TypeError("an Activity or a dict of its fields, not %s" % type(x).__name__)


_WHERE = {-1: "unclustered", -2: "unknown_patient", -3: "rejected"}


@dataclass(frozen=True)
class Attribution:
    """Where one record went: `where` is "period" (then `period` is the
    index of the period given to the Coster), "unclustered" (no period
    covers its date), "unknown_patient" (the patient has no period) or
    "rejected" (then `status` is the error code). `cost_pence` is its full
    cost."""
    where: str
    period: Optional[int]
    cost_pence: int
    status: int = 0

    @classmethod
    def _from(cls, a):
        where = _WHERE.get(a.period, "period") if a.period < 0 else "period"
        return cls(where=where, period=a.period if a.period >= 0 else None,
                   cost_pence=a.cost_pence, status=a.status)


@dataclass(frozen=True)
class PeriodCost:
    cluster: int
    days: int
    records: int
    cost_pence: int


@dataclass(frozen=True)
class ClusterCost:
    cluster: int
    periods: int
    days: int
    records: int
    cost_pence: int


@dataclass(frozen=True)
class CostTotals:
    """The running totals: the `mhpbr cost --summary` figures."""
    records_read: int
    records_rejected: int
    clustered_records: int
    clustered_pence: int
    unclustered_records: int
    unclustered_pence: int
    unknown_patient_records: int
    total_pence: int
    periods: int


def _period_array(periods):
    """A ctypes array of the periods (the strings it points to are kept
    alive by the array; the library copies them)."""
    periods = [_as_period(p) for p in periods]
    array = _capi.init_array((_capi.Period * max(len(periods), 1))())
    for i, p in enumerate(periods):
        p._fill(array[i], "periods[%d]" % i)
    return array, len(periods)


class Coster:
    """Unit costs and a trust's cluster periods, with running costs, as
    `mhpbr cost` computes them. Safe to share across threads."""

    def __init__(self, unit_costs, periods, as_of, rules=None):
        """`unit_costs`: text format of mhpbr.v1.UnitCosts (as `mhpbr cost
        --unit-costs` reads it) or the message. `periods`: Periods (or
        (cluster, start, end, patient_id) tuples, or dicts), each with its
        patient_id. `as_of`: open periods run to it."""
        self.rules = rules_or_default(rules)
        text = _text(unit_costs, "UnitCosts", "unit_costs")
        array, n = _period_array(periods)
        self._handle = _handle("coster_create", self.rules._handle, text, len(text), array,
                               n, _yyyymmdd(as_of, "as_of"))
        self.period_count = n

    @classmethod
    def from_file(cls, unit_costs_path, periods, as_of, rules=None):
        """The same with the unit costs read from a file."""
        self = cls.__new__(cls)
        self.rules = rules_or_default(rules)
        array, n = _period_array(periods)
        self._handle = _handle("coster_create_file", self.rules._handle,
                               os.fsencode(unit_costs_path), array, n,
                               _yyyymmdd(as_of, "as_of"))
        self.period_count = n
        return self

    def add(self, activity):
        """Costs one record (an Activity, or a dict of its fields) and
        attributes it; returns its Attribution. A bad record raises
        InvalidArgument naming the field, and is counted as read and
        rejected."""
        a = _capi.new(_capi.Activity)
        _as_activity(activity)._fill(a)
        out = _capi.new(_capi.Attribution)
        _call("coster_add", self._handle, ctypes.byref(a), ctypes.byref(out))
        return Attribution._from(out)

    def add_batch(self, records, errors="raise"):
        """Costs many records in one call, as that many add() calls would;
        returns their Attributions in order. A bad record does not stop the
        others: every record is counted and every good one costed. Then with
        errors="raise" (the default) InvalidArgument names the first bad one
        and how many there were; with errors="keep" the bad ones' Attribution
        says where="rejected" and their status code. A record whose fields
        cannot even be put into the C struct raises before anything is
        added."""
        if errors not in ("raise", "keep"):
            raise ValueError('errors: "raise" or "keep", not %r' % (errors,))
        records = [_as_activity(r) for r in records]
        n = len(records)
        if n == 0:
            return []
        array = _capi.init_array((_capi.Activity * n)())
        for i, r in enumerate(records):
            try:
                r._fill(array[i])
            except InvalidArgument as e:
                raise InvalidArgument("activity %d: %s" % (i, e)) from None
        out = _capi.init_array((_capi.Attribution * n)())
        err = ctypes.c_void_p()
        code = _fn("coster_add_batch")(self._handle, array, n, out, ctypes.byref(err))
        if errors == "raise":
            _capi.check(code, err)
        elif err.value:
            _capi.free(err)
        return [Attribution._from(a) for a in out]

    def period(self, index):
        """What the period at `index` (in the order given) has cost so far."""
        c = _capi.new(_capi.PeriodCost)
        _call("coster_period", self._handle, as_int(index, "index"), ctypes.byref(c))
        return PeriodCost(cluster=c.cluster, days=c.days, records=c.records,
                          cost_pence=c.cost_pence)

    def cluster(self, cluster):
        """What one cluster's periods have cost so far."""
        c = _capi.new(_capi.ClusterCost)
        _call("coster_cluster", self._handle, as_int(cluster, "cluster"), ctypes.byref(c))
        return ClusterCost(cluster=c.cluster, periods=c.periods, days=c.days,
                           records=c.records, cost_pence=c.cost_pence)

    def totals(self):
        t = _capi.new(_capi.CostTotals)
        _call("coster_totals", self._handle, ctypes.byref(t))
        return CostTotals(**{f: getattr(t, f) for f in CostTotals.__dataclass_fields__})

    def __del__(self):
        _destroy("coster_destroy", getattr(self, "_handle", None))


# ---- Care-package templates ---------------------------------------------------------------

_TIERS = {0: "core", 1: "essential", 2: "variance"}
_SETTINGS = {0: "", 1: "community", 2: "inpatient", 3: "home"}


@dataclass(frozen=True)
class PackageElement:
    """One element of a cluster's care-package template. `tier` is "core",
    "essential" or "variance"; `setting` "community", "inpatient", "home" or
    "". Quantities are per review period; `cost_pence` is one review
    period of it in full, `expected_cost_pence` at its share."""
    cluster: int
    tier: str
    setting: str
    id: str
    name: str
    intervention: str
    guidance: str
    staff_group: str
    ward: str
    share_ppm: int
    contacts: int
    minutes_per_contact: int
    bed_days: int
    cost_pence: int
    expected_cost_pence: int


@dataclass(frozen=True)
class TemplateCost:
    """A template's expected cost for one review period, by tier (a row of
    `mhpbr package cost`)."""
    cluster: int
    core_pence: int
    essential_pence: int
    variance_pence: int
    total_pence: int


class Catalogue:
    """A care-package catalogue costed with unit costs."""

    def __init__(self, catalogue=None, unit_costs=None):
        """`catalogue`: text format of mhpbr.v1.PackageCatalogue or the
        message, None for the built-in example (which a trust replaces with
        its own); `unit_costs`: text format of mhpbr.v1.UnitCosts or the
        message, None for the built-in illustrative costs."""
        cat = None if catalogue is None else _text(catalogue, "PackageCatalogue",
                                                   "catalogue")
        costs = None if unit_costs is None else _text(unit_costs, "UnitCosts", "unit_costs")
        self._handle = _handle("catalogue_create", cat, len(cat or b""), costs,
                               len(costs or b""))

    @classmethod
    def from_files(cls, catalogue_path=None, unit_costs_path=None):
        """The same from files; None means the built-in one."""
        self = cls.__new__(cls)
        self._handle = _handle("catalogue_create_files",
                               None if catalogue_path is None else os.fsencode(catalogue_path),
                               None if unit_costs_path is None
                               else os.fsencode(unit_costs_path))
        return self

    def elements(self, cluster):
        """The elements of the template of `cluster`: core first, then
        essential, then variance, each in catalogue order. A cluster without
        a template raises NotFound."""
        cluster = as_int(cluster, "cluster")
        count = ctypes.c_size_t()
        _call("catalogue_element_count", self._handle, cluster, ctypes.byref(count))
        out = []
        for i in range(count.value):
            e = _capi.new(_capi.PackageElement)
            _call("catalogue_element", self._handle, cluster, i, ctypes.byref(e))
            out.append(PackageElement(
                cluster=e.cluster, tier=_TIERS.get(e.tier, str(e.tier)),
                setting=_SETTINGS.get(e.setting, str(e.setting)), id=_str(e.id),
                name=_str(e.name), intervention=_str(e.intervention),
                guidance=_str(e.guidance), staff_group=_str(e.staff_group),
                ward=_str(e.ward), share_ppm=e.share_ppm, contacts=e.contacts,
                minutes_per_contact=e.minutes_per_contact, bed_days=e.bed_days,
                cost_pence=e.cost_pence, expected_cost_pence=e.expected_cost_pence))
        return out

    def template_cost(self, cluster):
        """The template's expected cost per review period, by tier."""
        c = _capi.new(_capi.TemplateCost)
        _call("catalogue_template_cost", self._handle, as_int(cluster, "cluster"),
              ctypes.byref(c))
        return TemplateCost(cluster=c.cluster, core_pence=c.core_pence,
                            essential_pence=c.essential_pence,
                            variance_pence=c.variance_pence, total_pence=c.total_pence)

    def __del__(self):
        _destroy("catalogue_destroy", getattr(self, "_handle", None))
