//! The inventory analysis end to end: from loaded orders, stock, capacity, inbound and
//! shipments to the page's report. Each step is one of the sibling modules; this file only
//! decides what feeds what, and says in [`InventoryNote`]s what it had to assume.

use super::backtest::{backtest, BacktestPlan, BacktestResult, Chosen};
use super::calendar::{cny_closure_holding, estimate_uplifts, event_weeks, RetailEvent, Uplifts};
use super::demand::{Demand, SkuWeeks};
use super::forecast::{forecast, forecast_with, normal_quantile, Forecast, ModelKind, WeeklySeries};
use super::lead::{routes_from_shipments, user_route, LeadSource, PlanningRoute};
use super::shipby::{latest_ship_date, peak_quantity, ship_by_plan, LeadTime, PeakQuantityInput};
use super::simulate::{simulate_peak, Arrival, DemandModel, SimInbound, SimInput};
use super::stock::{demand_between, plan_reorder, DemandStats, ReorderInput, WeekDemand};
use super::warehouse::{
    project_warehouse, stagger, storage_fees, Capacity, Inbound, SkuStock, StorageRates, WarehouseInput,
};
use super::{
    BacktestSummary, InventoryNote, InventoryReport, InventorySettings, Risk, RouteSummary, SkuAccuracy, SkuPlan,
    TotalForecast, WarehousePlan,
};
use crate::model::orders::Orders;
use crate::model::stock::{CapacityTable, InboundTable, StockSnapshot};
use crate::model::{Date, Shipments};
use std::collections::BTreeMap;

/// SKUs that get a row (and a forecast, backtest and simulation each), busiest first.
pub const MAX_SKUS: usize = 200;
/// One-week-ahead forecasts compared in the backtest.
pub const BACKTEST_ORIGINS: usize = 8;
/// Coverage of the forecast bands drawn on the chart.
pub const BAND_LEVEL: f64 = 0.8;
/// Simulated peak seasons per SKU.
pub const SIM_RUNS: usize = 2_000;
/// Days after which units an inventory snapshot lists as inbound (without a date) are taken
/// to be sellable.
pub const SNAPSHOT_INBOUND_DAYS: u32 = 14;
/// Weeks of history the demand chart shows.
const CHART_HISTORY_WEEKS: usize = 104;

/// The loaded datasets the analysis reads.
#[derive(Default)]
pub struct InventoryInputs<'a> {
    pub orders: Vec<&'a Orders>,
    pub stock: Vec<&'a StockSnapshot>,
    pub capacity: Vec<&'a CapacityTable>,
    pub inbound: Vec<&'a InboundTable>,
    pub shipments: Vec<&'a Shipments>,
}

