//! Charts of the inventory page: demand with its forecast, the backtest, the ship-by timeline
//! and each warehouse's fill against its capacity.

use super::{base, round1, short, AMBER, BLUE, GREEN, LIGHT_BLUE, PALE_BLUE, RED};
use crate::i18n::{event_name, tr, Lang};
use borderlens_core::analysis::inventory::calendar::RetailEvent;
use borderlens_core::analysis::inventory::shipby::ShipBy;
use borderlens_core::analysis::inventory::{BacktestSummary, TotalForecast, WarehousePlan};
use charming::component::{Axis, Grid, Legend};
use charming::element::{
    AreaStyle, AxisType, ItemStyle, Label, LabelPosition, LineStyle, MarkLine, MarkLineData, MarkLineVariant, Symbol,
    Tooltip, Trigger,
};
use charming::series::{Bar, Line};
use charming::Chart;

/// Weekly units sold, the forecast after them with its band, and the retail events as
/// vertical markers.
pub fn demand_forecast(total: &TotalForecast, lang: Lang) -> Chart {
    let history = &total.history;
    let fc = &total.forecast;
    let n_hist = history.units.len();
    let weeks: Vec<String> = (0..n_hist)
        .map(|i| history.start.add_days(7 * i as i32).to_string())
        .chain((0..fc.mean.len()).map(|i| fc.start.add_days(7 * i as i32).to_string()))
        .collect();
    let pad = |v: Vec<Option<f64>>, before: usize| -> Vec<Option<f64>> {
        std::iter::repeat_n(None, before).chain(v).collect()
    };
    let sold: Vec<Option<f64>> = history.units.iter().map(|&u| Some(u.round())).collect();
    let mean = pad(fc.mean.iter().map(|&u| Some(u.round())).collect(), n_hist);
    let low = pad(fc.low.iter().map(|&u| Some(u.round())).collect(), n_hist);
    let width = pad(fc.high.iter().zip(&fc.low).map(|(h, l)| Some((h - l).round())).collect(), n_hist);
    let band = trs_band(lang, fc.level);
    let markers: Vec<MarkLineVariant> = total
        .events
        .iter()
        .filter(|(_, monday)| weeks.contains(&monday.to_string()))
        .map(|(event, monday)| {
            // Cyber Monday and 11.11 sit a week from Black Friday: their lines without labels.
            let labelled = !matches!(event, RetailEvent::CyberMonday | RetailEvent::SinglesDay);
            MarkLineVariant::Simple(
                MarkLineData::new()
                    .x_axis(monday.to_string())
                    .name(event_name(lang, *event))
                    .label(Label::new().show(labelled).formatter("{b}").font_size(10)),
            )
        })
        .collect();
    let sold_name = tr(lang, "units sold", "销量");
    let fc_name = tr(lang, "forecast", "预测");
    base(tr(lang, "Weekly units: history, forecast and retail events", "每周销量：历史、预测与大促节点"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0).data(vec![sold_name, fc_name, band.as_str()]))
        .grid(Grid::new().left(8).right(24).top(64).bottom(40).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(weeks))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(
            Line::new()
                .name(sold_name)
                .show_symbol(false)
                .item_style(ItemStyle::new().color(BLUE))
                .mark_line(
                    MarkLine::new()
                        .symbol(vec![Symbol::None])
                        .label(Label::new().show(true).formatter("{b}"))
                        .line_style(LineStyle::new().color(AMBER))
                        .data(markers),
                )
                .data(sold),
        )
        .series(
            Line::new()
                .name(band.as_str())
                .stack("band")
                .show_symbol(false)
                .line_style(LineStyle::new().opacity(0))
                .data(low),
        )
        .series(
            Line::new()
                .name(band.as_str())
                .stack("band")
                .show_symbol(false)
                .line_style(LineStyle::new().opacity(0))
                .area_style(AreaStyle::new().color(PALE_BLUE).opacity(0.5))
                .item_style(ItemStyle::new().color(PALE_BLUE))
                .data(width),
        )
        .series(
            Line::new()
                .name(fc_name)
                .show_symbol(false)
                .item_style(ItemStyle::new().color(LIGHT_BLUE))
                .line_style(LineStyle::new().color(LIGHT_BLUE).width(2))
                .data(mean),
        )
}

