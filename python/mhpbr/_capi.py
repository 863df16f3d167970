"""The C library (libmhpbr) through ctypes: finding it, its functions and
structs, and its status codes as exceptions.

Everything here mirrors capi/mhpbr.h; nothing else in the package touches
ctypes declarations.
"""

import ctypes
import ctypes.util
import os

__all__ = [
    "Error", "Cancelled", "Unknown", "InvalidArgument", "NotFound",
    "ResourceExhausted", "FailedPrecondition", "OutOfRange", "Unimplemented",
    "Internal", "DataLoss", "library_path", "version", "version_number",
]


# ---- Errors -----------------------------------------------------------------

class Error(Exception):
    """An error reported by libmhpbr.

    `code` is the C API's mhpbr_code (numbered like absl::StatusCode),
    `code_name` its name ("INVALID_ARGUMENT"), and str(error) the library's
    message, which names the record and field at fault."""

    code = 2  # MHPBR_UNKNOWN, for an Error made without a code

    def __init__(self, message="", code=None):
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self):
        return str(self)

    @property
    def code_name(self):
        return _code_name(self.code)


class Cancelled(Error):
    code = 1


class Unknown(Error):
    code = 2


class InvalidArgument(Error, ValueError):
    code = 3


class NotFound(Error, LookupError):
    code = 5


class ResourceExhausted(Error):
    code = 8


class FailedPrecondition(Error):
    code = 9


class OutOfRange(Error, OverflowError):
    code = 11


class Unimplemented(Error, NotImplementedError):
    code = 12


class Internal(Error):
    code = 13


class DataLoss(Error):
    code = 15


_ERRORS = {cls.code: cls for cls in (
    Cancelled, Unknown, InvalidArgument, NotFound, ResourceExhausted,
    FailedPrecondition, OutOfRange, Unimplemented, Internal, DataLoss)}


def error_for(code, message):
    """The Error subclass instance for a C status code."""
    return _ERRORS.get(code, Error)(message, code)


# ---- Finding and loading the library ----------------------------------------

def _find_library():
    """MHPBR_LIBRARY, else a build tree beside this package, else the system
    loader's libmhpbr."""
    path = os.environ.get("MHPBR_LIBRARY")
    if path:
        return path
    here = os.path.dirname(os.path.abspath(__file__))
    # python/mhpbr in a source checkout built into build/; build/python/mhpbr
    # as CMake stages it beside build/lib.
    for rel in ("../../build/lib/libmhpbr.so", "../../lib/libmhpbr.so"):
        candidate = os.path.normpath(os.path.join(here, rel))
        if os.path.exists(candidate):
            return candidate
    return ctypes.util.find_library("mhpbr") or "libmhpbr.so.0"


def _load():
    path = _find_library()
    try:
        return path, ctypes.CDLL(path)
    except OSError as e:
        raise ImportError(
            "mhpbr: cannot load the C library %r (%s). Build it (README.md) "
            "and set MHPBR_LIBRARY to build/lib/libmhpbr.so, or install it "
            "where the system loader finds it." % (path, e)) from e


library_path, _lib = _load()

# ---- Declarations ------------------------------------------------------------

c_code = ctypes.c_int32
c_handle = ctypes.c_void_p
c_error_p = ctypes.POINTER(ctypes.c_void_p)  # char**, freed with mhpbr_free


def declare(name, restype, *argtypes, optional=False):
    """The C function `name`, typed. An `optional` one (a call newer than
    some libraries the package may meet) is None when this libmhpbr lacks
    it; any other missing function means a wrong library."""
    try:
        fn = getattr(_lib, name)
    except AttributeError:
        if optional:
            return None
        raise ImportError("mhpbr: %s has no %s: not a libmhpbr this package "
                          "supports" % (library_path, name)) from None
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn


_version = declare("mhpbr_version", ctypes.c_char_p)
_version_number = declare("mhpbr_version_number", ctypes.c_int32)
free = declare("mhpbr_free", None, ctypes.c_void_p)
_code_name_fn = declare("mhpbr_code_name", ctypes.c_char_p, c_code)
item_code = declare("mhpbr_item_code", ctypes.c_char_p, ctypes.c_int32)


def _code_name(code):
    name = _code_name_fn(code)
    return name.decode() if name else str(code)


def check(code, error):
    """Raises the Error for a failed call, taking and freeing the C message
    in `error` (a c_void_p the call filled)."""
    if code == 0:
        return
    message = ""
    if error.value:
        message = ctypes.string_at(error.value).decode("utf-8", "replace")
        free(error)
    raise error_for(code, message)


def call(fn, *args):
    """Calls a C function whose last parameter is `char** error`, raising
    the Error it reports."""
    err = ctypes.c_void_p()
    check(fn(*args, ctypes.byref(err)), err)


def version():
    """The version string ("MAJOR.MINOR.PATCH") of the libmhpbr loaded."""
    return _version().decode()


def version_number():
    """MHPBR_VERSION_NUMBER of the libmhpbr loaded (MAJOR*10000 + MINOR*100
    + PATCH)."""
    return _version_number()


def borrowed_str(p):
    """A borrowed `const char*` result as str ("" for NULL)."""
    return p.decode("utf-8", "replace") if p else ""


def taken_bytes(out, size):
    """The bytes of a buffer the library handed out, freeing it."""
    try:
        return ctypes.string_at(out.value, size.value) if out.value and size.value else b""
    finally:
        free(out)


# ---- Structs -----------------------------------------------------------------

class Struct(ctypes.Structure):
    """A C API struct: `struct_size` first, set from ctypes.sizeof."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.struct_size = ctypes.sizeof(self)


ITEM_COUNT = 18
ITEM8_TYPE_COUNT = 10
NOT_KNOWN = 9
NO_CLUSTER = -1


class Assessment(Struct):
    """mhpbr_assessment."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("ratings", ctypes.c_uint8 * ITEM_COUNT),
        ("item8_types", ctypes.c_uint8 * ITEM8_TYPE_COUNT),
        ("item8_form", ctypes.c_int32),
        ("organic", ctypes.c_int32),
        ("psychosis", ctypes.c_int32),
        ("allocated_cluster", ctypes.c_int32),
    ]