/// Runs the inventory analysis; `None` without any sale line to learn demand from.
pub fn analyse(inputs: &InventoryInputs, settings: &InventorySettings) -> Option<InventoryReport> {
    let demand = Demand::gather(&inputs.orders);
    let (Some(first_day), Some(as_of)) = (demand.first_day, demand.last_day) else { return None };
    let mut notes = Vec::new();
    let service_level = settings.service_level.clamp(0.5, 0.999);
    let (peak_date, peak_end) = peak_window(as_of, settings);
    if peak_date <= as_of {
        notes.push(InventoryNote::PeakDatePassed { peak_date });
    }

    // Demand, events and the backtest of the total.
    let total_series = demand.series_to_end(None);
    let mut uplifts = estimate_uplifts(&total_series);
    apply_user_uplifts(&mut uplifts, &settings.uplifts);
    let forecast_start = total_series.week_of(total_series.len());
    let horizon = ((peak_end.days_since(forecast_start) / 7 + 2).max(8) as usize).min(78);
    if total_series.len() < 52 {
        notes.push(InventoryNote::ShortHistory { weeks: total_series.len() });
    }
    let plan = backtest_plan(&total_series);
    let backtest_uplifts = plan.map(|p| {
        let mut u = estimate_uplifts(&total_series.before(p.first_origin));
        apply_user_uplifts(&mut u, &settings.uplifts);
        u
    });
    let total_backtest = plan.zip(backtest_uplifts.as_ref()).map(|(p, u)| backtest(&total_series, &p, u));
    if total_backtest.is_none() {
        notes.push(InventoryNote::NoBacktest);
    }
    if total_backtest.as_ref().is_some_and(|b| b.chosen == Chosen::Baseline) {
        notes.push(InventoryNote::BaselineUsed);
    }
    let total_forecast = forecast_chosen(&total_series, horizon, &uplifts, total_backtest.as_ref());

    // Lead times.
    let fixed_days = settings.check_in_days + settings.production_days;
    let mut routes = routes_from_shipments(&inputs.shipments, fixed_days);
    let lead_source = if routes.is_empty() {
        notes.push(InventoryNote::NoShipments { min_days: settings.lead_min_days, max_days: settings.lead_max_days });
        routes.push(user_route(settings.lead_min_days, settings.lead_max_days, fixed_days));
        LeadSource::UserRange
    } else {
        LeadSource::Shipments
    };
    // The user's route, else the busiest route to where most units sell, else the busiest.
    let main_country = demand.main_country();
    let to_main = |r: &&PlanningRoute| {
        main_country.is_some_and(|c| r.destination.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(c)))
    };
    let route = settings
        .route
        .as_ref()
        .and_then(|name| routes.iter().find(|r| &r.option.route == name))
        .or_else(|| routes.iter().find(to_main))
        .unwrap_or(&routes[0])
        .clone();
    if settings.chinese_new_year_closure {
        if let Some((from, to)) =
            latest_ship_date(peak_date, &route.option.lead, service_level).and_then(cny_closure_holding)
        {
            notes.push(InventoryNote::ChineseNewYear { from, to });
        }
    }
    let options: Vec<_> = routes.iter().map(|r| r.option.clone()).collect();
    let ship_by = ship_by_plan(peak_date, &options, service_level, as_of);

    // Stock and inbound per SKU.
    let stock = StockBySku::gather(&inputs.stock);
    let inbound = inbound_arrivals(&inputs.inbound, &stock, as_of, &route.option.lead);
    if inputs.stock.is_empty() {
        notes.push(InventoryNote::NoInventory);
    } else if inputs.inbound.is_empty() && stock.inbound.values().any(|&u| u > 0.0) {
        notes.push(InventoryNote::SnapshotInboundAssumed { days: SNAPSHOT_INBOUND_DAYS });
    }

    // Which SKUs get a row.
    let recent = demand.recent_units(13);
    let mut candidates: Vec<&str> =
        demand.per_sku.keys().map(String::as_str).chain(stock.on_hand.keys().map(String::as_str)).collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates.sort_by(|a, b| {
        let units = |s: &str| recent.get(s).copied().unwrap_or(0.0);
        let stocked = |s: &str| stock.on_hand.contains_key(s);
        stocked(b).cmp(&stocked(a)).then(units(b).total_cmp(&units(a))).then(a.cmp(b))
    });
    if candidates.len() > MAX_SKUS {
        notes.push(InventoryNote::SkusCapped { shown: MAX_SKUS, total: candidates.len() });
        candidates.truncate(MAX_SKUS);
    }

    let mut sku_accuracy = Vec::new();
    let mut skus = Vec::new();
    let mut weekly_by_sku: BTreeMap<String, Vec<WeekDemand>> = BTreeMap::new();
    for sku in candidates {
        let series = demand.series_to_end(Some(sku));
        let sku_backtest = plan.zip(backtest_uplifts.as_ref()).map(|(p, u)| backtest(&series, &p, u));
        if let Some(b) = &sku_backtest {
            sku_accuracy.push(SkuAccuracy {
                sku: sku.to_owned(),
                wape: b.model.wape,
                wape_baseline: b.baseline.wape,
                model_beats_baseline: b.model_beats_baseline,
            });
        }
        let fc = forecast_chosen(&series, horizon, &uplifts, sku_backtest.as_ref());
        let weeks = week_demands(&fc);
        let ctx = SkuContext {
            as_of,
            peak_date,
            peak_end,
            service_level,
            settings,
            route: &route,
            arrivals: inbound.get(sku).map(Vec::as_slice).unwrap_or(&[]),
        };
        skus.push(plan_sku(sku, &fc, &weeks, &stock, &ctx));
        weekly_by_sku.insert(sku.to_owned(), weeks);
    }
    skus.sort_by(|a, b| a.risk.cmp(&b.risk).then(b.forecast_28d.total_cmp(&a.forecast_28d)));

    // The projection counts the suggested peak shipments as landing in the in-stock week: the
    // question is whether following the plan overfills the warehouse.
    let mut with_peak = inbound.clone();
    for s in skus.iter().filter(|s| s.peak_quantity > 0.0 && s.on_hand.is_some()) {
        with_peak.entry(s.sku.clone()).or_default().push(Arriving {
            warehouse: None,
            units: s.peak_quantity,
            arrival: Arrival::On(peak_date),
            expected: peak_date.add_days(-1),
        });
    }
    let warehouses =
        project_warehouses(inputs, &stock, &weekly_by_sku, &demand, &with_peak, forecast_start, horizon, settings);
    if !inputs.stock.is_empty() && inputs.capacity.is_empty() {
        notes.push(InventoryNote::NoCapacity);
    }

    let backtest_summary = total_backtest.map(|b| summarise_backtest(&b, sku_accuracy));
    let history_from = total_series.len().saturating_sub(CHART_HISTORY_WEEKS);
    let history = SkuWeeks {
        sku: None,
        start: total_series.week_of(history_from),
        units: total_series.units[history_from..].to_vec(),
    };
    let chart_end = total_forecast.start.add_days(7 * total_forecast.mean.len() as i32 - 1);
    let events = event_weeks(history.start, chart_end);
    Some(InventoryReport {
        as_of,
        first_day,
        lines: demand.lines.clone(),
        sales_without_sku: demand.sales_without_sku,
        demand_weekly: demand.weekly(),
        total: TotalForecast { history, forecast: total_forecast, events },
        uplifts,
        backtest: backtest_summary,
        lead_source,
        routes: routes.iter().map(summarise_route).collect(),
        route_used: route.option.route.clone(),
        peak_date,
        peak_end,
        ship_by,
        service_level,
        skus,
        warehouses,
        notes,
    })
}

