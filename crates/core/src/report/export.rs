//! The files users download: results as JSON (schema in docs/export-schema.md), the group
//! table as CSV and XLSX, rejected rows as CSV, and blank templates.

use super::cell::Cell;
use super::csv_out::write_csv;
use super::labels::{self, pick, Label, Lang};
use super::xlsx::{write_xlsx, Sheet};
use super::Report;
use crate::analysis::logistics::{GroupField, GroupStats, LogisticsReport};
use crate::mapping::{catalogue, DatasetKind};
use crate::session::Workspace;
use serde::Serialize;

/// A file ready to download.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportFile {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// What to export.
#[derive(serde::Deserialize, Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Json,
    GroupsCsv,
    Xlsx,
    RejectedCsv,
    TemplateCsv,
    TemplateXlsx,
}

/// Builds an export of the workspace's current results.
pub fn export(ws: &Workspace, report: &Report, kind: ExportKind, lang: Lang) -> ExportFile {
    match kind {
        ExportKind::Json => ExportFile {
            name: "borderlens-results.json".into(),
            mime: "application/json",
            bytes: results_json(report).into_bytes(),
        },
        ExportKind::GroupsCsv => ExportFile {
            name: "borderlens-groups.csv".into(),
            mime: "text/csv;charset=utf-8",
            bytes: {
                let (header, rows) = group_table(report.logistics.as_ref(), lang);
                write_csv(&header, &mut rows.into_iter())
            },
        },
        ExportKind::Xlsx => ExportFile {
            name: "borderlens-results.xlsx".into(),
            mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes: write_xlsx(&result_sheets(report, lang)),
        },
        ExportKind::RejectedCsv => ExportFile {
            name: "borderlens-rejected-rows.csv".into(),
            mime: "text/csv;charset=utf-8",
            bytes: rejected_csv(ws, lang),
        },
        ExportKind::TemplateCsv => ExportFile {
            name: template_name(lang, "csv"),
            mime: "text/csv;charset=utf-8",
            bytes: {
                let header = template_header(lang);
                write_csv(&header, &mut std::iter::empty())
            },
        },
        ExportKind::TemplateXlsx => ExportFile {
            name: template_name(lang, "xlsx"),
            mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes: write_xlsx(&[Sheet {
                name: pick(lang, ("Shipments", "运单")).into(),
                header: template_header(lang).iter().map(|s| s.to_string()).collect(),
                rows: Vec::new(),
            }]),
        },
    }
}

#[derive(Serialize)]
struct JsonDataset<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    kind: DatasetKind,
    rows_read: u64,
    rows_used: u64,
    rows_rejected: u64,
    rows_blank: u64,
}

#[derive(Serialize)]
struct JsonLogistics<'a> {
    reference_date: Option<crate::model::Date>,
    group_by: &'a [GroupField],
    ship_dates: crate::analysis::logistics::DateRange,
    filtered_out: u64,
    overall: &'a GroupStats,
    groups: &'a [GroupStats],
    trend: &'a [crate::analysis::logistics::MonthStats],
    scorecards: &'a [crate::analysis::logistics::Scorecard],
    stuck_total: u64,
    stuck: &'a [crate::analysis::logistics::StuckParcel],
    comparison: &'a Option<crate::analysis::logistics::Comparison>,
}

#[derive(Serialize)]
struct JsonCustoms<'a> {
    group_by: &'a [crate::analysis::customs::groups::CustomsGroupField],
    summary: &'a crate::analysis::customs::CustomsSummary,
    groups: &'a [crate::analysis::customs::groups::CustomsGroup],
    heatmap: &'a [crate::analysis::customs::groups::CustomsGroup],
    outcome_mix: &'a [crate::analysis::customs::groups::OutcomeMix],
    hold_times: Vec<HoldTimesJson>,
    costs_by_outcome: &'a [crate::analysis::customs::groups::OutcomeCost],
    riskiest: &'a [crate::analysis::customs::groups::CustomsGroup],
    costliest: &'a [crate::analysis::customs::groups::CustomsGroup],
    documents: &'a [crate::analysis::customs::DocumentCount],
    unclassified_outcomes: &'a [crate::analysis::customs::parcels::UnclassifiedOutcome],
    unmatched_events: &'a [crate::analysis::customs::timeline::Unmatched],
    legs: &'a [crate::analysis::customs::legs::LegRoute],
    planned: &'a [crate::analysis::customs::risk::RiskEstimate],
    de_minimis: &'a crate::analysis::customs::de_minimis::DeMinimisTable,
}