class Result(Struct):
    """mhpbr_result."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("status", c_code),
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


class AllocationCheck(Struct):
    """mhpbr_allocation_check."""
    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("cluster", ctypes.c_int32),
        ("red", ctypes.c_int32),
        ("red_items", ctypes.c_uint32),
    ]


_p = ctypes.POINTER

rules_load_default = declare("mhpbr_rules_load_default", c_code,
                             _p(c_handle), c_error_p)
rules_load_text = declare("mhpbr_rules_load_text", c_code, ctypes.c_char_p,
                          ctypes.c_size_t, _p(c_handle), c_error_p)
rules_load_file = declare("mhpbr_rules_load_file", c_code, ctypes.c_char_p,
                          _p(c_handle), c_error_p)
rules_destroy = declare("mhpbr_rules_destroy", None, c_handle)
rules_source = declare("mhpbr_rules_source", ctypes.c_char_p, c_handle)
rules_financial_year = declare("mhpbr_rules_financial_year", ctypes.c_char_p,
                               c_handle)
rules_version = declare("mhpbr_rules_version", ctypes.c_char_p, c_handle)
# Rule-set bundles by date: newer than the calls above.
rules_load_bundle_text = declare("mhpbr_rules_load_bundle_text", c_code,
                                 ctypes.c_char_p, ctypes.c_size_t,
                                 _p(c_handle), c_error_p, optional=True)
rules_load_bundle_file = declare("mhpbr_rules_load_bundle_file", c_code,
                                 ctypes.c_char_p, _p(c_handle), c_error_p,
                                 optional=True)
rules_count = declare("mhpbr_rules_count", ctypes.c_int32, c_handle,
                      optional=True)

classifier_create = declare("mhpbr_classifier_create", c_code, c_handle,
                            _p(c_handle), c_error_p)
classifier_destroy = declare("mhpbr_classifier_destroy", None, c_handle)
classify = declare("mhpbr_classify", c_code, c_handle, _p(Assessment),
                   _p(Result), c_error_p)
classify_batch = declare("mhpbr_classify_batch", c_code, c_handle,
                         _p(Assessment), ctypes.c_size_t, _p(Result), c_error_p)
check_allocation = declare("mhpbr_check_allocation", c_code, c_handle,
                           _p(Assessment), ctypes.c_int32, _p(AllocationCheck),
                           c_error_p)
classify_on = declare("mhpbr_classify_on", c_code, c_handle, ctypes.c_int32,
                      _p(Assessment), _p(Result), c_error_p, optional=True)
classify_batch_on = declare("mhpbr_classify_batch_on", c_code, c_handle,
                            _p(Assessment), _p(ctypes.c_int32),
                            ctypes.c_size_t, _p(Result), c_error_p,
                            optional=True)
classify_batch_threads = declare("mhpbr_classify_batch_threads", c_code,
                                 c_handle, _p(Assessment), _p(ctypes.c_int32),
                                 ctypes.c_size_t, _p(Result), ctypes.c_int32,
                                 c_error_p, optional=True)

# The batch calls: (rules, request, request_size, &response, &response_size,
# &error), protobuf bytes both ways.
_BATCH = (c_code, c_handle, ctypes.c_char_p, ctypes.c_size_t, _p(ctypes.c_void_p),
          _p(ctypes.c_size_t), c_error_p)
periods_build = declare("mhpbr_periods_build", *_BATCH)
price = declare("mhpbr_price", *_BATCH)
cost = declare("mhpbr_cost", *_BATCH)
set_tariffs = declare("mhpbr_set_tariffs", *_BATCH)
package_cost = declare("mhpbr_package_cost", *_BATCH)
package_plan = declare("mhpbr_package_plan", *_BATCH)
# Newer than the others: None in a library without it.
report_build = declare("mhpbr_report_build", *_BATCH, optional=True)
outcomes_measure = declare("mhpbr_outcomes_measure", *_BATCH, optional=True)
compare = declare("mhpbr_compare", *_BATCH, optional=True)
spc = declare("mhpbr_spc", *_BATCH, optional=True)

# The same calls in protobuf's JSON mapping (JSON text in, a NUL-terminated
# JSON string out); None in a library without them.
_JSON = {name: declare("mhpbr_%s_json" % name, *_BATCH, optional=True)
         for name in ("periods_build", "price", "cost", "set_tariffs", "package_cost",
                      "package_plan", "report_build", "outcomes_measure",
                      "compare", "spc")}


# ---- Live calls (capi/mhpbr.h, "Live calls") ----------------------------------
# Declared optional: a libmhpbr from before them still serves the rest of
# the package, and the classes in _live.py say which call is missing.

_c_str = ctypes.c_char_p
_i32, _i64, _u32 = ctypes.c_int32, ctypes.c_int64, ctypes.c_uint32
NO_DATE = 0


class ClusterInfo(Struct):
    """mhpbr_cluster_info."""
    _fields_ = [("struct_size", _u32), ("cluster", _i32), ("superclass", _i32),
                ("review_count", _i32), ("review_unit", _i32), ("review_days", _i32),
                ("name", _c_str), ("subgroup", _c_str)]


class Review(Struct):
    """mhpbr_review."""
    _fields_ = [("struct_size", _u32), ("review_due", _i32), ("overdue_days", _i32)]


class Period(Struct):
    """mhpbr_period."""
    _fields_ = [("struct_size", _u32), ("cluster", _i32), ("start", _i32),
                ("end", _i32), ("patient_id", _c_str)]


class Payment(Struct):
    """mhpbr_payment."""
    _fields_ = [("struct_size", _u32), ("status", _i32), ("basis", _i32),
                ("days_in_year", _i32), ("units", _i64), ("price_pence", _i64),
                ("social_care_ppm", _i64), ("mff_ppm", _i64), ("amount_pence", _i64),
                ("social_care_pence", _i64)]


class Activity(Struct):
    """mhpbr_activity."""
    _fields_ = [("struct_size", _u32), ("kind", _i32), ("date", _i32),
                ("attendees", _i32), ("activity_id", _c_str), ("patient_id", _c_str),
                ("staff_group", _c_str), ("ward", _c_str), ("minutes", _i64),
                ("count", _i64), ("cost_pence", _i64)]


class Attribution(Struct):
    """mhpbr_attribution."""
    _fields_ = [("struct_size", _u32), ("status", c_code), ("period", _i64),
                ("cost_pence", _i64)]


class PeriodCost(Struct):
    """mhpbr_period_cost."""
    _fields_ = [("struct_size", _u32), ("cluster", _i32), ("days", _i64),
                ("records", _i64), ("cost_pence", _i64)]


class ClusterCost(Struct):
    """mhpbr_cluster_cost."""
    _fields_ = [("struct_size", _u32), ("cluster", _i32), ("periods", _i64),
                ("days", _i64), ("records", _i64), ("cost_pence", _i64)]


class CostTotals(Struct):
    """mhpbr_cost_totals."""
    _fields_ = [("struct_size", _u32), ("reserved", _i32), ("records_read", _i64),
                ("records_rejected", _i64), ("clustered_records", _i64),
                ("clustered_pence", _i64), ("unclustered_records", _i64),
                ("unclustered_pence", _i64), ("unknown_patient_records", _i64),
                ("total_pence", _i64), ("periods", _i64)]


class PackageElement(Struct):
    """mhpbr_package_element."""
    _fields_ = [("struct_size", _u32), ("cluster", _i32), ("tier", _i32),
                ("setting", _i32), ("id", _c_str), ("name", _c_str),
                ("intervention", _c_str), ("guidance", _c_str), ("staff_group", _c_str),
                ("ward", _c_str), ("share_ppm", _i64), ("contacts", _i64),
                ("minutes_per_contact", _i64), ("bed_days", _i64), ("cost_pence", _i64),
                ("expected_cost_pence", _i64)]


class TemplateCost(Struct):
    """mhpbr_template_cost."""
    _fields_ = [("struct_size", _u32), ("cluster", _i32), ("core_pence", _i64),
                ("essential_pence", _i64), ("variance_pence", _i64), ("total_pence", _i64)]


# Every struct of the C API, by its C name (the layout test compares them
# with the C compiler's sizeof and offsetof).
STRUCTS = {
    "mhpbr_assessment": Assessment, "mhpbr_result": Result,
    "mhpbr_allocation_check": AllocationCheck, "mhpbr_cluster_info": ClusterInfo,
    "mhpbr_review": Review, "mhpbr_period": Period, "mhpbr_payment": Payment,
    "mhpbr_activity": Activity, "mhpbr_attribution": Attribution,
    "mhpbr_period_cost": PeriodCost, "mhpbr_cluster_cost": ClusterCost,
    "mhpbr_cost_totals": CostTotals, "mhpbr_package_element": PackageElement,
    "mhpbr_template_cost": TemplateCost,
}


def _live(name, restype, *argtypes):
    return declare(name, restype, *argtypes, optional=True)


_sz = ctypes.c_size_t
_INIT_SIZED = {cls: declare(name + "_init_sized", None, _p(cls), _sz,
                            optional=cls not in (Assessment, Result, AllocationCheck))
               for name, cls in STRUCTS.items()}


def new(cls):
    """A struct of `cls` with the library's defaults (its sized init), its
    struct_size the size ctypes gives it."""
    s = cls()
    init = _INIT_SIZED.get(cls)
    if init is not None:
        init(ctypes.byref(s), ctypes.sizeof(s))
    return s


def init_array(array):
    """The library's defaults in each struct of a ctypes array."""
    cls = array._type_
    init = _INIT_SIZED[cls]
    for i in range(len(array)):
        init(ctypes.byref(array[i]), ctypes.sizeof(cls))
    return array


