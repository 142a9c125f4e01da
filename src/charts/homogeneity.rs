//! Charts of the product page: price against sales by look-alike group, and the price bands
//! of the largest category.

use super::{base, short, AMBER, BLUE, LIGHT_BLUE, PALE_BLUE};
use crate::i18n::{tr, Lang};
use borderlens_core::analysis::homogeneity::HomogeneityReport;
use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::{Bar, Scatter};
use charming::Chart;

/// Colours of the largest groups; other listings are grey.
const GROUP_COLOURS: [&str; 8] =
    ["#0f4c81", "#f5a623", "#2e9d6a", "#d64545", "#8c5a9e", "#5b8fc7", "#b8860b", "#20a4a4"];

/// Price (x) against units sold (y) of the listed groups' members, one colour per group for
/// the eight largest.
pub fn price_sales(r: &HomogeneityReport, lang: Lang) -> Chart {
    let mut groups: Vec<u32> = Vec::new();
    for m in &r.members {
        if !groups.contains(&m.cluster_id) {
            groups.push(m.cluster_id);
        }
    }
    let top: Vec<u32> = groups.iter().copied().take(GROUP_COLOURS.len()).collect();
    let point = |m: &borderlens_core::analysis::homogeneity::ClusterMember| {
        Some(vec![(m.price_usd? * 100.0).round() / 100.0, m.units_sold?])
    };
    let mut chart =
        base(tr(lang, "Price (USD) against units sold, by look-alike group", "价格（美元）与销量，按同款组"))
            .tooltip(Tooltip::new().trigger(Trigger::Item))
            .grid(Grid::new().left(8).right(16).top(40).bottom(56).contain_label(true))
            .x_axis(Axis::new().type_(AxisType::Value).name("USD"))
            .y_axis(Axis::new().type_(AxisType::Value));
    let mut names = Vec::new();
    for (k, id) in top.iter().enumerate() {
        let title = r.clusters.iter().find(|c| c.cluster_id == *id).map(|c| c.title.clone()).unwrap_or_default();
        let name = format!("#{id} {}", short(title));
        let data: Vec<Vec<f64>> = r.members.iter().filter(|m| m.cluster_id == *id).filter_map(point).collect();
        names.push(name.clone());
        chart = chart.series(
            Scatter::new().name(name).symbol_size(9).item_style(ItemStyle::new().color(GROUP_COLOURS[k])).data(data),
        );
    }
    let rest: Vec<Vec<f64>> = r.members.iter().filter(|m| !top.contains(&m.cluster_id)).filter_map(point).collect();
    if !rest.is_empty() {
        let other = tr(lang, "other groups", "其他同款组").to_owned();
        names.push(other.clone());
        chart = chart
            .series(Scatter::new().name(other).symbol_size(6).item_style(ItemStyle::new().color("#b7c2cf")).data(rest));
    }
    chart.legend(Legend::new().bottom(0).type_(charming::component::LegendType::Scroll).data(names))
}

/// Listings and sales per listing in each price band of the largest category.
pub fn price_bands(r: &HomogeneityReport, lang: Lang) -> Chart {
    let Some(pb) = r.price_bands.iter().max_by_key(|b| b.listings) else {
        return base(tr(lang, "Price bands", "价格带"));
    };
    let labels: Vec<String> = pb.bands.iter().map(|b| format!("{:.0}–{:.0}", b.from_usd, b.to_usd)).collect();
    let listings: Vec<charming::datatype::DataPointItem> = pb
        .bands
        .iter()
        .map(|b| {
            charming::datatype::DataPointItem::new(b.listings as f64)
                .item_style(ItemStyle::new().color(if b.under_served { AMBER } else { LIGHT_BLUE }))
        })
        .collect();
    let sales: Vec<f64> = pb.bands.iter().map(|b| b.sales_per_listing.map_or(0.0, |v| v.round())).collect();
    let category = pb.category.clone().unwrap_or_else(|| tr(lang, "all listings", "全部链接").to_owned());
    let title = match lang {
        Lang::En => format!("Price bands of {category} (amber: under-served)"),
        Lang::Zh => format!("{category} 价格带（橙色：供给不足）"),
    };
    let names = vec![tr(lang, "listings", "链接数"), tr(lang, "sales per listing", "单链接销量")];
    base(&title)
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0).data(names.clone()))
        .grid(Grid::new().left(8).right(16).top(40).bottom(40).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value))
        .y_axis(Axis::new().type_(AxisType::Value))
        .series(Bar::new().name(names[0]).item_style(ItemStyle::new().color(PALE_BLUE)).data(listings))
        .series(
            charming::series::Line::new()
                .name(names[1])
                .y_axis_index(1)
                .item_style(ItemStyle::new().color(BLUE))
                .data(sales),
        )
}