/// The peak's in-stock date and last day: the user's, or the Monday before the next Black
/// Friday whose Monday is still ahead, through 24 December.
fn peak_window(as_of: Date, settings: &InventorySettings) -> (Date, Date) {
    let monday_before = |year: i32| RetailEvent::BlackFriday.date_in(year).map(|bf| bf.week_start());
    let default_peak = || {
        monday_before(as_of.year())
            .filter(|m| *m > as_of)
            .or_else(|| monday_before(as_of.year() + 1))
            .unwrap_or(as_of.add_days(60))
    };
    let peak_date = settings.peak_date.unwrap_or_else(default_peak);
    let christmas_eve = Date::from_ymd(peak_date.year(), 12, 24).filter(|d| *d > peak_date);
    let peak_end = settings.peak_end.filter(|e| *e > peak_date).or(christmas_eve).unwrap_or(peak_date.add_days(35));
    (peak_date, peak_end)
}

fn apply_user_uplifts(uplifts: &mut Uplifts, user: &[(RetailEvent, f64)]) {
    for &(event, multiplier) in user {
        uplifts.set_by_user(event, multiplier);
    }
}

/// One-week-ahead forecasts of the last [`BACKTEST_ORIGINS`] whole weeks, each from the weeks
/// before it; `None` when fewer than eight weeks would remain to learn from.
fn backtest_plan(series: &WeeklySeries) -> Option<BacktestPlan> {
    let origins = BACKTEST_ORIGINS.min(series.len().saturating_sub(8));
    (origins > 0).then(|| BacktestPlan {
        first_origin: series.week_of(series.len() - origins),
        origins,
        horizon_weeks: 1,
    })
}

/// The forecast of the method the backtest chose: the automatic model, or the baseline it lost to.
fn forecast_chosen(series: &WeeklySeries, horizon: usize, uplifts: &Uplifts, bt: Option<&BacktestResult>) -> Forecast {
    match bt.filter(|b| b.chosen == Chosen::Baseline).and_then(|b| b.points.last()) {
        Some(last) if last.baseline_kind == ModelKind::SeasonalNaive && series.len() >= 52 => {
            forecast_with(series, horizon, &Uplifts::none(), BAND_LEVEL, ModelKind::SeasonalNaive)
        }
        Some(_) => forecast_with(series, horizon, uplifts, BAND_LEVEL, ModelKind::MeanOfLast4),
        None => forecast(series, horizon, uplifts, BAND_LEVEL),
    }
}

/// Weekly means and standard deviations from a forecast's band (the band is mean ± z·sd,
/// cut at zero below, so the upper side carries the spread).
fn week_demands(fc: &Forecast) -> Vec<WeekDemand> {
    let z = normal_quantile(0.5 + fc.level / 2.0);
    (0..fc.mean.len())
        .map(|i| WeekDemand {
            week_start: fc.start.add_days(7 * i as i32),
            mean_units: fc.mean[i],
            sd_units: ((fc.high[i] - fc.mean[i]) / z).max(0.0),
        })
        .collect()
}

/// Stock per SKU, summed over the snapshot's warehouses.
#[derive(Default)]
struct StockBySku {
    on_hand: BTreeMap<String, f64>,
    inbound: BTreeMap<String, f64>,
    product: BTreeMap<String, String>,
    unit_m3: BTreeMap<String, f64>,
    /// (warehouse, sku) → units.
    by_warehouse: BTreeMap<(String, String), f64>,
}