rules_cluster = _live("mhpbr_rules_cluster", c_code, c_handle, _i32, _p(ClusterInfo),
                      c_error_p)
rules_review_due = _live("mhpbr_rules_review_due", c_code, c_handle, _i32, _i32, _i32,
                         _p(Review), c_error_p)
rules_transition_allowed = _live("mhpbr_rules_transition_allowed", c_code, c_handle,
                                 _i32, _i32, _p(_i32), c_error_p)

transitions_load_text = _live("mhpbr_transitions_load_text", c_code, _c_str, _sz,
                              _p(c_handle), c_error_p)
transitions_load_file = _live("mhpbr_transitions_load_file", c_code, _c_str,
                              _p(c_handle), c_error_p)
transitions_destroy = _live("mhpbr_transitions_destroy", None, c_handle)
transitions_allowed = _live("mhpbr_transitions_allowed", c_code, c_handle, _i32, _i32,
                            _p(_i32), c_error_p)

tariff_create = _live("mhpbr_tariff_create", c_code, c_handle, _c_str, _sz, _c_str, _sz,
                      _p(c_handle), c_error_p)
tariff_create_files = _live("mhpbr_tariff_create_files", c_code, c_handle, _c_str, _c_str,
                            _p(c_handle), c_error_p)
tariff_destroy = _live("mhpbr_tariff_destroy", None, c_handle)
tariff_price_period = _live("mhpbr_tariff_price_period", c_code, c_handle, _p(Period),
                            _p(Payment), c_error_p)

