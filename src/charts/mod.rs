//! Pure functions from core reports to charming charts. No signals, no DOM: the `EChart`
//! component draws what these return.

pub mod homogeneity;
pub mod inventory;

use crate::i18n::{tr, Lang};
use borderlens_core::analysis::customs::groups::{CustomsGroup, HoldTimes, OutcomeMix};
use borderlens_core::analysis::customs::legs::{Leg, LegRoute};
use borderlens_core::analysis::customs::vocab::CustomsOutcome;
use borderlens_core::analysis::logistics::{GroupStats, MonthStats};
use charming::component::{Axis, Grid, Legend, Title, VisualMap, VisualMapChannel};
use charming::element::Orient;
use charming::element::{AxisPointer, AxisPointerType, AxisType, ItemStyle, Label, LabelPosition, Tooltip, Trigger};
use charming::series::Heatmap;
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
pub(crate) fn short(label: String) -> String {
    if label.chars().count() > 34 {
        label.chars().take(33).chain(std::iter::once('…')).collect()
    } else {
        label
    }
}

pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(crate) fn base(title: &str) -> Chart {
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

/// Colours of the customs outcomes, from good to bad.
const OUTCOME_COLOURS: [&str; 7] = ["#2e9d6a", "#5b8fc7", "#0f4c81", "#f5a623", "#d64545", "#8c5a9e", "#a0aab5"];

/// A short label for a customs group: `BR · 85 · Yanwen`.
pub fn customs_label(g: &CustomsGroup, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(g.destination.clone());
    if let Some(c) = &g.hs_chapter {
        parts.push(format!("HS {c}"));
    }
    if let Some(h) = &g.hs_heading {
        parts.push(format!("HS {h}"));
    }
    if let Some(b) = g.value_band {
        parts.push(crate::i18n::band_name(lang, b).to_owned());
    }
    parts.extend(g.carrier.clone());
    parts.extend(g.service.clone());
    if let Some(c) = g.checkpoint {
        parts.push(crate::i18n::checkpoint_name(lang, c).to_owned());
    }
    if parts.is_empty() {
        tr(lang, "All parcels", "全部包裹").to_owned()
    } else {
        parts.join(" · ")
    }
}

/// Share of each outcome per destination (stacked to 100 %).
pub fn outcome_mix(mix: &[OutcomeMix], lang: Lang) -> Chart {
    let shown: Vec<&OutcomeMix> = mix.iter().filter(|m| m.counts.iter().sum::<u64>() > 0).take(15).collect();
    let labels: Vec<String> = shown.iter().rev().map(|m| m.destination.clone().unwrap_or_else(|| "?".into())).collect();
    let mut chart = base(tr(
        lang,
        "Customs outcomes per destination (% of parcels with an outcome)",
        "各目的国清关结果（占有结果包裹的百分比）",
    ))
    .legend(Legend::new().bottom(0))
    .grid(Grid::new().left(8).right(24).top(36).bottom(56).contain_label(true))
    .x_axis(Axis::new().type_(AxisType::Value).max(100))
    .y_axis(Axis::new().type_(AxisType::Category).data(labels));
    for (i, outcome) in CustomsOutcome::ALL.iter().enumerate() {
        let data: Vec<f64> = shown
            .iter()
            .rev()
            .map(|m| {
                let total: u64 = m.counts.iter().sum();
                round1(m.counts[i] as f64 * 100.0 / total.max(1) as f64)
            })
            .collect();
        chart = chart.series(
            Bar::new()
                .name(crate::i18n::outcome_name(lang, *outcome))
                .stack("o")
                .item_style(ItemStyle::new().color(OUTCOME_COLOURS[i]))
                .data(data),
        );
    }
    chart
}

/// Destination × HS chapter heatmap of smoothed detention rates (%).
pub fn customs_heatmap(groups: &[CustomsGroup], lang: Lang) -> Chart {
    let mut destinations: Vec<(String, u64)> = Vec::new();
    for g in groups {
        let d = g.destination.clone().unwrap_or_else(|| "?".into());
        match destinations.iter_mut().find(|(x, _)| *x == d) {
            Some(e) => e.1 += g.shipments,
            None => destinations.push((d, g.shipments)),
        }
    }
    destinations.sort_by_key(|d| std::cmp::Reverse(d.1));
    destinations.truncate(15);
    let mut chapters: Vec<String> = groups.iter().filter_map(|g| g.hs_chapter.clone()).collect();
    chapters.sort();
    chapters.dedup();
    let mut data = Vec::new();
    let mut max: f64 = 0.0;
    for g in groups {
        let (Some(d), Some(c), Some(rate)) = (&g.destination, &g.hs_chapter, g.detention_rate_smoothed) else {
            continue;
        };
        let (Some(y), Some(x)) = (destinations.iter().position(|(x, _)| x == d), chapters.iter().position(|x| x == c))
        else {
            continue;
        };
        let pct = round1(rate * 100.0);
        max = max.max(pct);
        data.push(charming::df![x as i64, y as i64, pct]);
    }
    base(tr(
        lang,
        "Detention rate by destination and HS chapter (smoothed, %)",
        "按目的国与 HS 章的扣关率（平滑后，%）",
    ))
    .tooltip(Tooltip::new().trigger(Trigger::Item))
    .grid(Grid::new().left(8).right(16).top(36).bottom(64).contain_label(true))
    .x_axis(Axis::new().type_(AxisType::Category).data(chapters.iter().map(|c| format!("HS {c}")).collect()))
    .y_axis(Axis::new().type_(AxisType::Category).data(destinations.into_iter().map(|d| d.0).collect()))
    .visual_map(
        VisualMap::new()
            .min(0)
            .max(max.max(1.0).ceil())
            .calculable(true)
            .orient(Orient::Horizontal)
            .left("center")
            .bottom(0)
            .in_range(VisualMapChannel::new().color(vec!["#eef5ee", "#f5d76e", "#f5a623", "#d64545"])),
    )
    .series(Heatmap::new().name(tr(lang, "detention %", "扣关率 %")).label(Label::new().show(true)).data(data))
}

/// Hold days per checkpoint (parcels per whole day, tail folded).
pub fn hold_times(holds: &[HoldTimes], lang: Lang) -> Chart {
    let longest = holds.iter().map(|h| histogram_cap(&h.histogram)).max().unwrap_or(0);
    let labels: Vec<String> = (0..=longest).map(|d| d.to_string()).collect();
    let mut chart = base(tr(lang, "Customs hold days per checkpoint", "各环节扣关天数"))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left(8).right(16).top(36).bottom(36).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value));
    for (h, colour) in holds.iter().zip([AMBER, BLUE]) {
        let data: Vec<f64> = (0..=longest)
            .map(|d| {
                if d == longest {
                    h.histogram.iter().skip(d).sum::<u64>() as f64
                } else {
                    h.histogram.get(d).copied().unwrap_or(0) as f64
                }
            })
            .collect();
        chart = chart.series(
            Bar::new()
                .name(crate::i18n::checkpoint_name(lang, h.checkpoint))
                .item_style(ItemStyle::new().color(colour))
                .data(data),
        );
    }
    chart
}

