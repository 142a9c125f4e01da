#!/usr/bin/env python3
"""Reference logistics figures for borderlens, computed independently with pandas and numpy.

For each real shipment-like file in ../shared/data/real/ this script reads the columns that
borderlens' automatic mapping picks (listed explicitly below, with explicit date formats),
applies the row rules borderlens documents (see docs/reference-checks.md), and writes, per
group (origin x destination x carrier x service) and overall, every figure of borderlens'
logistics `GroupStats` to tests/fixtures/reference/<dataset>.json. The native test
crates/core/tests/real_data.rs compares borderlens' figures with these.

It shares no code with borderlens: dates are parsed by pandas with the format each column is
written in, percentiles are numpy's `linear` method (R type 7), the standard deviation is
pandas' sample `std()`. The data stays in ../shared/data/real (its licences keep it out of
the repository); only the figures are committed.

Run (from the repository root):

    python3 -m venv /tmp/refenv && /tmp/refenv/bin/pip install pandas numpy
    /tmp/refenv/bin/python scripts/reference/logistics_reference.py [--data DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]

# z for a two-sided 95 % interval: scipy.stats.norm.ppf(0.975).
Z95 = 1.959963984540054
# Below this many delivered parcels a group is flagged as a small sample.
SMALL_SAMPLE = 30
GROUP_FIELDS = ("origin", "destination", "carrier", "service")


@dataclass(frozen=True)
class DateColumn:
    header: str
    # strftime format of the date part, as written in the file.
    format: str


@dataclass(frozen=True)
class Dataset:
    """One file and the column chosen for each field (None: the file has no such column)."""

    name: str
    path: str
    read_csv: dict
    ship_date: DateColumn | None = None
    delivered_date: DateColumn | None = None
    transit_days: str | None = None
    promised_date: DateColumn | None = None
    # Whole calendar days; none of these files writes working days or ranges.
    promised_days: str | None = None
    origin: str | None = None
    destination: str | None = None
    carrier: str | None = None
    service: str | None = None
    # Money with no currency symbol: figures are in the file's own units.
    shipping_cost: str | None = None
    weight_kg: str | None = None
    # Groupings computed besides the default origin x destination x carrier x service.
    also_by: tuple[tuple[str, ...], ...] = ()
    notes: list[str] = field(default_factory=list)


DATASETS = [
    Dataset(
        name="scms_delivery_history",
        path="scms_delivery_history/SCMS_Delivery_History_Dataset_a.csv",
        # UTF-8 with BOM, CR-only line endings.
        read_csv=dict(encoding="utf-8-sig", lineterminator="\r"),
        # No ship date in the file: the purchase order's date to the vendor is the start of
        # the lead time (`8/29/14`); about half the rows write text there instead.
        ship_date=DateColumn("PO Sent to Vendor Date", "%m/%d/%y"),
        delivered_date=DateColumn("Delivered to Client Date", "%d-%b-%y"),
        promised_date=DateColumn("Scheduled Delivery Date", "%d-%b-%y"),
        destination="Country",
        carrier="Managed By",
        service="Shipment Mode",
        shipping_cost="Freight Cost (USD)",
        weight_kg="Weight (Kilograms)",
        also_by=(("service",),),
        notes=[
            "Transit = PO sent to vendor -> delivered to client (the file has no ship date).",
            "Rows whose PO date is text ('N/A - From RDC', 'Date Not Captured') are rejected.",
        ],
    ),
    Dataset(
        name="dataco_supply_chain",
        path="dataco_supply_chain/DataCoSupplyChainDataset_sample_a.csv",
        read_csv=dict(encoding="utf-8"),
        ship_date=DateColumn("shipping date (DateOrders)", "%m/%d/%Y %H:%M"),
        transit_days="Days for shipping (real)",
        promised_days="Days for shipment (scheduled)",
        destination="Order Country",
        service="Shipping Mode",
        also_by=(("service",),),
        notes=[
            "Transit and promise are the file's own day counts; 'Same Day' is promised 0 days.",
            "Rows are order items; 'Shipping canceled' rows still carry real shipping days.",
        ],
    ),
    Dataset(
        name="olist_classified",
        path="olist_classified/olist_classified_public_dataset_a.csv",
        read_csv=dict(encoding="utf-8"),
        # No ship date in the file: transit is purchase -> delivered to the customer.
        ship_date=DateColumn("order_purchase_timestamp", "%Y-%m-%d %H:%M:%S.%f"),
        delivered_date=DateColumn("order_delivered_customer_date", "%Y-%m-%d %H:%M:%S.%f"),
        promised_date=DateColumn("order_estimated_delivery_date", "%Y-%m-%d %H:%M:%S.%f"),
        shipping_cost="order_freight_value",
        notes=[
            "Transit = purchase -> delivered to the customer (the file has no ship date).",
            "All orders go to Brazil and no column names a carrier or service: one group.",
            "Freight is in BRL; the header names no currency, so the amount is taken as written.",
        ],
    ),
]


def cells(df: pd.DataFrame, header: str | None) -> pd.Series:
    """A column's cells as trimmed text ('' where empty)."""
    if header is None:
        return pd.Series("", index=df.index, dtype=object)
    return df[header].astype(object).fillna("").map(str.strip)