impl StockBySku {
    fn gather(snapshots: &[&StockSnapshot]) -> StockBySku {
        let mut s = StockBySku::default();
        for snap in snapshots {
            for i in 0..snap.len() {
                let Some(sku) = snap.sku.get(i) else { continue };
                *s.on_hand.entry(sku.to_owned()).or_default() += snap.on_hand[i];
                *s.inbound.entry(sku.to_owned()).or_default() += snap.inbound[i];
                if let Some(p) = snap.product.get(i) {
                    s.product.entry(sku.to_owned()).or_insert_with(|| p.to_owned());
                }
                if snap.unit_volume_m3[i].is_finite() && snap.unit_volume_m3[i] > 0.0 {
                    s.unit_m3.insert(sku.to_owned(), snap.unit_volume_m3[i]);
                }
                let warehouse = snap.warehouse.get(i).unwrap_or("—").to_owned();
                *s.by_warehouse.entry((warehouse, sku.to_owned())).or_default() += snap.on_hand[i];
            }
        }
        s
    }
}

/// One inbound shipment of a SKU.
#[derive(Clone, Debug)]
struct Arriving {
    warehouse: Option<String>,
    units: f64,
    arrival: Arrival,
    /// The day it is expected sellable (its date, or the ship date plus the median lead).
    expected: Date,
}

/// Inbound units per SKU still to come: the inbound file's lines (with an ETA, or a ship date
/// and the route's lead time), or else the snapshot's undated inbound units.
fn inbound_arrivals(
    tables: &[&InboundTable],
    stock: &StockBySku,
    as_of: Date,
    lead: &LeadTime,
) -> BTreeMap<String, Vec<Arriving>> {
    let mut out: BTreeMap<String, Vec<Arriving>> = BTreeMap::new();
    let median = lead.quantile_days(0.5).unwrap_or(0) as i32;
    for t in tables {
        for i in 0..t.sku.len() {
            let (Some(sku), q) = (t.sku.get(i), t.quantity[i]) else { continue };
            if !q.is_finite() || q <= 0.0 {
                continue;
            }
            let (arrival, expected) = match (t.eta[i], t.ship_date[i]) {
                (Some(eta), _) => (Arrival::On(eta), eta),
                (None, Some(shipped)) => {
                    (Arrival::Shipped { shipped_on: shipped, lead: lead.clone() }, shipped.add_days(median))
                }
                (None, None) => continue,
            };
            if expected <= as_of {
                continue; // already arrived: in the snapshot's on-hand units
            }
            out.entry(sku.to_owned()).or_default().push(Arriving {
                warehouse: t.warehouse.get(i).map(str::to_owned),
                units: q,
                arrival,
                expected,
            });
        }
    }
    if tables.is_empty() {
        let day = as_of.add_days(SNAPSHOT_INBOUND_DAYS as i32);
        for (sku, &units) in stock.inbound.iter().filter(|(_, u)| **u > 0.0) {
            out.entry(sku.clone()).or_default().push(Arriving {
                warehouse: None,
                units,
                arrival: Arrival::On(day),
                expected: day,
            });
        }
    }
    out
}

struct SkuContext<'a> {
    as_of: Date,
    peak_date: Date,
    peak_end: Date,
    service_level: f64,
    settings: &'a InventorySettings,
    route: &'a PlanningRoute,
    arrivals: &'a [Arriving],
}