coster_create = _live("mhpbr_coster_create", c_code, c_handle, _c_str, _sz, _p(Period), _sz,
                      _i32, _p(c_handle), c_error_p)
coster_create_file = _live("mhpbr_coster_create_file", c_code, c_handle, _c_str,
                           _p(Period), _sz, _i32, _p(c_handle), c_error_p)
coster_destroy = _live("mhpbr_coster_destroy", None, c_handle)
coster_add = _live("mhpbr_coster_add", c_code, c_handle, _p(Activity), _p(Attribution),
                   c_error_p)
coster_add_batch = _live("mhpbr_coster_add_batch", c_code, c_handle, _p(Activity), _sz,
                         _p(Attribution), c_error_p)
coster_period = _live("mhpbr_coster_period", c_code, c_handle, _sz, _p(PeriodCost),
                      c_error_p)
coster_cluster = _live("mhpbr_coster_cluster", c_code, c_handle, _i32, _p(ClusterCost),
                       c_error_p)
coster_totals = _live("mhpbr_coster_totals", c_code, c_handle, _p(CostTotals), c_error_p)

catalogue_create = _live("mhpbr_catalogue_create", c_code, _c_str, _sz, _c_str, _sz,
                         _p(c_handle), c_error_p)
catalogue_create_files = _live("mhpbr_catalogue_create_files", c_code, _c_str, _c_str,
                               _p(c_handle), c_error_p)
catalogue_destroy = _live("mhpbr_catalogue_destroy", None, c_handle)
catalogue_element_count = _live("mhpbr_catalogue_element_count", c_code, c_handle, _i32,
                                _p(_sz), c_error_p)
catalogue_element = _live("mhpbr_catalogue_element", c_code, c_handle, _i32, _sz,
                          _p(PackageElement), c_error_p)
catalogue_template_cost = _live("mhpbr_catalogue_template_cost", c_code, c_handle, _i32,
                                _p(TemplateCost), c_error_p)