def dates(df: pd.DataFrame, column: DateColumn | None) -> tuple[pd.Series, pd.Series]:
    """(calendar dates with the time of day dropped, mask of non-empty unreadable cells)."""
    text = cells(df, column.header if column else None)
    if column is None:
        return pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]"), text != text
    parsed = pd.to_datetime(text.where(text != ""), format=column.format, errors="coerce")
    return parsed.dt.normalize(), (text != "") & parsed.isna()


def line_numbers(df: pd.DataFrame) -> pd.Series:
    """The line each record starts on, as a text editor shows it (header on line 1)."""
    breaks = df.astype(object).fillna("").apply(lambda col: col.map(lambda s: len(re.findall(r"\r\n|\r|\n", s))))
    embedded = breaks.sum(axis=1)
    return 2 + pd.Series(np.arange(len(df)), index=df.index) + embedded.cumsum().shift(fill_value=0)


def quantile(t: np.ndarray, p: float) -> float | None:
    return float(np.percentile(t, p * 100, method="linear")) if len(t) else None


def smallest_days_covering(t: np.ndarray, percent: int) -> int | None:
    """The smallest whole d with at least `percent` % of the values <= d (exact in integers)."""
    for d in np.unique(t):
        if int((t <= d).sum()) * 100 >= percent * len(t):
            return int(d)
    return None


def wilson(successes: int, trials: int) -> tuple[float | None, float | None]:
    if trials == 0:
        return None, None
    p = successes / trials
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * trials)) / (1 + z2 / trials)
    half = Z95 / (1 + z2 / trials) * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    # At 0 % and 100 % the bounds are exactly 0 and 1 (centre -/+ half in exact arithmetic).
    low = 0.0 if successes == 0 else max(centre - half, 0.0)
    high = 1.0 if successes == trials else min(centre + half, 1.0)
    return low, high


def group_stats(g: pd.DataFrame, reference_date: pd.Timestamp | None) -> dict:
    t = g["transit"].dropna().to_numpy(dtype=np.int64)
    n = len(t)
    delivered = g[g["transit"].notna()]
    known = delivered[delivered["on_time"].notna()]
    on_time = int(known["on_time"].astype(bool).sum())
    late = known[~known["on_time"].astype(bool)]
    mean = float(t.mean()) if n else None
    std = float(pd.Series(t).std(ddof=1)) if n >= 2 else None
    low, high = wilson(on_time, len(known))
    cost = g["cost"].dropna()
    with_weight = g[g["cost"].notna() & (g["weight"] > 0)]
    p95 = quantile(t, 0.95)
    stuck = 0
    if reference_date is not None and p95 is not None:
        open_ = g[g["transit"].isna() & g["shipped"].notna()]
        age = (reference_date - open_["shipped"]).dt.days
        stuck = int(((age >= 0) & (age > p95)).sum())
    return {
        "shipments": len(g),
        "delivered": n,
        "in_transit": len(g) - n,
        "p50_days": quantile(t, 0.50),
        "p75_days": quantile(t, 0.75),
        "p90_days": quantile(t, 0.90),
        "p95_days": p95,
        "max_days": int(t.max()) if n else None,
        "mean_days": mean,
        "std_days": std,
        "cv": std / mean if std is not None and mean else None,
        "promise_known": len(known),
        "on_time": on_time,
        "on_time_rate": on_time / len(known) if len(known) else None,
        "on_time_low": low,
        "on_time_high": high,
        "mean_days_late": float(late["days_late"].mean()) if len(late) else None,
        "promise_days_p90": smallest_days_covering(t, 90),
        "promise_days_p95": smallest_days_covering(t, 95),
        "cost_per_parcel": float(cost.mean()) if len(cost) else None,
        "cost_per_kg": float(with_weight["cost"].sum() / with_weight["weight"].sum()) if len(with_weight) else None,
        "small_sample": n < SMALL_SAMPLE,
        "stuck": stuck,
    }


