//! Pure functions from core reports to charming charts. No signals, no DOM: the `EChart`
//! component draws what these return.

use crate::i18n::{tr, Lang};
use borderlens_core::analysis::logistics::{GroupStats, MonthStats};
use charming::component::{Axis, Grid, Legend, Title};
use charming::element::{AxisPointer, AxisPointerType, AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;

/// The palette: calm blues for spread, amber for the tail.
pub const BLUE: &str = "#0f4c81";
pub const LIGHT_BLUE: &str = "#5b8fc7";
pub const PALE_BLUE: &str = "#a9c6e8";
pub const AMBER: &str = "#f5a623";
pub const RED: &str = "#d64545";
pub const GREEN: &str = "#2e9d6a";

/// A short label for a group: `CN→BR · Yanwen · Economy Air`.
pub fn group_label(g: &GroupStats, lang: Lang) -> String {
    let mut parts = Vec::new();
    match (&g.origin, &g.destination) {
        (Some(o), Some(d)) => parts.push(format!("{o}→{d}")),
        (None, Some(d)) => parts.push(d.clone()),
        (Some(o), None) => parts.push(format!("{o}→")),
        (None, None) => {}
    }
    for v in [&g.carrier, &g.service].into_iter().flatten() {
        parts.push(v.clone());
    }
    if parts.is_empty() {
        tr(lang, "All shipments", "全部运单").to_owned()
    } else {
        parts.join(" · ")
    }
}

/// Shortens a label for an axis (the table beside the chart has it in full).
fn short(label: String) -> String {
    if label.chars().count() > 34 {
        label.chars().take(33).chain(std::iter::once('…')).collect()
    } else {
        label
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn base(title: &str) -> Chart {
    Chart::new()
        .title(Title::new().text(title).left("center").text_style(charming::element::TextStyle::new().font_size(14)))
        .tooltip(Tooltip::new().trigger(Trigger::Axis).axis_pointer(AxisPointer::new().type_(AxisPointerType::Shadow)))
}

/// Percentile ranges per group: a floating bar from P50 to P75, P90 and P95, so the
/// long tail of each route is visible at a glance.
pub fn percentile_ranges(groups: &[GroupStats], lang: Lang) -> Chart {
    let shown: Vec<&GroupStats> = groups.iter().filter(|g| g.delivered > 0).take(15).collect();
    let labels: Vec<String> = shown.iter().rev().map(|g| short(group_label(g, lang))).collect();
    let value = |f: &dyn Fn(&GroupStats) -> Option<f64>| -> Vec<f64> {
        shown.iter().rev().map(|g| round1(f(g).unwrap_or(0.0))).collect()
    };
    let p50 = value(&|g| g.p50_days);
    let p75 = value(&|g| g.p75_days);
    let p90 = value(&|g| g.p90_days);
    let p95 = value(&|g| g.p95_days);
    let diff =
        |hi: &[f64], lo: &[f64]| -> Vec<f64> { hi.iter().zip(lo).map(|(h, l)| round1((h - l).max(0.0))).collect() };
    base(tr(lang, "Transit days per group (P50 → P75 → P90 → P95)", "各组运输天数（P50 → P75 → P90 → P95）"))
        .legend(Legend::new().bottom(0).data(vec![tr(lang, "up to P50", "P50 以内"), "P50–P75", "P75–P90", "P90–P95"]))
        .grid(Grid::new().left(8).right(24).top(36).bottom(36).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(Axis::new().type_(AxisType::Category).data(labels))
        .series(
            Bar::new()
                .name(tr(lang, "up to P50", "P50 以内"))
                .stack("p")
                .item_style(ItemStyle::new().color(PALE_BLUE))
                .data(p50.clone()),
        )
        .series(
            Bar::new().name("P50–P75").stack("p").item_style(ItemStyle::new().color(LIGHT_BLUE)).data(diff(&p75, &p50)),
        )
        .series(Bar::new().name("P75–P90").stack("p").item_style(ItemStyle::new().color(BLUE)).data(diff(&p90, &p75)))
        .series(Bar::new().name("P90–P95").stack("p").item_style(ItemStyle::new().color(AMBER)).data(diff(&p95, &p90)))
}

/// Where the histogram stops: the 99th percentile, so a few extreme parcels do not
/// squeeze the rest; anything beyond goes into the last bar.
pub fn histogram_cap(counts: &[u64]) -> usize {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return 0;
    }
    let mut seen = 0;
    for (d, c) in counts.iter().enumerate() {
        seen += c;
        if seen as f64 >= 0.99 * total as f64 {
            return (d + 1).min(counts.len() - 1).max(d);
        }
    }
    counts.len() - 1
}

/// Bars of the transit-day histogram, with the tail folded into a final `≥ N` bar.
pub fn histogram_bins(counts: &[u64]) -> Vec<(String, u64)> {
    if counts.is_empty() {
        return Vec::new();
    }
    let cap = histogram_cap(counts);
    let mut bins: Vec<(String, u64)> = counts.iter().take(cap).enumerate().map(|(d, c)| (d.to_string(), *c)).collect();
    let tail: u64 = counts.iter().skip(cap).sum();
    bins.push((if cap + 1 < counts.len() { format!("≥{cap}") } else { cap.to_string() }, tail));
    bins
}

/// Histogram of transit days.
pub fn histogram(counts: &[u64], title: &str, lang: Lang) -> Chart {
    let bins = histogram_bins(counts);
    base(title)
        .grid(Grid::new().left(8).right(16).top(40).bottom(24).contain_label(true))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(tr(lang, "days", "天"))
                .data(bins.iter().map(|b| b.0.clone()).collect()),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(tr(lang, "parcels", "包裹数")))
        .series(
            Bar::new()
                .name(tr(lang, "parcels", "包裹数"))
                .item_style(ItemStyle::new().color(LIGHT_BLUE))
                .data(bins.iter().map(|b| b.1 as f64).collect::<Vec<f64>>()),
        )
}

/// Monthly P50 and P90 by ship month; months still largely in transit are marked `*`.
pub fn trend(months: &[MonthStats], title: &str) -> Chart {
    let labels: Vec<String> =
        months.iter().map(|m| if m.incomplete { format!("{}*", m.month) } else { m.month.clone() }).collect();
    let series = |f: fn(&MonthStats) -> Option<f64>| -> Vec<f64> {
        months.iter().map(|m| round1(f(m).unwrap_or(0.0))).collect()
    };
    base(title)
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0).data(vec!["P50", "P90"]))
        .grid(Grid::new().left(8).right(16).top(36).bottom(36).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(Line::new().name("P50").item_style(ItemStyle::new().color(LIGHT_BLUE)).data(series(|m| m.p50_days)))
        .series(Line::new().name("P90").item_style(ItemStyle::new().color(AMBER)).data(series(|m| m.p90_days)))
}

/// On-time rate per group (groups with a known promise), labelled with the Wilson interval.
pub fn on_time(groups: &[GroupStats], lang: Lang) -> Chart {
    let shown: Vec<&GroupStats> = groups.iter().filter(|g| g.promise_known > 0).take(15).collect();
    let labels: Vec<String> = shown.iter().rev().map(|g| short(group_label(g, lang))).collect();
    let rates: Vec<f64> = shown.iter().rev().map(|g| round1(g.on_time_rate.unwrap_or(0.0) * 100.0)).collect();
    base(tr(lang, "On-time rate against the promise (%)", "按承诺时效的准时率（%）"))
        .grid(Grid::new().left(8).right(40).top(40).bottom(24).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value).max(100))
        .y_axis(Axis::new().type_(AxisType::Category).data(labels))
        .series(
            Bar::new()
                .name(tr(lang, "on time", "准时"))
                .item_style(ItemStyle::new().color(GREEN))
                .label(Label::new().show(true).position(LabelPosition::Right).formatter("{c}%"))
                .data(rates),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_folds_the_tail() {
        let mut counts = vec![0u64; 200];
        counts[10] = 500;
        counts[12] = 480;
        counts[199] = 1;
        let bins = histogram_bins(&counts);
        assert_eq!(bins.iter().map(|b| b.1).sum::<u64>(), 981);
        assert!(bins.last().unwrap().0.starts_with('≥'));
        assert!(bins.len() < 20);
    }
}
