//! Inventory and peak season: forecasts, ship-by dates, safety stock and warehouse capacity.
//!
//! [`analyse`] ties the pieces together: weekly demand from the order lines ([`demand`]), a
//! seasonal forecast with event uplifts ([`forecast`], [`calendar`]) checked by a rolling-origin
//! backtest ([`backtest`]), lead times from the seller's own shipments ([`lead`]), safety stock
//! and order quantities ([`stock`]), ship-by dates and the quantity for the peak ([`shipby`]), a
//! Monte Carlo of the peak ([`simulate`]) and the warehouses' projected fill ([`warehouse`]).

pub mod backtest;
pub mod calendar;
pub mod demand;
pub mod forecast;
pub mod lead;
mod plan;
pub mod shipby;
pub mod simulate;
pub mod stock;
pub mod warehouse;

pub use plan::{analyse, InventoryInputs};

use crate::model::Date;
use backtest::BacktestPoint;
use calendar::{RetailEvent, Uplifts};
use demand::{LineCount, SkuWeeks};
use forecast::{Forecast, ModelKind};
use lead::LeadSource;
use serde::{Deserialize, Serialize};
use shipby::ShipBy;
use warehouse::{StaggerSuggestion, StorageFees, WeekProjection};

/// What the user chooses on the inventory page.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default)]
pub struct InventorySettings {
    /// The chance of not running out (cycle service level), 0.5–0.999.
    pub service_level: f64,
    /// The day stock must be sellable for the peak; `None`: the Monday before the next Black
    /// Friday.
    pub peak_date: Option<Date>,
    /// The last day of the peak; `None`: 24 December of the peak's year.
    pub peak_end: Option<Date>,
    /// Days between two ordering decisions (7 = weekly review).
    pub review_days: f64,
    /// Days from arrival at the warehouse to sellable (FBA check-in).
    pub check_in_days: u32,
    /// Days to produce or pick up goods before they ship.
    pub production_days: u32,
    /// The lead-time range used when no shipments were loaded.
    pub lead_min_days: u32,
    pub lead_max_days: u32,
    /// The route the ship-by column plans with; `None`: the busiest route.
    pub route: Option<String>,
    /// Storage fees in USD per m³ per month, outside and inside October–December.
    pub storage_usd_per_m3_month: f64,
    pub peak_storage_usd_per_m3_month: f64,
    /// Event uplifts the user set (others are estimated from the history).
    pub uplifts: Vec<(RetailEvent, f64)>,
    /// Correlation of the weeks' forecast errors (0–1); a peak that runs hot tends to stay hot.
    pub forecast_correlation: f64,
    /// Factories and forwarders close around Chinese New Year: a ship-by date inside the
    /// closure moves to the last working day before it.
    pub chinese_new_year_closure: bool,
}

impl Default for InventorySettings {
    fn default() -> Self {
        InventorySettings {
            service_level: 0.95,
            peak_date: None,
            peak_end: None,
            review_days: 7.0,
            check_in_days: 5,
            production_days: 0,
            lead_min_days: 25,
            lead_max_days: 35,
            route: None,
            // Amazon's FBA monthly storage fee for standard-size items, $0.78 and $2.40 per
            // cubic foot, converted to cubic metres (1 m³ = 35.315 ft³).
            storage_usd_per_m3_month: 27.55,
            peak_storage_usd_per_m3_month: 84.76,
            uplifts: Vec::new(),
            forecast_correlation: 0.5,
            chinese_new_year_closure: true,
        }
    }
}

/// The forecast of all SKUs together, for the demand chart.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TotalForecast {
    /// Whole weeks of history shown (at most two years).
    pub history: SkuWeeks,
    pub forecast: Forecast,
    /// Retail events in the shown span, with the Monday of their week.
    pub events: Vec<(RetailEvent, Date)>,
}

/// The backtest as the page and the export show it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct BacktestSummary {
    /// The automatic model at the last origin.
    pub model: ModelKind,
    /// The baseline it was compared with at the last origin.
    pub baseline: ModelKind,
    pub wape: Option<f64>,
    pub wape_baseline: Option<f64>,
    pub bias: Option<f64>,
    pub bias_baseline: Option<f64>,
    pub model_beats_baseline: bool,
    /// The first forecast week and how many one-week-ahead forecasts were compared.
    pub first_origin: Date,
    pub origins: usize,
    /// Per SKU in the table: its WAPE with the model and with the baseline.
    pub skus: Vec<SkuAccuracy>,
    /// SKUs where the model beat the baseline.
    pub skus_model_better: usize,
    /// The total's forecast and actual week by week.
    pub points: Vec<BacktestPoint>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SkuAccuracy {
    pub sku: String,
    pub wape: Option<f64>,
    pub wape_baseline: Option<f64>,
    pub model_beats_baseline: bool,
}

