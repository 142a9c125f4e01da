"""Reference values for crates/core/src/analysis/inventory/{forecast,backtest}.rs.

    python3 -m venv /tmp/fcenv && /tmp/fcenv/bin/pip install pandas numpy statsmodels
    /tmp/fcenv/bin/python scripts/reference/forecast_reference.py   # writes tests/fixtures/reference/forecast_reference.json

Tested with pandas 3.1.1, numpy 2.4.6, statsmodels 0.15.0 (scipy comes with statsmodels).
Shares no code with borderlens. Every smoothing model here runs with FIXED parameters and known
initial states, so the comparison checks the recursions, forecasts and interval variances and
does not depend on either side's optimiser:

- Holt-Winters additive (statsmodels ExponentialSmoothing for the one-step fitted values, SSE
  and final level, ETSModel for the forecasts; trend="add", seasonal="add", seasonal_periods=52,
  undamped and damped) on a synthetic 130-week series, started from
  statsmodels' own heuristic initial states (Hyndman et al. 2008, section 2.6.1), which the
  Rust heuristic must reproduce;
- SES and damped Holt with fixed parameters;
- relative forecast-error variances sigma_h^2 / sigma^2 of ETSModel (the FPP3 closed forms),
  with statsmodels' state-space beta = alpha * beta_star;
- WAPE and bias of a small example, weekly (Monday) sums of a small daily example, normal
  quantiles (scipy);
- the Online Retail weekly demand and the baseline (mean of the last 4 weeks) backtest of
  November 2011, computed here from the CSV with pandas alone (skipped when the data is absent;
  BORDERLENS_REAL_DATA points elsewhere).
"""

import json
import os
import pathlib

import numpy as np
import pandas as pd
from scipy.stats import norm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.exponential_smoothing.initialization import _initialization_heuristic
from statsmodels.tsa.holtwinters import ExponentialSmoothing

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests/fixtures/reference/forecast_reference.json"
M = 52


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=float)]


def synthetic_weekly(weeks=130, seed=7):
    """Trend + yearly wave + a late-November peak + noise, rounded to whole units."""
    rng = np.random.default_rng(seed)
    t = np.arange(weeks)
    y = 120 + 0.4 * t + 35 * np.sin(2 * np.pi * t / M) + rng.normal(0, 9, weeks)
    y[(t % M) == 47] += 80
    return np.round(y)


def es_fixed(y, trend, seasonal, damped, params, init, horizon):
    model = ExponentialSmoothing(
        y,
        trend=trend,
        seasonal=seasonal,
        seasonal_periods=M if seasonal else None,
        damped_trend=damped,
        initialization_method="known",
        initial_level=init["level"],
        initial_trend=init.get("trend"),
        initial_seasonal=init.get("season"),
    )
    kw = {"smoothing_level": params["alpha"], "optimized": False}
    if trend:
        kw["smoothing_trend"] = params["beta"]
    if seasonal:
        kw["smoothing_seasonal"] = params["gamma"]
    if damped:
        kw["damping_trend"] = params["phi"]
    res = model.fit(**kw)
    return {
        "fitted": floats(res.fittedvalues),
        "sse": float(res.sse),
        "forecast": floats(res.forecast(horizon)),
        "level": float(res.level[-1]),
    }