/// The costliest groups: extra costs, duties and goods lost, stacked (USD).
pub fn costliest(groups: &[CustomsGroup], lang: Lang) -> Chart {
    let shown: Vec<&CustomsGroup> = groups.iter().take(12).collect();
    let labels: Vec<String> = shown.iter().rev().map(|g| short(customs_label(g, lang))).collect();
    let series = |f: fn(&CustomsGroup) -> f64| -> Vec<f64> {
        shown.iter().rev().map(|g| (f(g) * 100.0).round() / 100.0).collect()
    };
    base(tr(lang, "What customs problems cost (USD)", "清关问题造成的损失（美元）"))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left(8).right(24).top(36).bottom(36).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(Axis::new().type_(AxisType::Category).data(labels))
        .series(
            Bar::new()
                .name(tr(lang, "extra costs", "额外费用"))
                .stack("c")
                .item_style(ItemStyle::new().color(AMBER))
                .data(series(|g| g.extra_cost)),
        )
        .series(
            Bar::new()
                .name(tr(lang, "duties and taxes", "关税税费"))
                .stack("c")
                .item_style(ItemStyle::new().color(LIGHT_BLUE))
                .data(series(|g| g.duties_usd)),
        )
        .series(
            Bar::new()
                .name(tr(lang, "goods lost", "货物损失"))
                .stack("c")
                .item_style(ItemStyle::new().color(RED))
                .data(series(|g| g.lost_value_usd)),
        )
}

/// Median days of each leg per destination, stacked.
pub fn legs(routes: &[LegRoute], lang: Lang) -> Chart {
    let shown: Vec<&LegRoute> = routes.iter().take(13).collect();
    let labels: Vec<String> = shown
        .iter()
        .rev()
        .map(|r| r.destination.clone().unwrap_or_else(|| tr(lang, "All", "全部").to_owned()))
        .collect();
    let mut chart = base(tr(lang, "Median days of each leg", "各段中位天数"))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left(8).right(24).top(36).bottom(36).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value))
        .y_axis(Axis::new().type_(AxisType::Category).data(labels));
    for (i, (leg, colour)) in Leg::ALL.iter().zip([PALE_BLUE, LIGHT_BLUE, AMBER, GREEN]).enumerate() {
        let data: Vec<f64> = shown.iter().rev().map(|r| round1(r.legs[i].p50_days.unwrap_or(0.0))).collect();
        chart = chart.series(
            Bar::new()
                .name(crate::i18n::leg_name(lang, *leg))
                .stack("l")
                .item_style(ItemStyle::new().color(colour))
                .data(data),
        );
    }
    chart
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