/// Hold times without the per-day histogram (the UI's chart data).
#[derive(Serialize)]
struct HoldTimesJson {
    checkpoint: crate::analysis::customs::vocab::Checkpoint,
    holds: u64,
    p50_days: Option<f64>,
    p90_days: Option<f64>,
    max_days: Option<u32>,
    mean_days: Option<f64>,
}

/// The inventory section: flat rows, as the export schema documents them.
#[derive(Serialize)]
struct JsonInventory<'a> {
    as_of: crate::model::Date,
    peak_date: crate::model::Date,
    peak_end: crate::model::Date,
    service_level: f64,
    lines: &'a [crate::analysis::inventory::demand::LineCount],
    demand_weekly: Vec<JsonWeek<'a>>,
    backtest: Option<JsonBacktest<'a>>,
    forecast_total: JsonForecast<'a>,
    uplifts: &'a crate::analysis::inventory::calendar::Uplifts,
    lead_source: crate::analysis::inventory::lead::LeadSource,
    routes: &'a [crate::analysis::inventory::RouteSummary],
    route_used: &'a str,
    ship_by: &'a [crate::analysis::inventory::shipby::ShipBy],
    skus: &'a [crate::analysis::inventory::SkuPlan],
    warehouses: Vec<JsonWarehouseWeek<'a>>,
    stagger: Vec<JsonStagger<'a>>,
    notes: &'a [crate::analysis::inventory::InventoryNote],
}

#[derive(Serialize)]
struct JsonWeek<'a> {
    sku: Option<&'a str>,
    week_start: crate::model::Date,
    units: f64,
}

#[derive(Serialize)]
struct JsonBacktest<'a> {
    model: crate::analysis::inventory::forecast::ModelKind,
    baseline: crate::analysis::inventory::forecast::ModelKind,
    wape: Option<f64>,
    wape_baseline: Option<f64>,
    bias: Option<f64>,
    bias_baseline: Option<f64>,
    model_beats_baseline: bool,
    first_origin: crate::model::Date,
    origins: usize,
    skus: &'a [crate::analysis::inventory::SkuAccuracy],
}

#[derive(Serialize)]
struct JsonForecast<'a> {
    model: crate::analysis::inventory::forecast::ModelKind,
    start: crate::model::Date,
    level: f64,
    mean: &'a [f64],
    low: &'a [f64],
    high: &'a [f64],
}

#[derive(Serialize)]
struct JsonWarehouseWeek<'a> {
    warehouse: &'a str,
    week_start: crate::model::Date,
    projected_units: f64,
    projected_volume: f64,
    /// Units if the capacity file gives units, else cubic metres.
    capacity: Option<f64>,
    capacity_units: Option<f64>,
    capacity_m3: Option<f64>,
    peak_units: f64,
    peak_volume: f64,
    over_capacity: bool,
    lost_units: f64,
}

#[derive(Serialize)]
struct JsonStagger<'a> {
    warehouse: &'a str,
    sku: &'a str,
    units: f64,
    from_week: crate::model::Date,
    to_week: crate::model::Date,
}

