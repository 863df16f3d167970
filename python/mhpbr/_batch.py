"""The batch calls: a mhpbr.v1 request message in, a mhpbr.v1 response
message out, as serialized protobuf through the C API.

The message classes are protoc's, generated from proto/mhpbr/v1/*.proto
into mhpbr.v1 when the package is built; the protobuf runtime is imported
only when a batch call is made, so classification works without it."""

import ctypes
import importlib
import json
import os

from . import _capi
from ._classify import rules_or_default

__all__ = ["periods_build", "price", "cost", "set_tariffs", "package_cost",
           "package_plan", "report_build", "periods_build_json", "price_json",
           "cost_json", "set_tariffs_json", "package_cost_json", "package_plan_json",
           "report_build_json", "outcomes_measure", "outcomes_measure_json",
           "compare", "compare_json", "spc", "spc_json", "read_textproto"]


def protobuf_module(name):
    """mhpbr.v1.<name> (e.g. "pricing_pb2"), with a clear error when the
    protobuf runtime is missing."""
    try:
        import google.protobuf  # noqa: F401
    except ImportError as e:
        raise ImportError(
            "mhpbr: the batch calls need the protobuf runtime (Debian: apt "
            "install python3-protobuf; else pip install protobuf)") from e
    return importlib.import_module("mhpbr.v1." + name)


def _message_class(module, name):
    return getattr(protobuf_module(module), name)


def _request(request, fields, request_class):
    """A serialized request from a message, a dict in protobuf's JSON
    mapping, serialized bytes, or constructor keywords."""
    if fields:
        if request is not None:
            raise TypeError("give a request or its fields, not both")
        return request_class(**fields).SerializeToString()
    if request is None:
        return b""
    if isinstance(request, (bytes, bytearray, memoryview)):
        return bytes(request)
    if isinstance(request, dict):
        from google.protobuf import json_format
        try:
            return json_format.ParseDict(request, request_class()).SerializeToString()
        except json_format.ParseError as e:
            raise _capi.InvalidArgument("request: %s" % e) from None
    descriptor = getattr(request, "DESCRIPTOR", None)
    if descriptor is None or descriptor.full_name != request_class.DESCRIPTOR.full_name:
        raise TypeError("request: a %s, not %s" % (request_class.DESCRIPTOR.full_name,
                                                   type(request).__name__))
    return request.SerializeToString()


def _present(fn, name):
    if fn is None:
        raise _capi.Unimplemented("%s has no mhpbr_%s: a libmhpbr older than this "
                                  "package's call" % (_capi.library_path, name))
    return fn


def _call(fn, module, request_name, response_name, request, rules, fields):
    request_class = _message_class(module, request_name)
    response_class = _message_class(module, response_name)
    raw = _request(request, fields, request_class)
    rules = rules_or_default(rules)
    out, size = ctypes.c_void_p(), ctypes.c_size_t()
    _capi.call(fn, rules._handle, raw, len(raw), ctypes.byref(out), ctypes.byref(size))
    return response_class.FromString(_capi.taken_bytes(out, size))


_HOW = """

    `request` is the message, a dict of it in protobuf's JSON mapping, or its
    serialized bytes; or give its fields as keywords instead (as the message's
    constructor takes them). `rules` defaults to Rules.default(). Errors
    raise mhpbr.Error subclasses (InvalidArgument names the field)."""


def periods_build(request=None, *, rules=None, **fields):
    """Cluster periods, review dates, overdue days and transition flags:
    a mhpbr.v1.PeriodRequest (as_of, events, transitions) in, a
    mhpbr.v1.PeriodResponse out. Malformed events do not fail the call: they
    are in the response's `errors`."""
    return _call(_capi.periods_build, "periods_pb2", "PeriodRequest",
                 "PeriodResponse", request, rules, fields)