fn trs_band(lang: Lang, level: f64) -> String {
    match lang {
        Lang::En => format!("{:.0}% band", level * 100.0),
        Lang::Zh => format!("{:.0}% 区间", level * 100.0),
    }
}

/// The backtest week by week: what sold, what the model and the baseline said the week before.
pub fn backtest(b: &BacktestSummary, lang: Lang) -> Chart {
    let weeks: Vec<String> = b.points.iter().map(|p| p.week.to_string()).collect();
    let series =
        |name: &str, colour: &str, f: fn(&borderlens_core::analysis::inventory::backtest::BacktestPoint) -> f64| {
            Line::new()
                .name(name)
                .item_style(ItemStyle::new().color(colour))
                .data(b.points.iter().map(|p| f(p).round()).collect::<Vec<f64>>())
        };
    let names = [tr(lang, "actual", "实际"), tr(lang, "model", "模型"), tr(lang, "baseline", "基准")];
    base(tr(lang, "Backtest: one week ahead", "回测：提前一周预测"))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0).data(names.to_vec()))
        .grid(Grid::new().left(8).right(16).top(36).bottom(36).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(weeks))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(series(names[0], BLUE, |p| p.actual))
        .series(series(names[1], LIGHT_BLUE, |p| p.model))
        .series(series(names[2], AMBER, |p| p.baseline))
}

/// Days left to ship on each route for the peak (negative once the date has passed).
pub fn ship_by(plan: &[ShipBy], lang: Lang) -> Chart {
    let shown: Vec<&ShipBy> = plan.iter().take(10).collect();
    let labels: Vec<String> = shown.iter().rev().map(|s| short(s.route.clone())).collect();
    let bars: Vec<charming::datatype::DataPointItem> = shown
        .iter()
        .rev()
        .map(|s| {
            let colour = if s.days_left < 0 {
                RED
            } else if s.days_left <= 14 {
                AMBER
            } else {
                GREEN
            };
            charming::datatype::DataPointItem::new(s.days_left as f64).item_style(ItemStyle::new().color(colour))
        })
        .collect();
    base(tr(lang, "Days left to ship for the peak, per route", "各线路距最晚发货日的天数"))
        .grid(Grid::new().left(8).right(48).top(40).bottom(24).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(Axis::new().type_(AxisType::Category).data(labels))
        .series(
            Bar::new()
                .name(tr(lang, "days left", "剩余天数"))
                .label(Label::new().show(true).position(LabelPosition::Right))
                .data(bars),
        )
}

/// A warehouse's weekly high point against its capacity; weeks over capacity in red.
pub fn capacity(w: &WarehousePlan, lang: Lang) -> Chart {
    let by_volume = w.capacity_units.is_none() && w.capacity_m3.is_some();
    let weeks: Vec<String> = w.weeks.iter().map(|wk| wk.week_start.to_string()).collect();
    let cap = if by_volume { w.capacity_m3 } else { w.capacity_units };
    let bars: Vec<charming::datatype::DataPointItem> = w
        .weeks
        .iter()
        .map(|wk| {
            let v = if by_volume { round1(wk.peak_volume_m3) } else { wk.peak_units.round() };
            let colour = if wk.over_capacity { RED } else { LIGHT_BLUE };
            charming::datatype::DataPointItem::new(v).item_style(ItemStyle::new().color(colour))
        })
        .collect();
    let unit = if by_volume { tr(lang, "m³", "立方米") } else { tr(lang, "units", "件") };
    let title = match lang {
        Lang::En => format!("{}: stock at its weekly high ({unit}) vs capacity", w.warehouse),
        Lang::Zh => format!("{}：每周库存峰值（{unit}）与容量", w.warehouse),
    };
    let mut line = Line::new()
        .name(tr(lang, "capacity", "容量"))
        .show_symbol(false)
        .item_style(ItemStyle::new().color(RED))
        .line_style(LineStyle::new().color(RED).type_(charming::element::LineStyleType::Dashed));
    if let Some(c) = cap {
        line = line.data(vec![c; weeks.len()]);
    }
    let names = vec![tr(lang, "stock (weekly high)", "库存（周峰值）"), tr(lang, "capacity", "容量")];
    base(&title)
        .legend(Legend::new().bottom(0).data(names))
        .grid(Grid::new().left(8).right(16).top(40).bottom(36).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(weeks))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(Bar::new().name(tr(lang, "stock (weekly high)", "库存（周峰值）")).data(bars))
        .series(line)
}