fn inventory_json(r: &crate::analysis::inventory::InventoryReport) -> JsonInventory<'_> {
    JsonInventory {
        as_of: r.as_of,
        peak_date: r.peak_date,
        peak_end: r.peak_end,
        service_level: r.service_level,
        lines: &r.lines,
        demand_weekly: r
            .demand_weekly
            .iter()
            .flat_map(|s| {
                s.units.iter().enumerate().map(move |(i, &units)| JsonWeek {
                    sku: s.sku.as_deref(),
                    week_start: s.start.add_days(7 * i as i32),
                    units,
                })
            })
            .collect(),
        backtest: r.backtest.as_ref().map(|b| JsonBacktest {
            model: b.model,
            baseline: b.baseline,
            wape: b.wape,
            wape_baseline: b.wape_baseline,
            bias: b.bias,
            bias_baseline: b.bias_baseline,
            model_beats_baseline: b.model_beats_baseline,
            first_origin: b.first_origin,
            origins: b.origins,
            skus: &b.skus,
        }),
        forecast_total: JsonForecast {
            model: r.total.forecast.model,
            start: r.total.forecast.start,
            level: r.total.forecast.level,
            mean: &r.total.forecast.mean,
            low: &r.total.forecast.low,
            high: &r.total.forecast.high,
        },
        uplifts: &r.uplifts,
        lead_source: r.lead_source,
        routes: &r.routes,
        route_used: &r.route_used,
        ship_by: &r.ship_by,
        skus: &r.skus,
        warehouses: r
            .warehouses
            .iter()
            .flat_map(|w| {
                w.weeks.iter().map(move |wk| JsonWarehouseWeek {
                    warehouse: &w.warehouse,
                    week_start: wk.week_start,
                    projected_units: wk.projected_units,
                    projected_volume: wk.projected_volume_m3,
                    capacity: w.capacity_units.or(w.capacity_m3),
                    capacity_units: w.capacity_units,
                    capacity_m3: w.capacity_m3,
                    peak_units: wk.peak_units,
                    peak_volume: wk.peak_volume_m3,
                    over_capacity: wk.over_capacity,
                    lost_units: wk.lost_units,
                })
            })
            .collect(),
        stagger: r
            .warehouses
            .iter()
            .flat_map(|w| {
                w.stagger.iter().map(move |m| JsonStagger {
                    warehouse: &w.warehouse,
                    sku: &m.sku,
                    units: m.units,
                    from_week: m.from_week,
                    to_week: m.to_week,
                })
            })
            .collect(),
        notes: &r.notes,
    }
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    generator: String,
    schema: &'static str,
    datasets: Vec<JsonDataset<'a>>,
    logistics: Option<JsonLogistics<'a>>,
    customs: Option<JsonCustoms<'a>>,
    inventory: Option<JsonInventory<'a>>,
    homogeneity: &'a Option<crate::analysis::homogeneity::HomogeneityReport>,
    fx: &'a crate::model::FxTable,
}

/// The results as pretty JSON (documented in docs/export-schema.md).
pub fn results_json(report: &Report) -> String {
    let doc = JsonDoc {
        generator: format!("borderlens {}", env!("CARGO_PKG_VERSION")),
        schema: "https://borderlens.invalid/schema/results-v1",
        datasets: report
            .datasets
            .iter()
            .map(|d| JsonDataset {
                file: &d.file,
                sheet: d.sheet.as_deref(),
                kind: d.kind,
                rows_read: d.rows_read,
                rows_used: d.rows_used,
                rows_rejected: d.rows_rejected,
                rows_blank: d.rows_blank,
            })
            .collect(),
        logistics: report.logistics.as_ref().map(|l| JsonLogistics {
            reference_date: l.reference_date,
            group_by: &l.group_by,
            ship_dates: l.ship_dates,
            filtered_out: l.filtered_out,
            overall: &l.overall,
            groups: &l.groups,
            trend: &l.trend,
            scorecards: &l.scorecards,
            stuck_total: l.stuck_total,
            stuck: &l.stuck,
            comparison: &l.comparison,
        }),
        customs: report.customs.as_ref().map(|c| JsonCustoms {
            group_by: &c.group_by,
            summary: &c.summary,
            groups: &c.groups,
            heatmap: &c.heatmap,
            outcome_mix: &c.outcome_mix,
            hold_times: c
                .hold_times
                .iter()
                .map(|h| HoldTimesJson {
                    checkpoint: h.checkpoint,
                    holds: h.holds,
                    p50_days: h.p50_days,
                    p90_days: h.p90_days,
                    max_days: h.max_days,
                    mean_days: h.mean_days,
                })
                .collect(),
            costs_by_outcome: &c.costs_by_outcome,
            riskiest: &c.riskiest,
            costliest: &c.costliest,
            documents: &c.documents,
            unclassified_outcomes: &c.unclassified_outcomes,
            unmatched_events: &c.unmatched_events,
            legs: &c.legs,
            planned: &c.planned,
            de_minimis: &c.de_minimis,
        }),
        inventory: report.inventory.as_ref().map(inventory_json),
        homogeneity: &report.homogeneity,
        fx: &report.settings.logistics.fx,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}

fn header(lang: Lang, labels: &[Label]) -> Vec<&'static str> {
    labels.iter().map(|l| pick(lang, *l)).collect()
}