def price(request=None, *, rules=None, **fields):
    """Prices a contract year, exact to the penny: a mhpbr.v1.PriceRequest
    (contract, tariff, periods, one_offs) in, a mhpbr.v1.Statement out. An
    invalid field raises InvalidArgument; an amount past 64-bit pence
    OutOfRange. With as_of ("YYYY-MM-DD", in the contract year) the
    statement is the forecast outturn and its `in_year` says what was
    earned month by month to that day (as `mhpbr price --as-of`); an as_of
    outside the contract year raises InvalidArgument."""
    return _call(_capi.price, "pricing_pb2", "PriceRequest", "Statement",
                 request, rules, fields)


def cost(request=None, *, rules=None, **fields):
    """Costs activity against cluster periods: a mhpbr.v1.CostRequest
    (unit_costs, as_of, periods, activity) in, a mhpbr.v1.CostResponse out
    (per period and cluster, the unclustered bucket, rejected records)."""
    return _call(_capi.cost, "costing_pb2", "CostRequest", "CostResponse",
                 request, rules, fields)


def set_tariffs(request=None, *, rules=None, **fields):
    """Sets tariffs from costed periods: a mhpbr.v1.TariffRequest (settings,
    samples) in, a mhpbr.v1.TariffResponse (schedule, evidence) out."""
    return _call(_capi.set_tariffs, "costing_pb2", "TariffRequest",
                 "TariffResponse", request, rules, fields)


def package_cost(request=None, *, rules=None, **fields):
    """Expected cost of each care-package template for one review period,
    by tier: a mhpbr.v1.PackageCostRequest (catalogue, unit_costs; either
    left empty means the built-in example) in, a
    mhpbr.v1.PackageCostResponse out. With no request, the built-in
    catalogue at the built-in unit costs."""
    return _call(_capi.package_cost, "care_package_pb2", "PackageCostRequest",
                 "PackageCostResponse", request, rules, fields)


def package_plan(request=None, *, rules=None, **fields):
    """A personal care plan with its notional budget and, when the request
    has activity, delivered care against the plan: a mhpbr.v1.PlanRequest
    in, a mhpbr.v1.PlanResponse out."""
    return _call(_capi.package_plan, "care_package_pb2", "PlanRequest",
                 "PlanResponse", request, rules, fields)


def report_build(request=None, *, rules=None, **fields):
    """The analysis report (are clusters a fair basis for payment?): a
    mhpbr.v1.ReportRequest (as_of, unit_costs, periods, activity, and
    optionally assessments, events, transitions) in, a
    mhpbr.v1.ReportResponse out: the tables `mhpbr report --csv-dir` writes
    and the HTML page. Rows that cannot be used are in its `errors`."""
    return _call(_present(_capi.report_build, "report_build"), "report_pb2", "ReportRequest", "ReportResponse",
                 request, rules, fields)


def outcomes_measure(request=None, *, rules=None, **fields):
    """HoNOS change over cluster periods and the indicators pricing pays on
    (as `mhpbr outcomes`): a mhpbr.v1.OutcomesRequest (as_of, events,
    assessments, activity) in, a mhpbr.v1.OutcomesResponse out; its
    `indicators` go straight into a PriceRequest's. Rows that cannot be
    used are in its `errors`. Fair comparison (as `mhpbr outcomes --unit`):
    give `unit_column` ("team", "provider" or "commissioner") and
    optionally `reference` strata (cluster, band "0-10"/"11-15"/"16-20"/
    "21+", paired, improved); the response then has `by_unit` (the rows of
    --by-unit, decimals as text), `strata` (what --write-reference writes),
    `unadjusted` and `no_unit`."""
    return _call(_present(_capi.outcomes_measure, "outcomes_measure"),
                 "outcomes_pb2", "OutcomesRequest", "OutcomesResponse",
                 request, rules, fields)


def compare(request=None, *, rules=None, **fields):
    """What-if contracts (as `mhpbr compare`): the same periods priced under
    two or more scenarios, each a name, contract, tariff, one_offs and
    indicators. A mhpbr.v1.CompareRequest (periods, scenarios) in, a
    mhpbr.v1.CompareResponse out: per scenario its totals and payment
    difference from the first (the baseline), per cluster each scenario's
    amount and difference. Fewer than two scenarios, an empty or repeated
    name, or a bad field raise InvalidArgument naming the scenario."""
    return _call(_present(_capi.compare, "compare"), "compare_pb2",
                 "CompareRequest", "CompareResponse", request, rules, fields)


