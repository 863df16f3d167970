"""Rule sets and MHCT classification: plain structs through ctypes, no
protobuf."""

import ctypes
import math
import os
import threading
from dataclasses import dataclass, field
from typing import List, Optional

from . import _capi
from ._capi import InvalidArgument

__all__ = ["ITEMS", "ITEM8_TYPES", "NOT_KNOWN", "Rules", "Classifier",
           "Classification", "AllocationCheck", "Assessment"]

# Profile rows in the C API's order (mhpbr_item_code): 1-13, then A-E.
ITEMS = tuple(_capi.item_code(i).decode() for i in range(_capi.ITEM_COUNT))
# Item 8 given by type.
ITEM8_TYPES = tuple("8" + c for c in "ABCDEFGHIJ")
NOT_KNOWN = _capi.NOT_KNOWN

_ROW = {code: i for i, code in enumerate(ITEMS)}
_TYPE = {code: i for i, code in enumerate(ITEM8_TYPES)}
_SUPERCLASSES = {0: "variance", 1: "non-psychotic", 2: "psychotic", 3: "organic"}
_REASONS = {0: "", 1: "no_fit", 2: "too_few_known"}


# ---- Cell values -------------------------------------------------------------
# Inputs come from Python code and from DataFrames read from CSV, so a
# missing value may be None, NaN, pandas.NA or an empty string, and a number
# may be a float or a string.

def is_missing(value):
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, float):
        return math.isnan(value)
    # pandas.NA and NaT: their truth value raises or they equal nothing.
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return True


def as_int(value, what):
    """An integer from an int, an integral float or a decimal string."""
    if isinstance(value, bool):
        raise InvalidArgument("%s: %r is not a number" % (what, value))
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("+-").isdigit():
            return int(text)
        raise InvalidArgument("%s: %r is not a whole number" % (what, value))
    try:
        if float(value) == int(value):
            return int(value)
    except (TypeError, ValueError, OverflowError):
        pass
    raise InvalidArgument("%s: %r is not a whole number" % (what, value))


def _answer(value, what):
    """MHPBR_ANSWER_*: None/missing unknown, else yes or no."""
    if is_missing(value):
        return 0
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("y", "yes", "true"):
            return 2
        if text in ("n", "no", "false"):
            return 1
        raise InvalidArgument("%s: %r is not y, n, yes or no" % (what, value))
    if isinstance(value, bool) or value in (0, 1):
        return 2 if value else 1
    raise InvalidArgument("%s: %r is not a yes or no" % (what, value))


def item_code(key):
    """An item code ("1".."13", "8A".."8J", "A".."E") from a key such as
    7, "7", "r7", "r8a" or "A"."""
    code = str(key).strip().upper()
    if code.startswith("R") and len(code) > 1:
        code = code[1:]
    if code in _ROW or code in _TYPE:
        return code
    raise InvalidArgument("item %r is not an MHCT item" % (key,))


def _rating(value, code):
    if is_missing(value):
        return NOT_KNOWN
    rating = as_int(value, "item %s" % code)
    if not 0 <= rating <= 255:  # the library says which ratings are valid
        raise InvalidArgument("item %s: rating %d is not 0-4 or 9" % (code, rating))
    return rating


# ---- Assessments ---------------------------------------------------------------

@dataclass
class Assessment:
    """One MHCT assessment: `ratings` maps item codes ("1".."13", "8" or
    "8A".."8J", "A".."E"; "r7" and 7 also do) to 0-4, with None or 9 for not
    known, or is a sequence of 18 ratings in profile row order (1-13, A-E).
    Items left out are not known. `organic` and `psychosis` are the
    clinician's answers (True, False or None for not known; "y"/"n" too);
    `allocated` the clinician's cluster or None."""
    ratings: object
    organic: object = None
    psychosis: object = None
    allocated: object = None

    def _fill(self, a):
        ratings = self.ratings
        if isinstance(ratings, Assessment):
            raise TypeError("ratings: an Assessment inside an Assessment")
        if hasattr(ratings, "items"):
            pairs = [(item_code(k), v) for k, v in ratings.items()]
        elif isinstance(ratings, (str, bytes)):
            raise TypeError("ratings: a mapping of item to rating, or a "
                            "sequence of 18 ratings")
        else:
            values = list(ratings)
            if len(values) != _capi.ITEM_COUNT:
                raise InvalidArgument("ratings: %d values given, the 18 profile "
                                      "rows (1-13, A-E) needed" % len(values))
            pairs = list(zip(ITEMS, values))
        for code, value in pairs:
            if code in _TYPE:
                # Item 8 is given by type when any type is (an empty r8a..r8j
                # beside r8 leaves it to r8, as the tool reads a CSV row).
                if not is_missing(value):
                    a.item8_form = 1  # MHPBR_ITEM8_TYPES
                a.item8_types[_TYPE[code]] = _rating(value, code)
            else:
                a.ratings[_ROW[code]] = _rating(value, code)
        a.organic = _answer(self.organic, "organic")
        a.psychosis = _answer(self.psychosis, "psychosis")
        a.allocated_cluster = (_capi.NO_CLUSTER if is_missing(self.allocated)
                               else as_int(self.allocated, "allocated_cluster"))

    def _struct(self):
        a = _capi.new(_capi.Assessment)
        self._fill(a)
        return a