fn opt_text(v: &Option<String>) -> Cell {
    v.as_deref().map_or(Cell::Empty, |s| Cell::Text(s.to_owned()))
}

fn opt_num(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

fn group_row(g: &GroupStats, lang: Lang) -> Vec<Cell> {
    vec![
        opt_text(&g.origin),
        opt_text(&g.destination),
        opt_text(&g.carrier),
        opt_text(&g.service),
        Cell::Integer(g.shipments as i64),
        Cell::Integer(g.delivered as i64),
        Cell::Integer(g.in_transit as i64),
        opt_num(g.p50_days),
        opt_num(g.p75_days),
        opt_num(g.p90_days),
        opt_num(g.p95_days),
        opt_num(g.max_days.map(f64::from)),
        opt_num(g.mean_days),
        opt_num(g.std_days),
        opt_num(g.cv),
        opt_num(g.on_time_rate),
        opt_num(g.on_time_low),
        opt_num(g.on_time_high),
        opt_num(g.mean_days_late),
        opt_num(g.promise_days_p90.map(f64::from)),
        opt_num(g.promise_days_p95.map(f64::from)),
        opt_num(g.cost_per_parcel_usd),
        opt_num(g.cost_per_kg_usd),
        Cell::Integer(g.stuck as i64),
        Cell::Text(pick(lang, if g.small_sample { ("yes", "是") } else { ("no", "否") }).into()),
    ]
}

/// The group table: header and rows.
pub fn group_table(l: Option<&LogisticsReport>, lang: Lang) -> (Vec<&'static str>, Vec<Vec<Cell>>) {
    let rows = l.map(|l| l.groups.iter().map(|g| group_row(g, lang)).collect()).unwrap_or_default();
    (header(lang, labels::GROUP_COLUMNS), rows)
}

fn sheet(lang: Lang, name: Label, columns: &[Label], rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet { name: pick(lang, name).into(), header: header(lang, columns).iter().map(|s| s.to_string()).collect(), rows }
}

fn result_sheets(report: &Report, lang: Lang) -> Vec<Sheet> {
    let names = labels::SHEET_NAMES;
    let (_, groups) = group_table(report.logistics.as_ref(), lang);
    let mut sheets = vec![sheet(lang, names[0], labels::GROUP_COLUMNS, groups)];
    if let Some(l) = &report.logistics {
        let score_rows = l
            .scorecards
            .iter()
            .flat_map(|card| {
                card.carriers.iter().map(move |c| {
                    vec![
                        opt_text(&card.destination),
                        Cell::Integer(c.rank as i64),
                        opt_text(&c.carrier),
                        opt_text(&c.service),
                        Cell::Integer(c.shipments as i64),
                        Cell::Integer(c.delivered as i64),
                        opt_num(c.p50_days),
                        opt_num(c.p90_days),
                        opt_num(c.on_time.map(|r| r.rate)),
                        opt_num(c.on_time.map(|r| r.low)),
                        opt_num(c.on_time.map(|r| r.high)),
                    ]
                })
            })
            .collect();
        sheets.push(sheet(lang, names[1], labels::SCORECARD_COLUMNS, score_rows));
        let stuck_rows = l
            .stuck
            .iter()
            .map(|s| {
                vec![
                    Cell::Integer(s.row as i64),
                    Cell::Text(s.tracking.clone()),
                    opt_text(&s.origin),
                    opt_text(&s.destination),
                    opt_text(&s.carrier),
                    opt_text(&s.service),
                    Cell::Text(s.shipped_on.to_string()),
                    Cell::Integer(s.age_days as i64),
                    Cell::Number(s.group_p95_days),
                ]
            })
            .collect();
        sheets.push(sheet(lang, names[2], labels::STUCK_COLUMNS, stuck_rows));
        let trend_rows = l
            .trend
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(m.month.clone()),
                    Cell::Integer(m.shipments as i64),
                    Cell::Integer(m.delivered as i64),
                    opt_num(m.p50_days),
                    opt_num(m.p90_days),
                    Cell::Text(pick(lang, if m.incomplete { ("yes", "是") } else { ("no", "否") }).into()),
                ]
            })
            .collect();
        sheets.push(sheet(lang, names[3], labels::TREND_COLUMNS, trend_rows));
    }
    let dataset_rows = report
        .datasets
        .iter()
        .map(|d| {
            vec![
                Cell::Text(d.file.clone()),
                opt_text(&d.sheet),
                Cell::Text(d.kind.as_str().into()),
                Cell::Integer(d.rows_read as i64),
                Cell::Integer(d.rows_used as i64),
                Cell::Integer(d.rows_rejected as i64),
                Cell::Integer(d.rows_blank as i64),
            ]
        })
        .collect();
    sheets.push(sheet(lang, names[4], labels::DATASET_COLUMNS, dataset_rows));
    sheets
}