def analyse(ds: Dataset, data_dir: Path) -> dict:
    # Every cell as text, exactly as written ('N/A' stays text); pandas raises on a record
    # with more fields than the header, so none of these files has one.
    raw = pd.read_csv(
        data_dir / ds.path, dtype=str, keep_default_na=False, skip_blank_lines=False, **ds.read_csv
    )
    lines = line_numbers(raw)
    blank = raw.astype(object).fillna("").apply(lambda col: col.map(str.strip)).eq("").all(axis=1)
    df = raw[~blank]
    lines = lines[~blank]

    shipped, bad_ship = dates(df, ds.ship_date)
    delivered, bad_delivered = dates(df, ds.delivered_date)
    promised, _ = dates(df, ds.promised_date)  # an unreadable promise only loses the promise
    transit_text = cells(df, ds.transit_days)
    given = pd.to_numeric(transit_text.where(transit_text != ""), errors="coerce")
    bad_transit = (transit_text != "") & given.isna()
    if ds.transit_days:
        assert (given.dropna() % 1 == 0).all(), "fractional transit days: rounding rules would matter"
    days_text = cells(df, ds.promised_days)
    promised_days = pd.to_numeric(days_text.where(days_text.str.fullmatch(r"\d+")), errors="coerce")

    # Row rules, first failing rule wins (borderlens checks ship date, then delivered date,
    # then transit days while reading, and the date order once the row is read).
    reason = pd.Series(None, index=df.index, dtype=object)
    column = pd.Series(None, index=df.index, dtype=object)

    def reject(mask: pd.Series, why: str, header: str | None) -> None:
        hit = mask & reason.isna()
        reason[hit] = why
        column[hit] = header

    reject(bad_ship, "unreadable_date", ds.ship_date and ds.ship_date.header)
    reject(bad_delivered, "unreadable_date", ds.delivered_date and ds.delivered_date.header)
    reject(bad_transit, "unreadable_number", ds.transit_days)
    both = shipped.notna() & delivered.notna()
    reject(both & (delivered < shipped), "delivered_before_shipped", ds.delivered_date and ds.delivered_date.header)
    reject(~both & given.notna() & (given < 0), "negative_days", ds.transit_days)
    missing_header = ds.ship_date.header if ds.ship_date else ds.transit_days
    reject(~both & given.isna() & shipped.isna(), "missing", missing_header)

    used = reason.isna()
    transit = ((delivered - shipped).dt.days).where(both, given.round())
    delivered_on = delivered.where(delivered.notna(), shipped + pd.to_timedelta(transit, unit="D"))
    due = promised.where(promised.notna(), shipped + pd.to_timedelta(promised_days, unit="D"))
    # On time: delivered on or before the due date; without dates, transit within the promise.
    by_date = delivered_on.notna() & due.notna()
    on_time = pd.Series(np.nan, index=df.index, dtype=object)
    on_time[by_date] = delivered_on[by_date] <= due[by_date]
    by_days = ~by_date & transit.notna() & promised_days.notna()
    on_time[by_days] = transit[by_days] <= promised_days[by_days]
    days_late = ((delivered_on - due).dt.days).where(by_date, transit - promised_days).clip(lower=0)
    on_time[transit.isna()] = np.nan

    frame = pd.DataFrame(
        {
            "shipped": shipped,
            "transit": transit,
            "on_time": on_time,
            "days_late": days_late,
            "cost": pd.to_numeric(cells(df, ds.shipping_cost).replace("", np.nan), errors="coerce"),
            "weight": pd.to_numeric(cells(df, ds.weight_kg).replace("", np.nan), errors="coerce"),
        }
    )
    for f in GROUP_FIELDS:
        text = cells(df, getattr(ds, f))
        frame[f] = text.where(text != "", None)
    frame = frame[used]

    candidates = pd.concat([shipped[used], delivered_on[used]]).dropna()
    reference_date = candidates.max() if len(candidates) else None

    def groups_by(fields: tuple[str, ...]) -> list[dict]:
        groups = []
        for key, g in frame.groupby(list(fields), dropna=False, sort=False):
            labels = {f: None for f in GROUP_FIELDS}
            labels.update({f: (None if pd.isna(v) else v) for f, v in zip(fields, key)})
            groups.append({**labels, **group_stats(g, reference_date)})
        groups.sort(key=lambda g: (-g["shipments"], [g[f] or "" for f in GROUP_FIELDS]))
        return groups

    rejected = df.index[~used]
    rejections = []
    for (why, header), rows in (
        pd.DataFrame({"reason": reason[rejected], "column": column[rejected], "row": lines[rejected]})
        .groupby(["reason", "column"], dropna=False)["row"]
    ):
        rejections.append({"reason": why, "column": header, "rows": [int(r) for r in sorted(rows)]})

    chosen = {
        "ship_date": ds.ship_date,
        "delivered_date": ds.delivered_date,
        "transit_days": ds.transit_days,
        "promised_date": ds.promised_date,
        "promised_days": ds.promised_days,
        "origin": ds.origin,
        "destination": ds.destination,
        "carrier": ds.carrier,
        "service": ds.service,
        "shipping_cost": ds.shipping_cost,
        "weight": ds.weight_kg,
    }
    return {
        "dataset": ds.name,
        "file": ds.path,
        "generated_by": "scripts/reference/logistics_reference.py",
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "notes": ds.notes,
        "columns": {k: (v.header if isinstance(v, DateColumn) else v) for k, v in chosen.items()},
        "date_formats": {k: v.format for k, v in chosen.items() if isinstance(v, DateColumn)},
        "rows_read": len(df),
        "rows_used": int(used.sum()),
        "rows_rejected": int((~used).sum()),
        "rows_blank": int(blank.sum()),
        "rejections": rejections,
        "reference_date": reference_date.strftime("%Y-%m-%d") if reference_date is not None else None,
        "overall": group_stats(frame, reference_date),
        "groups": groups_by(GROUP_FIELDS),
        "by": {" x ".join(fields): groups_by(fields) for fields in ds.also_by},
    }