def _as_assessment(x, organic=None, psychosis=None, allocated=None):
    if isinstance(x, Assessment):
        return x
    return Assessment(x, organic, psychosis, allocated)


# ---- Rules ---------------------------------------------------------------------

class Rules:
    """A validated MHCT rule set (immutable: share it across threads)."""

    _default = None
    _default_lock = threading.Lock()

    def __init__(self, _handle):
        if not isinstance(_handle, ctypes.c_void_p) or not _handle.value:
            raise TypeError("use Rules.default(), Rules.from_text() or "
                            "Rules.from_file()")
        self._handle = _handle

    @classmethod
    def _load(cls, fn, *args):
        out = ctypes.c_void_p()
        _capi.call(fn, *args, ctypes.byref(out))
        return cls(out)

    @classmethod
    def default(cls):
        """The rule set compiled into the library (loaded once, shared)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls._load(_capi.rules_load_default)
            return cls._default

    @classmethod
    def from_text(cls, text):
        """A rule set in protobuf text format (mhpbr.v1.RuleSet)."""
        raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        return cls._load(_capi.rules_load_text, raw, len(raw))

    @classmethod
    def from_file(cls, path):
        """A rule set file in protobuf text format."""
        return cls._load(_capi.rules_load_file, os.fsencode(path))

    @property
    def source(self):
        """The source document the rule set implements."""
        return _capi.borrowed_str(_capi.rules_source(self._handle))

    @property
    def financial_year(self):
        return _capi.borrowed_str(_capi.rules_financial_year(self._handle))

    @property
    def version(self):
        """The rule set's own version label."""
        return _capi.borrowed_str(_capi.rules_version(self._handle))

    # Live calls on the rule set (capi/mhpbr.h, "Live calls").

    def cluster(self, cluster):
        """The rule set's facts about `cluster` (a ClusterInfo)."""
        from . import _live
        return _live.rules_cluster(self, cluster)

    def review_due(self, cluster, since, as_of):
        """When the review of a period in `cluster` that started (or was last
        reviewed) on `since` falls due, and how overdue it is on `as_of`
        (the period's last day), as `mhpbr periods` computes them. Dates
        are datetime.date, ISO strings or YYYYMMDD; returns a Review."""
        from . import _live
        return _live.rules_review_due(self, cluster, since, as_of)

    def transition_allowed(self, from_cluster, to_cluster):
        """Whether a move at review is in the rule set's transition protocol
        (staying, and moves to or from cluster 0, always are)."""
        from . import _live
        return _live.rules_transition_allowed(self, from_cluster, to_cluster)

    def __repr__(self):
        return "<mhpbr.Rules %s %s (%s)>" % (self.version or "?",
                                             self.financial_year or "?",
                                             self.source or "no source")

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            try:
                _capi.rules_destroy(handle)
            except Exception:  # the module is being torn down at exit
                pass


def rules_or_default(rules):
    if rules is None:
        return Rules.default()
    if not isinstance(rules, Rules):
        raise TypeError("rules: a mhpbr.Rules, not %s" % type(rules).__name__)
    return rules


# ---- Classification ------------------------------------------------------------

def _items(bits):
    return [ITEMS[i] for i in range(_capi.ITEM_COUNT) if bits >> i & 1]


@dataclass
class Classification:
    """The suggestion for one assessment, and the check of its allocation.

    Fit scores are exact thousandths (`suggested_fit_milli`; the float
    `suggested_fit` is the same divided by 1000), None when there is none.
    `superclass` is "variance", "non-psychotic", "psychotic" or "organic";
    `reason` why the suggestion is cluster 0 ("no_fit", "too_few_known", or
    "" when it is not). Items are listed by code in profile row order."""
    suggested_cluster: int
    suggested_fit_milli: Optional[int]
    runner_up_cluster: Optional[int]
    runner_up_fit_milli: Optional[int]
    superclass: str
    reason: str
    known_items: int
    allocated_cluster: Optional[int]
    allocation_red: Optional[bool]
    red_items: List[str] = field(default_factory=list)
    fitting_items: List[str] = field(default_factory=list)
    misfitting_items: List[str] = field(default_factory=list)

    @property
    def suggested_fit(self):
        m = self.suggested_fit_milli
        return None if m is None else m / 1000

    @property
    def runner_up_fit(self):
        m = self.runner_up_fit_milli
        return None if m is None else m / 1000

    @classmethod
    def _from(cls, r):
        has_runner_up = r.runner_up_cluster != _capi.NO_CLUSTER
        return cls(
            suggested_cluster=r.suggested_cluster,
            suggested_fit_milli=r.suggested_fit_milli if r.has_suggested_fit else None,
            runner_up_cluster=r.runner_up_cluster if has_runner_up else None,
            runner_up_fit_milli=r.runner_up_fit_milli if has_runner_up else None,
            superclass=_SUPERCLASSES.get(r.superclass, "variance"),
            reason=_REASONS.get(r.reason, ""),
            known_items=r.known_items,
            allocated_cluster=(None if r.allocated_cluster == _capi.NO_CLUSTER
                               else r.allocated_cluster),
            allocation_red=None if r.allocation_red < 0 else bool(r.allocation_red),
            red_items=_items(r.red_items),
            fitting_items=_items(r.fitting_items),
            misfitting_items=_items(r.misfitting_items),
        )


