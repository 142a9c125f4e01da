#!/usr/bin/env python3
"""Reference figures for the inventory analyses (crates/core/src/analysis/inventory/{stock,shipby,
warehouse,simulate}.rs), computed independently with scipy and numpy.

Writes tests/fixtures/reference/stock_reference.json, which the Rust unit tests read:

- norm_ppf: scipy.stats.norm.ppf at service levels from 1e-300 to 1 - 1e-16;
- safety_stock: z * sqrt(L * sd_d^2 + d^2 * sd_L^2), the reorder point and the (R, S) order
  quantity, with daily figures from weekly ones (mean / 7, sd / sqrt(7));
- convolution: the exact distribution of transit + customs hold + check-in (numpy.convolve of the
  three empirical distributions) and its inverse-CDF quantiles, for the Monte Carlo convolution;
- ship_by: numpy.quantile(method="inverted_cdf") ship-by dates per route, the on-time share if
  shipped today, and a peak quantity summed day by day;
- projection: a deterministic warehouse projection with lost sales, written as a plain loop,
  and storage fees pro-rated with calendar.monthrange;
- simulation: exact stockout probability, expected lost and leftover units and leftover
  percentiles when weekly demands are gamma with a common scale (so their total is gamma),
  from scipy.stats.gamma and numerical integration.

It shares no code with borderlens. Run from the repository root:

    python3 -m venv /tmp/scipyenv && /tmp/scipyenv/bin/pip install scipy numpy
    /tmp/scipyenv/bin/python scripts/reference/stock_reference.py
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
from scipy import integrate, stats

OUT = Path("tests/fixtures/reference/stock_reference.json")


def iso(d: dt.date) -> str:
    return d.isoformat()


def norm_ppf() -> list[dict]:
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-6, 1e-4, 0.001, 0.01, 0.02, 0.025, 0.05, 0.0749, 0.075, 0.1, 0.2,
          0.3, 0.4, 0.5, 0.6, 0.8, 0.85, 0.9, 0.925, 0.9251, 0.95, 0.97, 0.975, 0.98, 0.99, 0.995, 0.998,
          0.999, 0.9999, 1 - 1e-6, 1 - 1e-10, 1 - 1e-15]
    return [{"p": p, "z": float(stats.norm.ppf(p))} for p in ps]


def safety_stock() -> list[dict]:
    cases = [
        # weekly mean, weekly sd, lead mean, lead sd, service level, review days, on hand, inbound
        (70.0, 14.0, 30.0, 5.0, 0.95, 7.0, 200.0, 100.0),
        (350.0, 120.0, 32.5, 6.2, 0.98, 14.0, 900.0, 1200.0),
        (12.0, 9.0, 45.0, 12.0, 0.9, 0.0, 0.0, 0.0),
        (1000.0, 150.0, 28.0, 3.0, 0.99, 7.0, 9000.0, 4000.0),
        (5.0, 4.0, 35.0, 8.0, 0.8, 30.0, 100.0, 0.0),
        (40.0, 10.0, 25.0, 0.0, 0.5, 7.0, 50.0, 20.0),
    ]
    out = []
    for wm, ws, lm, ls, sl, review, on_hand, inbound in cases:
        z = float(stats.norm.ppf(sl))
        d, sd = wm / 7.0, ws / math.sqrt(7.0)
        ss = z * math.sqrt(lm * sd**2 + d**2 * ls**2)
        rop = d * lm + ss
        protection = lm + review
        order_up_to = d * protection + z * math.sqrt(protection * sd**2 + d**2 * ls**2)
        order = max(0.0, math.ceil(order_up_to - on_hand - inbound - 1e-9))
        out.append({
            "weekly_mean": wm, "weekly_sd": ws, "lead_mean": lm, "lead_sd": ls, "service_level": sl,
            "review_days": review, "on_hand": on_hand, "inbound": inbound, "z": z, "safety_stock": ss,
            "reorder_point": rop, "order_up_to": order_up_to, "order_units": float(order),
        })
    return out


def inverted_cdf_from_pmf(pmf: np.ndarray, p: float) -> int:
    cdf = np.cumsum(pmf)
    return int(np.argmax(cdf >= p - 1e-12))


def convolution() -> dict:
    rng = np.random.default_rng(20251124)
    transit = [int(x) for x in np.round(rng.lognormal(math.log(24), 0.18, 60))]
    customs_hold = [0] * 40 + [int(x) for x in rng.integers(2, 15, 8)]
    check_in = [2, 2, 3, 3, 3, 4, 5, 7, 9, 12]
    pmfs = [np.bincount(x) / len(x) for x in (transit, customs_hold, check_in)]
    total = np.convolve(np.convolve(pmfs[0], pmfs[1]), pmfs[2])
    quantiles = [{"p": p, "days": inverted_cdf_from_pmf(total, p)} for p in (0.1, 0.5, 0.75, 0.9, 0.95)]
    mean = float(sum(np.mean(x) for x in (transit, customs_hold, check_in)))
    return {"transit": transit, "customs_hold": customs_hold, "check_in": check_in, "quantiles": quantiles,
            "mean": mean}


def window_demand(weeks: list[dict], first: dt.date, last: dt.date, rho: float) -> tuple[float, float]:
    """Mean and sd over [first, last], day by day: each day is 1/7 of its week, independent."""
    mean = 0.0
    parts = []
    for w in weeks:
        start = dt.date.fromisoformat(w["week_start"])
        days = sum(1 for k in range(7) if first <= start + dt.timedelta(days=k) <= last)
        mean += days / 7 * w["mean"]
        parts.append(days / 7 * w["sd"] ** 2)
    var = (1 - rho) * sum(parts) + rho * sum(math.sqrt(v) for v in parts) ** 2
    return mean, math.sqrt(var)


def ship_by() -> dict:
    rng = np.random.default_rng(7)
    target = dt.date(2025, 11, 24)  # the Monday of Black Friday week
    today = dt.date(2025, 10, 10)
    routes = [
        {"route": "CN→US · Matson · Sea express", "samples": [int(x) for x in rng.integers(24, 40, 37)], "cost_per_unit": 0.9},
        {"route": "CN→US · Yanwen · Economy Air", "samples": [int(x) for x in rng.integers(9, 22, 51)], "cost_per_unit": 2.4},
        {"route": "CN→US · COSCO · Sea", "samples": [int(x) for x in rng.integers(35, 62, 44)], "cost_per_unit": 0.5},
        {"route": "CN→US · DHL · Express", "samples": [4, 5, 5, 6, 6, 6, 7, 8, 12], "cost_per_unit": None},
    ]
    probability = 0.9
    expected = []
    for r in routes:
        s = np.array(r["samples"])
        q = int(np.quantile(s, probability, method="inverted_cdf"))
        latest = target - dt.timedelta(days=q)
        expected.append({
            "route": r["route"],
            "latest_ship_date": iso(latest),
            "days_left": (latest - today).days,
            "p50": int(np.quantile(s, 0.5, method="inverted_cdf")),
            "p90": int(np.quantile(s, 0.9, method="inverted_cdf")),
            "feasible": (latest - today).days >= 0,
            "on_time_if_today": float(np.mean(s <= (target - today).days)),
            "cost": r["cost_per_unit"] if r["cost_per_unit"] is not None else math.inf,
        })
    expected.sort(key=lambda e: (-dt.date.fromisoformat(e["latest_ship_date"]).toordinal(), e["p90"], e["cost"],
                                 e["route"]))
    for e in expected:
        del e["cost"]

    monday0 = dt.date(2025, 10, 6)
    weeks = []
    for k in range(14):
        start = monday0 + dt.timedelta(days=7 * k)
        peak = dt.date(2025, 11, 24) <= start <= dt.date(2025, 12, 15)
        weeks.append({"week_start": iso(start), "mean": 260.0 if peak else 90.0 + 3 * k, "sd": 95.0 if peak else 25.0})
    peak_end = dt.date(2025, 12, 24)
    service_level, rho, on_hand, inbound = 0.95, 0.6, 420.0, 300.0
    peak_mean, peak_sd = window_demand(weeks, target, peak_end, rho)
    before_mean, _ = window_demand(weeks, today, target - dt.timedelta(days=1), 0.0)
    needed = peak_mean + float(stats.norm.ppf(service_level)) * peak_sd
    available = max(0.0, on_hand + inbound - before_mean)
    send = max(0.0, math.ceil(needed - available - 1e-9))
    peak_quantity = {
        "weeks": weeks, "peak_end": iso(peak_end), "service_level": service_level, "correlation": rho,
        "on_hand": on_hand, "inbound": inbound, "peak_mean": peak_mean, "peak_sd": peak_sd,
        "before_mean": before_mean, "needed": needed, "send": float(send),
    }
    return {"target": iso(target), "today": iso(today), "probability": probability, "routes": routes,
            "expected": expected, "peak_quantity": peak_quantity}


def projection() -> dict:
    first = dt.date(2025, 9, 22)
    n_weeks = 14
    skus = [
        {"sku": "MUG-01", "on_hand_units": 400.0, "unit_volume_m3": 0.0021,
         "weekly_demand_units": [60, 60, 65, 70, 80, 90, 120, 180, 260, 240, 200, 150, 90, 60]},
        {"sku": "LAMP-07", "on_hand_units": 120.0, "unit_volume_m3": 0.018,
         "weekly_demand_units": [20, 22, 25, 25, 30, 35, 45, 70, 95, 90, 80, 50, 25, 15]},
        {"sku": "SOCK-3P", "on_hand_units": 900.0, "unit_volume_m3": None,
         "weekly_demand_units": [110.5, 110.5, 115, 120, 140, 160, 210, 300, 420, 380, 330, 240, 150]},
    ]
    inbound = [
        {"sku": "MUG-01", "units": 1200.0, "arrival_week": iso(first + dt.timedelta(days=7 * 5 + 3))},
        {"sku": "LAMP-07", "units": 400.0, "arrival_week": iso(first + dt.timedelta(days=7 * 6))},
        {"sku": "SOCK-3P", "units": 1500.0, "arrival_week": iso(first + dt.timedelta(days=7 * 7 + 6))},
        {"sku": "LAMP-07", "units": 150.0, "arrival_week": iso(first + dt.timedelta(days=7 * 10 + 1))},
        {"sku": "GIFT-BOX", "units": 300.0, "arrival_week": iso(first - dt.timedelta(days=9))},
        {"sku": "MUG-01", "units": 999.0, "arrival_week": iso(first + dt.timedelta(days=7 * n_weeks))},
    ]
    capacity = {"units": 3000.0, "m3": 9.0}

    def week_index(s: str) -> int:
        d = dt.date.fromisoformat(s)
        monday = d - dt.timedelta(days=d.weekday())
        return max(0, (monday - first).days) // 7

    names = [s["sku"] for s in skus]
    volume = {s["sku"]: s["unit_volume_m3"] for s in skus}
    demand = {s["sku"]: s["weekly_demand_units"] for s in skus}
    stock = {s["sku"]: s["on_hand_units"] for s in skus}
    arrivals: dict[tuple[str, int], float] = {}
    for i in inbound:
        w = week_index(i["arrival_week"])
        if w >= n_weeks:
            continue
        if i["sku"] not in stock:
            names.append(i["sku"])
            stock[i["sku"]] = 0.0
            volume[i["sku"]] = None
            demand[i["sku"]] = []
        arrivals[(i["sku"], w)] = arrivals.get((i["sku"], w), 0.0) + i["units"]

    weeks = []
    for t in range(n_weeks):
        peak_units = peak_vol = end_units = end_vol = lost_total = 0.0
        stockouts = []
        for name in names:
            opening = stock[name] + arrivals.get((name, t), 0.0)
            want = demand[name][t] if t < len(demand[name]) else 0.0
            sold = min(want, opening)
            stock[name] = opening - sold
            peak_units += opening
            end_units += stock[name]
            if volume[name] is not None:
                peak_vol += opening * volume[name]
                end_vol += stock[name] * volume[name]
            if want - sold > 1e-9:
                lost_total += want - sold
                stockouts.append(name)
        weeks.append({
            "week_start": iso(first + dt.timedelta(days=7 * t)), "peak_units": peak_units,
            "projected_units": end_units, "peak_volume_m3": peak_vol, "projected_volume_m3": end_vol,
            "lost_units": lost_total, "stockout_skus": sorted(stockouts),
            "over_capacity": peak_units > capacity["units"] + 1e-9 or peak_vol > capacity["m3"] + 1e-9,
        })

    peak_months = [m >= 10 for m in range(1, 13)]
    rates = {"per_m3_month": 26.0, "peak_per_m3_month": 78.0, "peak_months": peak_months}
    fees = []
    for w in weeks:
        start = dt.date.fromisoformat(w["week_start"])
        average = (w["peak_volume_m3"] + w["projected_volume_m3"]) / 2
        fee = 0.0
        for k in range(7):
            day = start + dt.timedelta(days=k)
            rate = rates["peak_per_m3_month"] if peak_months[day.month - 1] else rates["per_m3_month"]
            fee += average * rate / calendar.monthrange(day.year, day.month)[1]
        fees.append(fee)
    return {
        "input": {"first_week": iso(first), "weeks": n_weeks, "skus": skus, "inbound": inbound, "capacity": capacity},
        "weeks": weeks, "rates": rates, "fees": fees, "fee_total": sum(fees),
    }


def simulation() -> list[dict]:
    """Weeks with a common gamma scale theta = sd^2 / mean: the total is Gamma(sum k, theta)."""
    cases = []
    for on_hand, theta, means in [(420.0, 6.0, [80.0, 95.0, 120.0, 140.0]), (900.0, 25.0, [150.0, 250.0, 300.0]),
                                  (60.0, 10.0, [4.0, 6.0, 8.0, 5.0, 7.0])]:
        shapes = [m / theta for m in means]
        weeks = [{"mean": m, "sd": math.sqrt(m * theta)} for m in means]
        total = stats.gamma(sum(shapes), scale=theta)
        s = on_hand
        lost_1, _ = integrate.quad(lambda x: (x - s) * total.pdf(x), s, np.inf, limit=200)
        lost_2, _ = integrate.quad(lambda x: (x - s) ** 2 * total.pdf(x), s, np.inf, limit=200)
        left_1, _ = integrate.quad(lambda x: (s - x) * total.pdf(x), 0, s, limit=200)
        left_2, _ = integrate.quad(lambda x: (s - x) ** 2 * total.pdf(x), 0, s, limit=200)
        cases.append({
            "on_hand": on_hand, "weeks": weeks,
            "stockout_probability": float(total.sf(s)),
            "expected_lost": lost_1, "sd_lost": math.sqrt(max(0.0, lost_2 - lost_1**2)),
            "expected_leftover": left_1, "sd_leftover": math.sqrt(max(0.0, left_2 - left_1**2)),
            "mean_demand": float(total.mean()), "sd_demand": float(total.std()),
            "leftover_p10": max(0.0, s - float(total.ppf(0.9))),
            "leftover_p50": max(0.0, s - float(total.ppf(0.5))),
            "leftover_p90": max(0.0, s - float(total.ppf(0.1))),
        })
    return cases


def main() -> None:
    reference = {
        "norm_ppf": norm_ppf(),
        "safety_stock": safety_stock(),
        "convolution": convolution(),
        "ship_by": ship_by(),
        "projection": projection(),
        "simulation": simulation(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