def to_json(result: dict) -> str:
    """Pretty enough to review and diff: one line per key, group and rejection list."""

    def one(v: object) -> str:
        return json.dumps(v, ensure_ascii=False, allow_nan=False)

    def rows(items: list, indent: str) -> str:
        return "[\n" + ",\n".join(f"{indent} {one(v)}" for v in items) + f"\n{indent}]" if items else "[]"

    lines = []
    for key, value in result.items():
        if key in ("groups", "rejections"):
            lines.append(f" {one(key)}: {rows(value, ' ')}")
        elif key == "by" and value:
            inner = ",\n".join(f"  {one(k)}: {rows(v, '  ')}" for k, v in value.items())
            lines.append(f" {one(key)}: {{\n{inner}\n }}")
        else:
            lines.append(f" {one(key)}: {one(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "real")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "reference")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"no real data at {args.data}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for ds in DATASETS:
        result = analyse(ds, args.data)
        path = args.out / f"{ds.name}.json"
        path.write_text(to_json(result), encoding="utf-8")
        o = result["overall"]
        print(
            f"{ds.name}: read {result['rows_read']}, used {result['rows_used']}, rejected {result['rows_rejected']}; "
            f"{len(result['groups'])} groups; P50 {o['p50_days']} P90 {o['p90_days']} "
            f"on time {o['on_time_rate']} -> {path.relative_to(ROOT)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