fn plan_sku(sku: &str, fc: &Forecast, weeks: &[WeekDemand], stock: &StockBySku, ctx: &SkuContext) -> SkuPlan {
    let on_hand = stock.on_hand.get(sku).copied();
    let inbound_units = ctx.arrivals.iter().fold(0.0, |sum, a| sum + a.units);
    let next_4 = weeks.iter().take(4);
    let n = weeks.len().clamp(1, 4) as f64;
    let weekly_mean = next_4.clone().map(|w| w.mean_units).sum::<f64>() / n;
    let weekly_sd = next_4.map(|w| w.sd_units).sum::<f64>() / n;
    let daily = DemandStats::from_weekly(weekly_mean, weekly_sd);
    let forecast_28d = demand_between(weeks, ctx.as_of.add_days(1), ctx.as_of.add_days(28), 0.0).mean_units;
    let lead = &ctx.route.option.lead;
    let reorder = plan_reorder(&ReorderInput {
        demand: daily,
        lead: lead.stats(),
        service_level: ctx.service_level,
        review_days: ctx.settings.review_days,
        on_hand_units: on_hand.unwrap_or(0.0),
        inbound_units,
    });
    let ship_by = latest_ship_date(ctx.peak_date, lead, ctx.service_level).map(|d| {
        match cny_closure_holding(d).filter(|_| ctx.settings.chinese_new_year_closure) {
            Some((from, _)) => from.add_days(-1),
            None => d,
        }
    });
    let before_target = ctx.arrivals.iter().filter(|a| a.expected < ctx.peak_date).fold(0.0, |sum, a| sum + a.units);
    let peak = peak_quantity(&PeakQuantityInput {
        today: ctx.as_of,
        in_stock_date: ctx.peak_date,
        peak_end: ctx.peak_end,
        weekly_forecast: weeks.to_vec(),
        service_level: ctx.service_level,
        forecast_correlation: ctx.settings.forecast_correlation,
        on_hand_units: on_hand.unwrap_or(0.0),
        inbound_before_target_units: before_target,
    });
    // A shipment planned to land on time at the service level usually lands earlier. If the
    // shelf is empty by then, sales resume on arrival and eat into the peak's stock, so the
    // quantity also covers the demand of the days between the earliest plausible arrival (the
    // lead time's 1 − service quantile) and the in-stock date.
    let early_days = lead.quantile_days(ctx.service_level).unwrap_or(0) as i32
        - lead.quantile_days(1.0 - ctx.service_level).unwrap_or(0) as i32;
    let early_demand = if peak.available_at_target_units < 1.0 && early_days > 0 {
        demand_between(weeks, ctx.peak_date.add_days(-early_days), ctx.peak_date.add_days(-1), 0.0).mean_units
    } else {
        0.0
    };
    let peak_units = if peak.send_units > 0.0 { (peak.send_units + early_demand).ceil() } else { 0.0 };
    let simulate = |extra: Option<SimInbound>| {
        let on_hand = on_hand?;
        let mut inbound: Vec<SimInbound> =
            ctx.arrivals.iter().map(|a| SimInbound { units: a.units, arrival: a.arrival.clone() }).collect();
        inbound.extend(extra);
        Some(simulate_peak(&SimInput {
            start: ctx.as_of.add_days(1),
            on_hand_units: on_hand,
            inbound,
            weekly_demand: weeks.to_vec(),
            demand_model: DemandModel::Gamma,
            forecast_correlation: ctx.settings.forecast_correlation,
            peak_from: ctx.peak_date.max(ctx.as_of.add_days(1)),
            peak_to: ctx.peak_end,
            runs: SIM_RUNS,
            seed: seed_of(sku),
        }))
    };
    let as_is = simulate(None);
    let with_plan = if peak_units > 0.0 {
        let shipped_on = ship_by.unwrap_or(ctx.as_of).max(ctx.as_of);
        simulate(Some(SimInbound { units: peak_units, arrival: Arrival::Shipped { shipped_on, lead: lead.clone() } }))
    } else {
        as_is.clone()
    };
    let days_of_cover = on_hand.and(reorder.days_of_cover_on_hand);
    let risk = match (&as_is, days_of_cover) {
        (None, _) => Risk::Unknown,
        (Some(sim), cover) => {
            let p50_lead = lead.quantile_days(0.5).unwrap_or(0) as f64;
            let ship_soon = ship_by.is_none_or(|d| d.days_since(ctx.as_of) <= 14);
            if (sim.stockout_probability >= 0.5 && ship_soon) || cover.is_some_and(|c| c < p50_lead) {
                Risk::High
            } else if sim.stockout_probability >= 0.2 || reorder.should_order {
                Risk::Medium
            } else {
                Risk::Low
            }
        }
    };
    SkuPlan {
        sku: sku.to_owned(),
        product: stock.product.get(sku).cloned(),
        on_hand,
        inbound: inbound_units,
        forecast_28d,
        model: fc.model,
        days_of_cover,
        safety_stock: reorder.safety_stock_units,
        reorder_point: reorder.reorder_point_units,
        order_quantity: reorder.order_units,
        ship_by,
        ship_by_route: ship_by.map(|_| ctx.route.option.route.clone()),
        peak_quantity: peak_units,
        stockout_probability: as_is.as_ref().map(|s| s.stockout_probability),
        stockout_probability_with_plan: with_plan.as_ref().map(|s| s.stockout_probability),
        expected_lost_units: as_is.as_ref().map(|s| s.expected_lost_units),
        expected_leftover_units: as_is.as_ref().map(|s| s.expected_leftover_units),
        risk,
    }
}

