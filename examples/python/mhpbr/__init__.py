"""mhpbr for Python: MHCT classification, cluster periods and contract
pricing through the C API (libmhpbr), with ctypes from the standard library
only.

    import mhpbr
    rules = mhpbr.Rules.default()
    classifier = mhpbr.Classifier(rules)
    result = classifier.classify({"1": 0, "6": 3, "7": 0, ...}, psychosis=True)
    result.suggested_cluster, result.red_items

Errors raise mhpbr.Error subclasses chosen by the C status code
(InvalidArgument, NotFound, OutOfRange, ...); the message names the field.

The library is found from the MHPBR_LIBRARY environment variable, else a
build tree next to this package (build/lib/libmhpbr.so), else the system
(libmhpbr.so.0).
"""

import ctypes
import ctypes.util
import os
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from . import _schemas, _wire

__all__ = [
    "Error", "InvalidArgument", "NotFound", "OutOfRange", "Internal",
    "Rules", "Classifier", "Classification", "build_periods", "price",
    "version", "ITEMS",
]

# Profile rows in the C API's order.
ITEMS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
         "A", "B", "C", "D", "E"]
_ITEM8_TYPES = ["8A", "8B", "8C", "8D", "8E", "8F", "8G", "8H", "8I", "8J"]
NOT_KNOWN = 9