/// Every rejected row of every dataset.
pub fn rejected_csv(ws: &Workspace, lang: Lang) -> Vec<u8> {
    let mut rows = ws.datasets.iter().flat_map(|d| {
        d.quality.rejections.iter().map(move |r| {
            vec![
                Cell::Text(d.file.clone()),
                opt_text(&d.preview.sheet),
                Cell::Integer(r.row as i64),
                opt_text(&r.column),
                Cell::Text(r.value.clone()),
                Cell::Text(labels::reject_reason(lang, &r.reason)),
            ]
        })
    });
    write_csv(&header(lang, labels::REJECTED_COLUMNS), &mut rows)
}

fn template_name(lang: Lang, ext: &str) -> String {
    format!("borderlens-shipments-template-{}.{ext}", lang.code())
}

/// The header of a blank shipments template: the first synonym of each field in the
/// chosen language, so the template maps itself.
pub fn template_header(lang: Lang) -> Vec<&'static str> {
    catalogue(DatasetKind::Shipments).iter().map(|spec| pick(lang, template_label(spec.field))).collect()
}

fn template_label(field: crate::mapping::Field) -> Label {
    use crate::mapping::Field::*;
    match field {
        TrackingNumber => ("Tracking Number", "运单号"),
        OrderId => ("Order ID", "订单号"),
        ShipDate => ("Ship Date", "发货日期"),
        DeliveredDate => ("Delivered Date", "妥投日期"),
        TransitDays => ("Transit Days", "运输天数"),
        PromisedDate => ("Promised Date", "预计送达日期"),
        PromisedDays => ("Promised Days", "承诺时效"),
        Origin => ("Origin Country", "始发国"),
        Destination => ("Destination Country", "目的国"),
        Region => ("Region", "州省"),
        Carrier => ("Carrier", "物流商"),
        Service => ("Service", "物流渠道"),
        Weight => ("Weight (kg)", "重量kg"),
        DeclaredValue => ("Declared Value", "申报价值"),
        ShippingCost => ("Shipping Cost", "运费"),
        HsCode => ("HS Code", "海关编码"),
        Status => ("Status", "物流状态"),
        CustomsOutcome => ("Customs Outcome", "清关结果"),
        Checkpoint => ("Customs Checkpoint", "清关环节"),
        HoldDays => ("Customs Hold Days", "扣关天数"),
        DocumentsRequested => ("Documents Requested", "补充资料"),
        DutiesPaid => ("Duties and Taxes", "关税"),
        ExtraCost => ("Extra Cost", "额外费用"),
        Currency => ("Currency", "币种"),
        ProductCategory => ("Product Category", "产品类别"),
        EventTime => ("Event Time", "轨迹时间"),
        EventText => ("Event", "轨迹描述"),
        EventLocation => ("Location", "地点"),
        EventCode => ("Status Code", "状态码"),
        // Only the shipments template exists; other kinds use their own field names.
        other => (other.as_str(), other.as_str()),
    }
}