@dataclass
class AllocationCheck:
    """An allocation checked against its cluster's red rules."""
    cluster: int
    red: bool
    red_items: List[str] = field(default_factory=list)


class Classifier:
    """Suggests a cluster from MHCT ratings and checks an allocation against
    the cluster's red rules. Immutable: share it across threads."""

    def __init__(self, rules=None):
        """`rules`: a Rules (default: Rules.default())."""
        self.rules = rules_or_default(rules)
        out = ctypes.c_void_p()
        _capi.call(_capi.classifier_create, self.rules._handle, ctypes.byref(out))
        self._handle = out

    def classify(self, ratings, organic=None, psychosis=None, allocated=None):
        """Classifies one assessment (see Assessment for the arguments; an
        Assessment itself may be passed as `ratings`). Returns a
        Classification; bad input raises InvalidArgument naming the field."""
        a = _as_assessment(ratings, organic, psychosis, allocated)._struct()
        r = _capi.new(_capi.Result)
        _capi.call(_capi.classify, self._handle, ctypes.byref(a), ctypes.byref(r))
        return Classification._from(r)

    def classify_batch(self, assessments, errors="raise", threads=1):
        """Classifies many assessments (Assessment objects, or ratings
        mappings or sequences) in one call into the library. Returns one
        Classification per assessment, in order. `threads` (0 = the
        machine's cores) splits the batch into contiguous parts classified
        at once; the results are the same as on one thread.

        A bad record does not stop the others. With errors="raise" (the
        default) any bad record raises InvalidArgument naming the first and
        counting them; with errors="keep" each bad record's place in the list
        holds its Error instead (with the library's message for it)."""
        if errors not in ("raise", "keep"):
            raise ValueError('errors: "raise" or "keep", not %r' % (errors,))
        threads = as_int(threads, "threads")
        if threads < 0:
            raise InvalidArgument("threads: 0 (the machine's cores) or more, "
                                  "not %d" % threads)
        items = [_as_assessment(x) for x in assessments]
        n = len(items)
        if n == 0:
            return []
        structs = _capi.init_array((_capi.Assessment * n)())
        bad = {}
        for i, item in enumerate(items):
            try:
                item._fill(structs[i])
            except InvalidArgument as e:
                if errors == "raise":
                    raise InvalidArgument("assessment %d: %s" % (i, e)) from None
                bad[i] = e
                structs[i].allocated_cluster = _capi.NO_CLUSTER
        results = _capi.init_array((_capi.Result * n)())
        err = ctypes.c_void_p()
        if threads == 1 or _capi.classify_batch_threads is None:
            code = _capi.classify_batch(self._handle, structs, n, results,
                                        ctypes.byref(err))
        else:
            code = _capi.classify_batch_threads(self._handle, structs, None, n,
                                                results, threads,
                                                ctypes.byref(err))
        if errors == "raise":
            _capi.check(code, err)
        elif err.value:
            _capi.free(err)
        out = []
        for i in range(n):
            if i in bad:
                out.append(bad[i])
            elif results[i].status != 0:
                # The batch gives only a code per record; one call on the
                # record gets its message.
                try:
                    self.classify(items[i])
                    out.append(_capi.error_for(results[i].status, ""))
                except _capi.Error as e:
                    out.append(e)
            else:
                out.append(Classification._from(results[i]))
        return out

    def check_allocation(self, ratings, cluster, organic=None, psychosis=None):
        """Checks an allocation of these ratings to `cluster` against its red
        rules (cluster 0 is never red). Returns an AllocationCheck."""
        a = _as_assessment(ratings, organic, psychosis)._struct()
        c = _capi.new(_capi.AllocationCheck)
        _capi.call(_capi.check_allocation, self._handle, ctypes.byref(a),
                   as_int(cluster, "cluster"), ctypes.byref(c))
        return AllocationCheck(cluster=c.cluster, red=bool(c.red),
                               red_items=_items(c.red_items))

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            try:
                _capi.classifier_destroy(handle)
            except Exception:  # the module is being torn down at exit
                pass