def ets_fixed(y, trend, seasonal, damped, params, init, horizon):
    """Forecasts and sigma_h^2 / sigma^2 (FPP3 Table 8.8 closed forms) from statsmodels' ETSModel.

    ExponentialSmoothing's own forecast uses the seasonal index from one year before the last
    week (s_{T-m}) at h = m, 2m, ... instead of the last updated one (s_T, FPP3 8.3); ETSModel
    follows FPP3, so the forecasts come from it (they agree at every other h).
    """
    model = ETSModel(
        y,
        error="add",
        trend="add" if trend else None,
        damped_trend=damped,
        seasonal="add" if seasonal else None,
        seasonal_periods=M if seasonal else None,
        initialization_method="known",
        initial_level=init["level"],
        initial_trend=init.get("trend"),
        initial_seasonal=init.get("season"),
    )
    vec = [params["alpha"]]
    if trend:
        vec.append(params["alpha"] * params["beta"])  # state-space beta = alpha * beta_star
    if seasonal:
        vec.append(params["gamma"])
    if damped:
        vec.append(params["phi"])
    res = model.smooth(np.array(vec))
    # The same recursions as ExponentialSmoothing: check before trusting the variances.
    es = es_fixed(y, "add" if trend else None, "add" if seasonal else None, damped, params, init, 1)
    assert np.allclose(res.fittedvalues, es["fitted"], rtol=1e-10, atol=1e-8), "ETSModel and ExponentialSmoothing disagree"
    forecast = np.asarray(res.forecast(horizon))
    es_forecast = np.asarray(es_fixed(y, "add" if trend else None, "add" if seasonal else None, damped, params, init, horizon)["forecast"])
    same = np.ones(horizon, dtype=bool)
    if seasonal:
        same[M - 1 :: M] = False
    assert np.allclose(forecast[same], es_forecast[same], rtol=1e-10, atol=1e-8), "forecasts disagree"
    return {"forecast": floats(forecast), "relative_variance": floats(res._relative_forecast_variance(np.arange(1, horizon + 1)))}


def smoothing_cases():
    y = synthetic_weekly()
    level, trend, season = _initialization_heuristic(y, trend="add", seasonal="add", seasonal_periods=M)
    hw_init = {"level": float(level), "trend": float(trend), "season": floats(season)}
    out = {"series": floats(y), "heuristic_start": hw_init, "cases": []}
    horizon = 60  # beyond a year, so the seasonal term of the variance shows
    for name, damped, params in [
        ("holt_winters", False, {"alpha": 0.3, "beta": 0.1, "gamma": 0.2, "phi": 1.0}),
        ("holt_winters_damped", True, {"alpha": 0.25, "beta": 0.15, "gamma": 0.3, "phi": 0.9}),
    ]:
        case = {"name": name, "trend": True, "season": M, "params": params, "init": hw_init, "horizon": horizon}
        case.update(es_fixed(y, "add", "add", damped, params, hw_init, horizon))
        case.update(ets_fixed(y, True, True, damped, params, hw_init, horizon))
        out["cases"].append(case)

    short = y[:30]
    ses_params = {"alpha": 0.35, "beta": 0.0, "gamma": 0.0, "phi": 1.0}
    ses_init = {"level": 110.0}
    case = {"name": "ses", "trend": False, "season": 0, "params": ses_params, "init": ses_init, "horizon": 5}
    case.update(es_fixed(short, None, None, False, ses_params, ses_init, 5))
    case.update(ets_fixed(short, False, False, False, ses_params, ses_init, 5))
    case["series"] = floats(short)
    out["cases"].append(case)

    holt_params = {"alpha": 0.4, "beta": 0.2, "gamma": 0.0, "phi": 0.9}
    holt_init = {"level": 100.0, "trend": 2.0}
    case = {"name": "damped_holt", "trend": True, "season": 0, "params": holt_params, "init": holt_init, "horizon": 8}
    case.update(es_fixed(short, "add", None, True, holt_params, holt_init, 8))
    case.update(ets_fixed(short, True, False, True, holt_params, holt_init, 8))
    case["series"] = floats(short)
    out["cases"].append(case)
    return out


def accuracy_case():
    df = pd.DataFrame({"actual": [10.0, 20.0, 0.0, 30.0, 7.5], "forecast": [12.0, 15.0, 3.0, 30.0, 2.5]})
    err = df.forecast - df.actual
    return {
        "actual": floats(df.actual),
        "forecast": floats(df.forecast),
        "wape": float(err.abs().sum() / df.actual.sum()),
        "bias": float(err.sum() / df.actual.sum()),
    }


def weekly_case():
    days = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2024-12-25", "2024-12-29", "2024-12-30", "2025-01-01", "2025-01-05", "2025-01-20", "2025-01-21"]
            ),
            "units": [3.0, 4.0, 1.5, 2.0, 5.0, 7.0, 1.0],
        }
    )
    # Weeks Monday..Sunday labelled by their Monday; empty weeks are zeros.
    weekly = days.set_index("date").units.resample("W-MON", label="left", closed="left").sum()
    return {
        "days": [[d.strftime("%Y-%m-%d"), float(u)] for d, u in zip(days.date, days.units)],
        "weeks": [[d.strftime("%Y-%m-%d"), float(u)] for d, u in weekly.items()],
    }