/// A route the plan may use, with its lead-time figures.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RouteSummary {
    pub route: String,
    pub parcels: usize,
    pub p50_days: u32,
    pub p90_days: u32,
    pub p95_days: u32,
    pub mean_days: f64,
    pub sd_days: f64,
}

/// How urgent a SKU is.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Risk {
    High,
    Medium,
    Low,
    /// No stock figures to judge by.
    Unknown,
}

/// One SKU's replenishment row.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SkuPlan {
    pub sku: String,
    pub product: Option<String>,
    /// Sellable units now over every warehouse; `None` when no inventory file lists the SKU.
    pub on_hand: Option<f64>,
    pub inbound: f64,
    /// Units expected in the 28 days after the latest date in the data.
    pub forecast_28d: f64,
    pub model: ModelKind,
    pub days_of_cover: Option<f64>,
    pub safety_stock: f64,
    pub reorder_point: f64,
    /// What to order now under the weekly (R, S) rule.
    pub order_quantity: f64,
    /// The latest ship date on the planning route for the peak's in-stock date.
    pub ship_by: Option<Date>,
    pub ship_by_route: Option<String>,
    /// Units to send for the peak on top of stock and inbound.
    pub peak_quantity: f64,
    /// The chance of losing sales during the peak with what is on hand and inbound.
    pub stockout_probability: Option<f64>,
    /// The same if `peak_quantity` ships on the ship-by date.
    pub stockout_probability_with_plan: Option<f64>,
    pub expected_lost_units: Option<f64>,
    pub expected_leftover_units: Option<f64>,
    pub risk: Risk,
}

/// One warehouse's projection.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct WarehousePlan {
    pub warehouse: String,
    pub capacity_units: Option<f64>,
    pub capacity_m3: Option<f64>,
    pub weeks: Vec<WeekProjection>,
    pub over_capacity_weeks: usize,
    pub stockout_weeks: usize,
    /// Storage fees in USD over the projected weeks.
    pub fees: Option<StorageFees>,
    /// Inbound moves that avoid overflow without new stockouts.
    pub stagger: Vec<StaggerSuggestion>,
    pub unresolved_weeks: Vec<Date>,
}

/// Something the user should know about the figures.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum InventoryNote {
    /// No inventory snapshot: no stock, cover or stockout figures.
    NoInventory,
    /// No capacity file: warehouses are projected without limits.
    NoCapacity,
    /// No shipments with transit times: the user's lead-time range is used.
    NoShipments { min_days: u32, max_days: u32 },
    /// Less than a year of history: no yearly seasonality, baselines are the 4-week mean.
    ShortHistory { weeks: usize },
    /// The backtest could not run (too little history).
    NoBacktest,
    /// The model did not beat the baseline in the backtest: the baseline's forecast is used.
    BaselineUsed,
    /// Only the busiest SKUs get a row.
    SkusCapped { shown: usize, total: usize },
    /// The peak's in-stock date has passed.
    PeakDatePassed { peak_date: Date },
    /// The latest ship date fell in the Chinese New Year closure and was moved before it.
    ChineseNewYear { from: Date, to: Date },
    /// The inbound units of the snapshot have no date; they are assumed sellable after this many days.
    SnapshotInboundAssumed { days: u32 },
}

/// Everything the inventory page shows.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct InventoryReport {
    /// The latest date in the orders: the "today" of the plan.
    pub as_of: Date,
    pub first_day: Date,
    pub lines: Vec<LineCount>,
    pub sales_without_sku: u64,
    /// Every SKU's weekly units between its first and last sale, then the total.
    pub demand_weekly: Vec<SkuWeeks>,
    pub total: TotalForecast,
    pub uplifts: Uplifts,
    pub backtest: Option<BacktestSummary>,
    pub lead_source: LeadSource,
    pub routes: Vec<RouteSummary>,
    pub route_used: String,
    pub peak_date: Date,
    pub peak_end: Date,
    /// The ship-by date of every route for the peak, most slack first.
    pub ship_by: Vec<ShipBy>,
    pub service_level: f64,
    pub skus: Vec<SkuPlan>,
    pub warehouses: Vec<WarehousePlan>,
    pub notes: Vec<InventoryNote>,
}
