"""Wire schemas of the mhpbr.v1 messages the binding exchanges
(proto/mhpbr/v1/*.proto). Field numbers must match those files."""

EVENT_KIND = {"allocate": 1, "discharge": 2}
BASIS = {"day": 1, "period": 2, "year": 3}
PARTIAL_PERIOD = {"full": 1, "pro_rata": 2}
SOCIAL_CARE = {"pooled": 1, "decoupled": 2}
LINE_STATUS = {"priced": 1, "unpriced": 2}

TRANSITION_ROW = {"from": (1, "int", None, False), "to": (2, "int", None, True)}
TRANSITION_TABLE = {
    "allow_all": (1, "bool", None, False),
    "rows": (2, "msg", TRANSITION_ROW, True),
}
PERIOD_EVENT = {
    "patient_id": (1, "string", None, False),
    "date": (2, "string", None, False),
    "kind": (3, "enum", EVENT_KIND, False),
    "cluster": (4, "int", None, False),
    "line": (5, "int", None, False),
}
PERIOD_REQUEST = {
    "as_of": (1, "string", None, False),
    "events": (2, "msg", PERIOD_EVENT, True),
    "transitions": (3, "msg", TRANSITION_TABLE, False),
}
CLUSTER_PERIOD = {
    "patient_id": (1, "string", None, False),
    "cluster": (2, "int", None, False),
    "start": (3, "string", None, False),
    "end": (4, "string", None, False),
    "days": (5, "int", None, False),
    "review_due": (6, "string", None, False),
    "overdue_days": (7, "int", None, False),
    "transition_ok": (8, "bool", None, False),
    "superseded": (9, "int", None, False),
    "reviews": (10, "int", None, False),
}
EVENT_ERROR = {
    "line": (1, "int", None, False),
    "patient_id": (2, "string", None, False),
    "reason": (3, "string", None, False),
}
PERIOD_TOTALS = {
    "periods": (1, "int", None, False),
    "days": (2, "int", None, False),
    "overdue_periods": (3, "int", None, False),
}
PERIOD_RESPONSE = {
    "periods": (1, "msg", CLUSTER_PERIOD, True),
    "errors": (2, "msg", EVENT_ERROR, True),
    "events_used": (3, "int", None, False),
    "events_after_as_of": (4, "int", None, False),
    "superseded": (5, "int", None, False),
    "by_patient": (6, "msg", {"patient_id": (1, "string", None, False),
                              "totals": (2, "msg", PERIOD_TOTALS, False)}, True),
    "by_cluster": (7, "msg", {"cluster": (1, "int", None, False),
                              "totals": (2, "msg", PERIOD_TOTALS, False)}, True),
    "all": (8, "msg", PERIOD_TOTALS, False),
}

RISK_BAND = {
    "from_pct": (1, "int", None, False),
    "to_pct": (2, "int", None, False),
    "rate_ppm": (3, "int", None, False),
}
OUTCOME = {
    "name": (1, "string", None, False),
    "weight_ppm": (2, "int", None, False),
    "attainment_ppm": (3, "int", None, False),
}
CONTRACT = {
    "year_start": (1, "string", None, False),
    "mff_ppm": (2, "int", None, False),
    "partial_period": (3, "enum", PARTIAL_PERIOD, False),
    "social_care": (4, "enum", SOCIAL_CARE, False),
    "baseline_pence": (5, "int", None, False),
    "risk_bands": (6, "msg", RISK_BAND, True),
    "withhold_ppm": (7, "int", None, False),
    "outcomes": (8, "msg", OUTCOME, True),
}
TARIFF_ENTRY = {
    "cluster": (1, "int", None, False),
    "basis": (2, "enum", BASIS, False),
    "price_pence": (3, "int", None, False),
    "social_care_ppm": (4, "int", None, False),
}
TARIFF_SCHEDULE = {
    "source": (1, "string", None, False),
    "entries": (2, "msg", TARIFF_ENTRY, True),
}
PERIOD_TO_PRICE = {
    "patient_id": (1, "string", None, False),
    "cluster": (2, "int", None, False),
    "start": (3, "string", None, False),
    "end": (4, "string", None, False),
}
ONE_OFF = {
    "item": (1, "string", None, False),
    "count": (2, "int", None, False),
    "price_pence": (3, "int", None, False),
}
PRICE_REQUEST = {
    "contract": (1, "msg", CONTRACT, False),
    "tariff": (2, "msg", TARIFF_SCHEDULE, False),
    "periods": (3, "msg", PERIOD_TO_PRICE, True),
    "one_offs": (4, "msg", ONE_OFF, True),
}
STATEMENT_LINE = {
    "patient_id": (1, "string", None, False),
    "cluster": (2, "int", None, False),
    "start": (3, "string", None, False),
    "end": (4, "string", None, False),
    "days_in_year": (5, "int", None, False),
    "basis": (6, "enum", BASIS, False),
    "units": (7, "int", None, False),
    "amount_pence": (8, "int", None, False),
    "social_care_pence": (9, "int", None, False),
    "status": (10, "enum", LINE_STATUS, False),
    "one_off": (11, "bool", None, False),
    "item": (12, "string", None, False),
}
STATEMENT = {
    "lines": (1, "msg", STATEMENT_LINE, True),
    "clusters": (2, "msg", {
        "cluster": (1, "int", None, False),
        "patients": (2, "int", None, False),
        "periods": (3, "int", None, False),
        "days": (4, "int", None, False),
        "amount_pence": (5, "int", None, False),
    }, True),
    "totals": (3, "msg", {
        "activity_pence": (1, "int", None, False),
        "risk_shared_pence": (2, "int", None, False),
        "risk_share_pence": (3, "int", None, False),
        "withheld_pence": (4, "int", None, False),
        "earned_pence": (5, "int", None, False),
        "payment_pence": (6, "int", None, False),
        "health_pence": (7, "int", None, False),
        "social_care_pence": (8, "int", None, False),
        "baseline_pence": (9, "int", None, False),
    }, False),
    "decoupled": (4, "bool", None, False),
}