# Stock codes that are not products: postage, fees, adjustments, vouchers (see docs/forecast-backtest.md).
def is_product(code):
    return len(code) >= 5 and code[:5].isdigit()


def online_retail():
    data_dir = pathlib.Path(os.environ.get("BORDERLENS_REAL_DATA", ROOT.parent / "shared/data/real"))
    path = data_dir / "online_retail/online_retail_invoices_a.csv"
    if not path.exists():
        print(f"note: {path} absent, Online Retail reference skipped")
        return None
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    rows = len(df)
    qty = pd.to_numeric(df.Quantity)
    cancelled = df.InvoiceNo.str.startswith("C")
    non_positive = ~cancelled & (qty <= 0)
    product = df.StockCode.map(is_product)
    non_product = ~cancelled & ~non_positive & ~product
    keep = ~cancelled & ~non_positive & product
    d = df[keep].assign(
        sku=df.StockCode[keep].str.upper(),
        day=pd.to_datetime(df.InvoiceDate[keep]).dt.normalize(),
        units=qty[keep].astype(float),
    )
    first_day = pd.to_datetime(df.InvoiceDate).min().normalize()
    last_day = pd.to_datetime(df.InvoiceDate).max().normalize()
    # Full Monday-to-Sunday weeks inside the data's days.
    start = first_day + pd.Timedelta(days=(7 - first_day.weekday()) % 7)
    end = last_day - pd.Timedelta(days=(last_day.weekday() + 1) % 7)  # the last Sunday on or before
    weeks = pd.date_range(start, end - pd.Timedelta(days=6), freq="7D")
    d = d[(d.day >= start) & (d.day <= end)]
    d = d.assign(week=d.day - pd.to_timedelta(d.day.dt.day_of_week, unit="D"))
    grid = d.pivot_table(index="week", columns="sku", values="units", aggfunc="sum").reindex(weeks).fillna(0.0)
    total = grid.sum(axis=1)

    origins = [w for w in weeks if pd.Timestamp("2011-10-31") <= w <= pd.Timestamp("2011-11-28")]

    def baseline(history):
        h = np.asarray(history, dtype=float)
        nz = np.flatnonzero(h > 0)
        if len(nz) == 0:
            return 0.0
        h = h[nz[0]:]
        if len(h) >= M:
            raise AssertionError("no full year before November 2011 in this data")
        return float(h[-4:].mean())

    def score(columns):
        abs_err = err = actual = 0.0
        for col in columns:
            for o in origins:
                i = weeks.get_loc(o)
                f = baseline(col.values[:i])
                a = float(col.values[i])
                abs_err += abs(a - f)
                err += f - a
                actual += a
        return {"abs_error": abs_err, "error": err, "actual": actual, "wape": abs_err / actual, "bias": err / actual}

    return {
        "file": "online_retail/online_retail_invoices_a.csv",
        "rows": rows,
        "cancelled_rows": int(cancelled.sum()),
        "non_positive_rows": int(non_positive.sum()),
        "non_product_rows": int(non_product.sum()),
        "product_rows": int(keep.sum()),
        "first_week": start.strftime("%Y-%m-%d"),
        "weeks": len(weeks),
        "skus": int(grid.shape[1]),
        "total_weekly_units": floats(total.values),
        "origins": [o.strftime("%Y-%m-%d") for o in origins],
        "baseline_total_one_step": score([total]),
        "baseline_per_sku_one_step": score([grid[c] for c in sorted(grid.columns)]),
    }


def main():
    out = {
        "generated_by": "scripts/reference/forecast_reference.py",
        "versions": {"pandas": pd.__version__, "numpy": np.__version__, "statsmodels": __import__("statsmodels").__version__},
        "smoothing": smoothing_cases(),
        "accuracy": accuracy_case(),
        "weekly": weekly_case(),
        "normal_quantile": [[p, float(norm.ppf(p))] for p in [0.9, 0.975, 0.995, 0.025, 1e-10, 1e-300, 0.6]],
        "online_retail": online_retail(),
    }
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