def spc(request=None, *, rules=None, **fields):
    """Making Data Count SPC charts of monthly series (as `mhpbr spc`): a
    mhpbr.v1.SpcRequest (series, each a name, months "YYYY-MM" and values
    as decimal text, "" for none; direction, target, fix_after,
    no_screen) in, a mhpbr.v1.SpcResponse out: per series its points (mean,
    lpl, upl, side, the rule flags, point_type), mean, limits, short_series,
    variation and assurance, figures as decimal text. A month or value that
    cannot be read raises InvalidArgument naming the series."""
    return _call(_present(_capi.spc, "spc"), "spc_pb2", "SpcRequest",
                 "SpcResponse", request, rules, fields)


for _f in (periods_build, price, cost, set_tariffs, package_cost, package_plan,
           report_build, outcomes_measure, compare, spc):
    _f.__doc__ += _HOW


# ---- The same calls in protobuf's JSON mapping ---------------------------------------

def _call_json(name, request, rules, fields):
    fn = _present(_capi._JSON[name], name + "_json")
    if fields:
        if request is not None:
            raise TypeError("give a request or its fields, not both")
        request = fields
    if request is None:
        request = {}
    if isinstance(request, str):
        raw = request.encode("utf-8")
    elif isinstance(request, (bytes, bytearray)):
        raw = bytes(request)
    else:
        raw = json.dumps(request).encode("utf-8")
    rules = rules_or_default(rules)
    out, size = ctypes.c_void_p(), ctypes.c_size_t()
    _capi.call(fn, rules._handle, raw, len(raw), ctypes.byref(out), ctypes.byref(size))
    return json.loads(_capi.taken_bytes(out, size).decode("utf-8"))


def _json_doc(name):
    return """As %s, in protobuf's JSON mapping of the same messages, with no
    protobuf runtime needed: the request is a dict (or its JSON text, or its
    fields as keywords) with the .proto files' field names, and the response
    a dict of every field (64-bit integers are strings, as the mapping
    says).""" % name


def periods_build_json(request=None, *, rules=None, **fields):
    return _call_json("periods_build", request, rules, fields)


def price_json(request=None, *, rules=None, **fields):
    return _call_json("price", request, rules, fields)


def cost_json(request=None, *, rules=None, **fields):
    return _call_json("cost", request, rules, fields)


def set_tariffs_json(request=None, *, rules=None, **fields):
    return _call_json("set_tariffs", request, rules, fields)


def package_cost_json(request=None, *, rules=None, **fields):
    return _call_json("package_cost", request, rules, fields)


def package_plan_json(request=None, *, rules=None, **fields):
    return _call_json("package_plan", request, rules, fields)


def report_build_json(request=None, *, rules=None, **fields):
    return _call_json("report_build", request, rules, fields)


def outcomes_measure_json(request=None, *, rules=None, **fields):
    return _call_json("outcomes_measure", request, rules, fields)


def compare_json(request=None, *, rules=None, **fields):
    return _call_json("compare", request, rules, fields)


def spc_json(request=None, *, rules=None, **fields):
    return _call_json("spc", request, rules, fields)


for _f in (periods_build_json, price_json, cost_json, set_tariffs_json,
           package_cost_json, package_plan_json, report_build_json,
           outcomes_measure_json, compare_json, spc_json):
    _f.__doc__ = _json_doc(_f.__name__[:-len("_json")])


def read_textproto(path, message_class):
    """A message of `message_class` (e.g. mhpbr.v1.pricing_pb2.Contract) read
    from a file in protobuf text format, such as
    examples/data/contract.textproto. A parse error raises InvalidArgument
    naming the file, line and column."""
    from google.protobuf import text_format
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        return text_format.Parse(text, message_class())
    except text_format.ParseError as e:
        raise _capi.InvalidArgument("%s:%s" % (os.fspath(path), e)) from None