class Error(Exception):
    """An error reported by libmhpbr: `code` is the C status code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class InvalidArgument(Error, ValueError):
    pass


class NotFound(Error, LookupError):
    pass


class OutOfRange(Error, OverflowError):
    pass


class Internal(Error):
    pass


_ERRORS = {3: InvalidArgument, 5: NotFound, 11: OutOfRange, 13: Internal}


def _find_library():
    path = os.environ.get("MHPBR_LIBRARY")
    if path:
        return path
    here = os.path.dirname(os.path.abspath(__file__))
    for rel in ("../../../build/lib/libmhpbr.so", "../../../lib/libmhpbr.so"):
        candidate = os.path.normpath(os.path.join(here, rel))
        if os.path.exists(candidate):
            return candidate
    return ctypes.util.find_library("mhpbr") or "libmhpbr.so.0"


_lib = ctypes.CDLL(_find_library())
_c_char_pp = ctypes.POINTER(ctypes.c_char_p)


class _Assessment(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("ratings", ctypes.c_uint8 * 18),
        ("item8_types", ctypes.c_uint8 * 10),
        ("item8_form", ctypes.c_int32),
        ("organic", ctypes.c_int32),
        ("psychosis", ctypes.c_int32),
        ("allocated_cluster", ctypes.c_int32),
    ]


class _Result(ctypes.Structure):
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("status", ctypes.c_int32),
        ("suggested_cluster", ctypes.c_int32),
        ("has_suggested_fit", ctypes.c_int32),
        ("suggested_fit_milli", ctypes.c_int32),
        ("runner_up_cluster", ctypes.c_int32),
        ("runner_up_fit_milli", ctypes.c_int32),
        ("reason", ctypes.c_int32),
        ("superclass", ctypes.c_int32),
        ("known_items", ctypes.c_int32),
        ("allocated_cluster", ctypes.c_int32),
        ("allocation_red", ctypes.c_int32),
        ("red_items", ctypes.c_uint32),
        ("fitting_items", ctypes.c_uint32),
        ("misfitting_items", ctypes.c_uint32),
    ]


def _declare(name, restype, *argtypes):
    fn = getattr(_lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn


_version = _declare("mhpbr_version", ctypes.c_char_p)
_free = _declare("mhpbr_free", None, ctypes.c_void_p)
_rules_load_default = _declare("mhpbr_rules_load_default", ctypes.c_int32,
                               ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p))
_rules_load_text = _declare("mhpbr_rules_load_text", ctypes.c_int32, ctypes.c_char_p,
                            ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p),
                            ctypes.POINTER(ctypes.c_void_p))
_rules_load_file = _declare("mhpbr_rules_load_file", ctypes.c_int32, ctypes.c_char_p,
                            ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p))
_rules_destroy = _declare("mhpbr_rules_destroy", None, ctypes.c_void_p)
_rules_source = _declare("mhpbr_rules_source", ctypes.c_char_p, ctypes.c_void_p)
_rules_year = _declare("mhpbr_rules_financial_year", ctypes.c_char_p, ctypes.c_void_p)
_classifier_create = _declare("mhpbr_classifier_create", ctypes.c_int32, ctypes.c_void_p,
                              ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_void_p))
_classifier_destroy = _declare("mhpbr_classifier_destroy", None, ctypes.c_void_p)
_classify = _declare("mhpbr_classify", ctypes.c_int32, ctypes.c_void_p,
                     ctypes.POINTER(_Assessment), ctypes.POINTER(_Result),
                     ctypes.POINTER(ctypes.c_void_p))
_RICH = (ctypes.c_int32, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
         ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t),
         ctypes.POINTER(ctypes.c_void_p))
_periods_build = _declare("mhpbr_periods_build", *_RICH)
_price = _declare("mhpbr_price", *_RICH)


def _check(code, error):
    """Raises the Error for a failed call, freeing the C message."""
    if code == 0:
        return
    message = ctypes.string_at(error.value).decode("utf-8", "replace") if error.value else ""
    _free(error)
    raise _ERRORS.get(code, Error)(code, message)


def version():
    """The version of the libmhpbr actually loaded."""
    return _version().decode()


class Rules:
    """A validated MHCT rule set (immutable; share it freely)."""

    def __init__(self, handle):
        self._handle = handle

    @classmethod
    def default(cls):
        out, err = ctypes.c_void_p(), ctypes.c_void_p()
        _check(_rules_load_default(ctypes.byref(out), ctypes.byref(err)), err)
        return cls(out)

    @classmethod
    def from_text(cls, text):
        raw = text.encode("utf-8")
        out, err = ctypes.c_void_p(), ctypes.c_void_p()
        _check(_rules_load_text(raw, len(raw), ctypes.byref(out), ctypes.byref(err)), err)
        return cls(out)

    @classmethod
    def from_file(cls, path):
        out, err = ctypes.c_void_p(), ctypes.c_void_p()
        _check(_rules_load_file(os.fsencode(path), ctypes.byref(out), ctypes.byref(err)), err)
        return cls(out)

    @property
    def source(self):
        return _rules_source(self._handle).decode()

    @property
    def financial_year(self):
        return _rules_year(self._handle).decode()

    def __del__(self):
        if getattr(self, "_handle", None):
            _rules_destroy(self._handle)
            self._handle = None


_REASONS = {0: "", 1: "no_fit", 2: "too_few_known"}
_SUPERCLASSES = {0: "variance", 1: "non-psychotic", 2: "psychotic", 3: "organic"}


def _items(bits):
    return [ITEMS[i] for i in range(18) if bits >> i & 1]


@dataclass
class Classification:
    suggested_cluster: int
    suggested_fit: Optional[float]
    runner_up_cluster: Optional[int]
    runner_up_fit: Optional[float]
    superclass: str
    reason: str
    known_items: int
    allocated_cluster: Optional[int]
    allocation_red: Optional[bool]
    red_items: List[str] = field(default_factory=list)
    fitting_items: List[str] = field(default_factory=list)
    misfitting_items: List[str] = field(default_factory=list)


def _answer(value):
    return 0 if value is None else (2 if value else 1)


class Classifier:
    """Suggests a cluster from MHCT ratings and checks an allocation."""

    def __init__(self, rules):
        self._rules = rules  # the C classifier keeps its own reference too
        out, err = ctypes.c_void_p(), ctypes.c_void_p()
        _check(_classifier_create(rules._handle, ctypes.byref(out), ctypes.byref(err)), err)
        self._handle = out

    def classify(self, ratings: Dict[str, Optional[int]], organic=None,
                 psychosis=None, allocated: Optional[int] = None) -> Classification:
        """`ratings` maps item codes ("1".."13", "8" or "8A".."8J", "A".."E")
        to 0-4, or None / 9 for not known; missing items are not known."""
        a = _Assessment()
        a.struct_size = ctypes.sizeof(_Assessment)
        for i in range(18):
            a.ratings[i] = NOT_KNOWN
        for i in range(10):
            a.item8_types[i] = NOT_KNOWN
        a.item8_form = 0
        for code, value in ratings.items():
            code = str(code).upper()
            value = NOT_KNOWN if value is None else value
            if not isinstance(value, int) or not 0 <= value <= 255:
                raise InvalidArgument(3, "item %s: rating %r is not 0-4 or 9" % (code, value))
            if code in _ITEM8_TYPES:
                a.item8_form = 1
                a.item8_types[_ITEM8_TYPES.index(code)] = value
            elif code in ITEMS:
                a.ratings[ITEMS.index(code)] = value
            else:
                raise InvalidArgument(3, "item %r is not an MHCT item" % code)
        a.organic = _answer(organic)
        a.psychosis = _answer(psychosis)
        a.allocated_cluster = -1 if allocated is None else int(allocated)
        r = _Result()
        r.struct_size = ctypes.sizeof(_Result)
        err = ctypes.c_void_p()
        _check(_classify(self._handle, ctypes.byref(a), ctypes.byref(r), ctypes.byref(err)), err)
        return Classification(
            suggested_cluster=r.suggested_cluster,
            suggested_fit=r.suggested_fit_milli / 1000 if r.has_suggested_fit else None,
            runner_up_cluster=None if r.runner_up_cluster < 0 else r.runner_up_cluster,
            runner_up_fit=None if r.runner_up_cluster < 0 else r.runner_up_fit_milli / 1000,
            superclass=_SUPERCLASSES.get(r.superclass, "variance"),
            reason=_REASONS.get(r.reason, ""),
            known_items=r.known_items,
            allocated_cluster=None if r.allocated_cluster < 0 else r.allocated_cluster,
            allocation_red=None if r.allocation_red < 0 else bool(r.allocation_red),
            red_items=_items(r.red_items),
            fitting_items=_items(r.fitting_items),
            misfitting_items=_items(r.misfitting_items),
        )

    def __del__(self):
        if getattr(self, "_handle", None):
            _classifier_destroy(self._handle)
            self._handle = None


def _rich_call(fn, rules, request, request_schema, response_schema):
    raw = _wire.encode(request, request_schema)
    out, size, err = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
    _check(fn(rules._handle, raw, len(raw), ctypes.byref(out), ctypes.byref(size),
              ctypes.byref(err)), err)
    try:
        data = ctypes.string_at(out.value, size.value) if size.value else b""
    finally:
        _free(out)
    return _wire.decode(data, response_schema)


def build_periods(rules, events, as_of, transitions=None):
    """Cluster periods from dated events.

    `events`: dicts with patient_id, date (ISO), kind ("allocate" or
    "discharge"), cluster (for allocate) and optionally line. `transitions`:
    {from_cluster: [to, ...]} for a trust's own protocol. Returns the
    mhpbr.v1.PeriodResponse as a dict: periods, errors, summaries."""
    request = {"as_of": as_of, "events": [dict(e) for e in events]}
    if transitions is not None:
        request["transitions"] = {
            "rows": [{"from": f, "to": list(t)} for f, t in transitions.items()]}
    return _rich_call(_periods_build, rules, request, _schemas.PERIOD_REQUEST,
                      _schemas.PERIOD_RESPONSE)


def price(rules, contract, tariff, periods, one_offs=()):
    """Prices a contract year; returns the mhpbr.v1.Statement as a dict.

    `contract`: dict of mhpbr.v1.Contract fields (year_start, mff_ppm,
    partial_period "full"/"pro_rata", social_care "pooled"/"decoupled",
    baseline_pence, risk_bands, withhold_ppm, outcomes). `tariff`: dicts
    with cluster, basis ("day", "period", "year"), price_pence and optional
    social_care_ppm. `periods`: dicts with patient_id, cluster, start, end
    (omit end for an open period). `one_offs`: dicts with item, count,
    price_pence. Money is integer pence."""
    request = {
        "contract": dict(contract),
        "tariff": {"entries": [dict(t) for t in tariff]},
        "periods": [dict(p) for p in periods],
        "one_offs": [dict(o) for o in one_offs],
    }
    return _rich_call(_price, rules, request, _schemas.PRICE_REQUEST, _schemas.STATEMENT)