/// A per-SKU seed (FNV-1a), so each SKU's simulation is reproducible and independent of order.
fn seed_of(sku: &str) -> u64 {
    sku.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

#[allow(clippy::too_many_arguments)]
fn project_warehouses(
    inputs: &InventoryInputs,
    stock: &StockBySku,
    weekly_by_sku: &BTreeMap<String, Vec<WeekDemand>>,
    demand: &Demand,
    inbound: &BTreeMap<String, Vec<Arriving>>,
    first_week: Date,
    weeks: usize,
    settings: &InventorySettings,
) -> Vec<WarehousePlan> {
    let warehouses: Vec<String> = {
        let mut w: Vec<String> = stock.by_warehouse.keys().map(|(w, _)| w.clone()).collect();
        w.dedup();
        w
    };
    let capacity = capacities(&inputs.capacity);
    let mut unit_m3 = stock.unit_m3.clone();
    for c in &inputs.capacity {
        for i in 0..c.sku.len() {
            if let Some(sku) = c.sku.get(i).filter(|_| c.unit_volume_m3[i].is_finite()) {
                unit_m3.entry(sku.to_owned()).or_insert(c.unit_volume_m3[i]);
            }
        }
    }
    let rates =
        StorageRates::october_to_december(settings.storage_usd_per_m3_month, settings.peak_storage_usd_per_m3_month);
    warehouses
        .iter()
        .map(|name| {
            let skus: Vec<SkuStock> = stock
                .by_warehouse
                .iter()
                .filter(|((w, _), _)| w == name)
                .map(|((_, sku), &units)| {
                    // Demand is shared among warehouses in proportion to the stock each holds.
                    let total = stock.on_hand.get(sku).copied().unwrap_or(0.0);
                    let share = if total > 0.0 { units / total } else { 0.0 };
                    SkuStock {
                        sku: sku.clone(),
                        on_hand_units: units,
                        unit_volume_m3: unit_m3.get(sku).copied(),
                        weekly_demand_units: weekly_units(sku, weekly_by_sku, demand, first_week, weeks)
                            .into_iter()
                            .map(|u| u * share)
                            .collect(),
                    }
                })
                .collect();
            let arriving: Vec<Inbound> = inbound
                .iter()
                .flat_map(|(sku, list)| list.iter().map(move |a| (sku, a)))
                .filter_map(|(sku, a)| {
                    // Undirected arrivals are shared like the demand: by the stock each
                    // warehouse holds (all to the only warehouse, or to the first one when
                    // the SKU is stocked nowhere yet).
                    let share = match &a.warehouse {
                        Some(w) if warehouses.contains(w) => f64::from(w == name),
                        _ => {
                            let total = stock.on_hand.get(sku).copied().unwrap_or(0.0);
                            let here = stock.by_warehouse.get(&(name.clone(), sku.clone())).copied().unwrap_or(0.0);
                            if total > 0.0 {
                                here / total
                            } else {
                                f64::from(warehouses.first() == Some(name))
                            }
                        }
                    };
                    (share > 0.0).then(|| Inbound {
                        sku: sku.clone(),
                        units: a.units * share,
                        arrival_week: a.expected,
                    })
                })
                .collect();
            let cap = capacity.get(name).copied().unwrap_or_default();
            let input = WarehouseInput { first_week, weeks, skus, inbound: arriving, capacity: cap };
            let projection = project_warehouse(&input);
            let has_volume = input.skus.iter().any(|s| s.unit_volume_m3.is_some());
            let (moves, unresolved) = if projection.iter().any(|w| w.over_capacity) {
                let plan = stagger(&input);
                (plan.moves, plan.unresolved_weeks)
            } else {
                (Vec::new(), Vec::new())
            };
            WarehousePlan {
                warehouse: name.clone(),
                capacity_units: cap.units,
                capacity_m3: cap.m3,
                over_capacity_weeks: projection.iter().filter(|w| w.over_capacity).count(),
                stockout_weeks: projection.iter().filter(|w| !w.stockout_skus.is_empty()).count(),
                fees: has_volume.then(|| storage_fees(&projection, &rates)),
                weeks: projection,
                stagger: moves,
                unresolved_weeks: unresolved,
            }
        })
        .collect()
}

/// A SKU's forecast units per projected week; SKUs without a row (beyond [`MAX_SKUS`]) sell
/// their mean of the last four whole weeks.
fn weekly_units(
    sku: &str,
    weekly_by_sku: &BTreeMap<String, Vec<WeekDemand>>,
    demand: &Demand,
    first_week: Date,
    weeks: usize,
) -> Vec<f64> {
    match weekly_by_sku.get(sku) {
        Some(list) => (0..weeks)
            .map(|i| {
                let monday = first_week.add_days(7 * i as i32);
                list.iter().find(|w| w.week_start == monday).map_or(0.0, |w| w.mean_units)
            })
            .collect(),
        None => {
            let s = demand.series_to_end(Some(sku));
            let tail = &s.units[s.len().saturating_sub(4)..];
            let mean = if tail.is_empty() { 0.0 } else { tail.iter().sum::<f64>() / tail.len() as f64 };
            vec![mean; weeks]
        }
    }
}

/// Capacity per warehouse from the rows without a SKU (the SKU rows give unit volumes).
fn capacities(tables: &[&CapacityTable]) -> BTreeMap<String, Capacity> {
    let mut out: BTreeMap<String, Capacity> = BTreeMap::new();
    for t in tables {
        for i in 0..t.rows.len() {
            let Some(w) = t.warehouse.get(i) else { continue };
            let c = out.entry(w.to_owned()).or_default();
            if t.units[i].is_finite() && t.units[i] > 0.0 {
                c.units = Some(t.units[i]);
            }
            if t.volume_m3[i].is_finite() && t.volume_m3[i] > 0.0 {
                c.m3 = Some(t.volume_m3[i]);
            }
        }
    }
    out
}

fn summarise_route(r: &PlanningRoute) -> RouteSummary {
    let lead = &r.option.lead;
    let stats = lead.stats();
    RouteSummary {
        route: r.option.route.clone(),
        parcels: r.parcels,
        p50_days: lead.quantile_days(0.5).unwrap_or(0),
        p90_days: lead.quantile_days(0.9).unwrap_or(0),
        p95_days: lead.quantile_days(0.95).unwrap_or(0),
        mean_days: stats.mean_days,
        sd_days: stats.sd_days,
    }
}

fn summarise_backtest(b: &BacktestResult, skus: Vec<SkuAccuracy>) -> BacktestSummary {
    let last = b.points.last();
    BacktestSummary {
        model: last.map_or(ModelKind::Zero, |p| p.model_kind),
        baseline: last.map_or(ModelKind::MeanOfLast4, |p| p.baseline_kind),
        wape: b.model.wape,
        wape_baseline: b.baseline.wape,
        bias: b.model.bias,
        bias_baseline: b.baseline.bias,
        model_beats_baseline: b.model_beats_baseline,
        first_origin: b.plan.first_origin,
        origins: b.plan.origins,
        skus_model_better: skus.iter().filter(|s| s.model_beats_baseline).count(),
        skus,
        points: b.points.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::inventory::lead::LeadSource;
    use crate::model::orders::LineKind;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    /// `per_day` units of each SKU every day from `from` through `to`.
    fn steady_orders(skus: &[(&str, f64)], from: Date, to: Date) -> Orders {
        let mut o = Orders::default();
        let mut day = from;
        while day <= to {
            for (sku, q) in skus {
                o.rows.push(o.rows.len() as u64 + 2);
                o.date.push(day);
                o.sku.push(Some(sku));
                o.quantity.push(*q);
                o.kind.push(LineKind::Sale);
                o.country.push(Some("US"));
            }
            day = day.add_days(1);
        }
        o
    }

    fn snapshot(rows: &[(&str, &str, f64, f64)]) -> StockSnapshot {
        let mut s = StockSnapshot::default();
        for (sku, warehouse, on_hand, m3) in rows {
            s.rows.push(s.rows.len() as u64 + 2);
            s.sku.push(Some(sku));
            s.warehouse.push(Some(warehouse));
            s.on_hand.push(*on_hand);
            s.reserved.push(0.0);
            s.inbound.push(0.0);
            s.unit_volume_m3.push(*m3);
            s.product.push(None);
        }
        s
    }

    #[test]
    fn steady_demand_gives_steady_figures_and_the_default_peak() {
        // 10 units a day of A from March to Sunday 1 September 2024.
        let orders = steady_orders(&[("A", 10.0)], d(2024, 3, 4), d(2024, 9, 1));
        let inputs = InventoryInputs { orders: vec![&orders], ..Default::default() };
        let r = analyse(&inputs, &InventorySettings::default()).unwrap();
        assert_eq!(r.as_of, d(2024, 9, 1));
        assert_eq!((r.peak_date, r.peak_end), (d(2024, 11, 25), d(2024, 12, 24)));
        let a = &r.skus[0];
        assert!((a.forecast_28d - 280.0).abs() < 1.0, "{}", a.forecast_28d);
        assert_eq!((a.on_hand, a.stockout_probability, a.risk), (None, None, Risk::Unknown));
        // No shipments: the 25–35-day range plus 5 check-in days; 95 % take at most 40 days.
        assert_eq!(r.lead_source, LeadSource::UserRange);
        assert_eq!(a.ship_by, Some(d(2024, 11, 25).add_days(-40)));
        assert!(r.notes.contains(&InventoryNote::NoInventory));
        assert!(r.notes.contains(&InventoryNote::ShortHistory { weeks: 26 }));
        // The backtest compares eight one-week-ahead forecasts; a flat line is forecast exactly.
        let b = r.backtest.unwrap();
        assert_eq!(b.origins, 8);
        assert!(b.wape.unwrap() < 1e-6 && b.wape_baseline.unwrap() < 1e-6);
        // The export's weekly demand: A and the total, 26 weeks each.
        assert_eq!(r.demand_weekly.len(), 2);
        assert_eq!(r.demand_weekly[1].sku, None);
        assert!(r.demand_weekly.iter().all(|w| w.units.len() == 26 && w.units.iter().all(|&u| u == 70.0)));
    }

    #[test]
    fn stock_gives_cover_and_a_full_warehouse_is_flagged() {
        let orders = steady_orders(&[("A", 10.0), ("B", 2.0)], d(2024, 3, 4), d(2024, 9, 1));
        let stock = snapshot(&[("A", "W1", 700.0, 0.01), ("B", "W1", 100.0, 0.01)]);
        let mut capacity = CapacityTable::default();
        capacity.rows.push(2);
        capacity.warehouse.push(Some("W1"));
        capacity.units.push(400.0);
        capacity.volume_m3.push(f64::NAN);
        capacity.sku.push(None);
        capacity.unit_volume_m3.push(f64::NAN);
        let inputs = InventoryInputs {
            orders: vec![&orders],
            stock: vec![&stock],
            capacity: vec![&capacity],
            ..Default::default()
        };
        let r = analyse(&inputs, &InventorySettings::default()).unwrap();
        let a = r.skus.iter().find(|s| s.sku == "A").unwrap();
        assert_eq!(a.on_hand, Some(700.0));
        assert!((a.days_of_cover.unwrap() - 70.0).abs() < 0.5);
        // Without the peak shipment the peak runs out for sure; with it, rarely.
        assert_eq!(a.stockout_probability, Some(1.0));
        assert!(a.stockout_probability_with_plan.unwrap() < 0.3, "{a:?}");
        assert!(a.peak_quantity > 0.0);
        let w = &r.warehouses[0];
        assert_eq!((w.warehouse.as_str(), w.capacity_units), ("W1", Some(400.0)));
        assert_eq!(w.weeks[0].week_start, d(2024, 9, 2));
        // The peak shipments land the week before the peak and overfill the 400 units.
        assert!(w.weeks.iter().any(|wk| wk.over_capacity && wk.week_start == d(2024, 11, 18)));
        assert!(w.fees.as_ref().is_some_and(|f| f.total > 0.0));
    }

    /// A peak window and an exact 10-day lead time with no check-in days.
    fn ten_day_lead(peak: Date, end: Date) -> InventorySettings {
        InventorySettings {
            peak_date: Some(peak),
            peak_end: Some(end),
            lead_min_days: 10,
            lead_max_days: 10,
            check_in_days: 0,
            ..Default::default()
        }
    }

    #[test]
    fn the_user_peak_and_lead_range_are_used() {
        let orders = steady_orders(&[("A", 1.0)], d(2024, 1, 1), d(2024, 6, 30));
        let settings = ten_day_lead(d(2024, 8, 1), d(2024, 8, 31));
        let inputs = InventoryInputs { orders: vec![&orders], ..Default::default() };
        let r = analyse(&inputs, &settings).unwrap();
        assert_eq!((r.peak_date, r.peak_end), (d(2024, 8, 1), d(2024, 8, 31)));
        assert_eq!(r.skus[0].ship_by, Some(d(2024, 7, 22)));
        assert_eq!(r.ship_by[0].route, "10–10 d");
    }

    #[test]
    fn a_ship_by_date_in_the_new_year_closure_moves_before_it() {
        let orders = steady_orders(&[("A", 1.0)], d(2026, 6, 1), d(2026, 12, 27));
        // 10 days' lead for an in-stock date of 15 February 2027: ship by 5 February, inside
        // the closure around 6 February (30 January – 20 February).
        let settings = ten_day_lead(d(2027, 2, 15), d(2027, 3, 15));
        let inputs = InventoryInputs { orders: vec![&orders], ..Default::default() };
        let r = analyse(&inputs, &settings).unwrap();
        assert_eq!(r.skus[0].ship_by, Some(d(2027, 1, 29)));
        assert!(r.notes.contains(&InventoryNote::ChineseNewYear { from: d(2027, 1, 30), to: d(2027, 2, 20) }));
        let off = InventorySettings { chinese_new_year_closure: false, ..settings };
        assert_eq!(analyse(&inputs, &off).unwrap().skus[0].ship_by, Some(d(2027, 2, 5)));
    }

    #[test]
    fn without_sales_there_is_nothing_to_plan() {
        assert!(analyse(&InventoryInputs::default(), &InventorySettings::default()).is_none());
    }
}
