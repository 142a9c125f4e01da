//! The overview: which datasets are loaded and the headline of each of the four problems, with
//! a link to its page, and plainly what is missing for the figures that cannot be shown.

use crate::charts::group_label;
use crate::i18n::{count, days, kind_name, percent, tr, trs, usd, Lang};
use crate::state::{AppState, Page};
use borderlens_core::analysis::inventory::Risk;
use borderlens_core::mapping::DatasetKind;
use borderlens_core::report::Report;
use leptos::prelude::*;

/// One of the four problems, as the overview and the consultant report headline it.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub page: Page,
    pub title: &'static str,
    /// Figures: (label, value, note).
    pub figures: Vec<(String, String, String)>,
    /// What to add to see (more of) it.
    pub missing: Vec<String>,
    pub testid: &'static str,
}

fn has(report: &Report, kind: DatasetKind) -> bool {
    report.datasets.iter().any(|d| d.kind == kind)
}

/// The headlines of the four problems for the loaded data.
pub fn headlines(report: &Report, lang: Lang) -> Vec<Headline> {
    let mut out = Vec::new();

    // Logistics: how long routes take and which carrier keeps its promise.
    let mut h = Headline {
        page: Page::Logistics,
        title: tr(lang, "Transit times", "物流时效"),
        figures: Vec::new(),
        missing: Vec::new(),
        testid: "headline-logistics",
    };
    match &report.logistics {
        Some(l) => {
            h.figures.push((
                tr(lang, "All parcels, median / 90 %", "全部包裹 中位 / 90%").into(),
                format!("{} / {} d", days(l.overall.p50_days), days(l.overall.p90_days)),
                trs(
                    lang,
                    format!("{} parcels", count(l.overall.shipments)),
                    format!("{} 票", count(l.overall.shipments)),
                ),
            ));
            let solid = l.groups.iter().filter(|g| !g.small_sample && g.p90_days.is_some());
            if let Some(g) =
                solid.clone().max_by(|a, b| a.p90_days.unwrap_or(0.0).total_cmp(&b.p90_days.unwrap_or(0.0)))
            {
                h.figures.push((
                    tr(lang, "Slowest route (90 % within)", "最慢线路（90% 在此天数内）").into(),
                    format!("{} d", days(g.p90_days)),
                    group_label(g, lang),
                ));
            }
            if let Some(g) = l
                .groups
                .iter()
                .filter(|g| g.promise_known >= 30 && g.on_time_rate.is_some())
                .min_by(|a, b| a.on_time_rate.unwrap_or(1.0).total_cmp(&b.on_time_rate.unwrap_or(1.0)))
            {
                h.figures.push((
                    tr(lang, "Least reliable against its promise", "最不守时线路").into(),
                    percent(g.on_time_rate),
                    group_label(g, lang),
                ));
            }
            if l.stuck_total > 0 {
                h.figures.push((
                    tr(lang, "Parcels stuck", "滞留包裹").into(),
                    count(l.stuck_total),
                    tr(lang, "older than their route's 95 %", "超过所在线路 95% 时效").into(),
                ));
            }
        }
        None => h.missing.push(
            tr(
                lang,
                "Add a shipments file (ship and delivered dates) to see how long each route takes.",
                "添加运单文件（发货与签收日期）即可查看各线路时效。",
            )
            .into(),
        ),
    }
    out.push(h);

    // Customs: where parcels get stuck and what it costs.
    let mut h = Headline {
        page: Page::Customs,
        title: tr(lang, "Customs", "清关"),
        figures: Vec::new(),
        missing: Vec::new(),
        testid: "headline-customs",
    };
    match &report.customs {
        Some(c) => {
            let s = &c.summary;
            h.figures.push((
                tr(lang, "Detention rate", "扣关率").into(),
                percent(s.detention_rate),
                trs(
                    lang,
                    format!("{} of {} parcels", count(s.detained), count(s.with_outcome)),
                    format!("{} / {} 票", count(s.detained), count(s.with_outcome)),
                ),
            ));
            h.figures.push((
                tr(lang, "Lost to customs problems", "清关问题损失").into(),
                usd(Some(s.extra_cost_usd + s.lost_value_usd)),
                trs(
                    lang,
                    format!(
                        "{} extra costs, {} goods lost, {} parcel-days held",
                        usd(Some(s.extra_cost_usd)),
                        usd(Some(s.lost_value_usd)),
                        count(s.hold_days_total.round() as u64)
                    ),
                    format!(
                        "额外费用 {}，货物损失 {}，扣留 {} 包裹·天",
                        usd(Some(s.extra_cost_usd)),
                        usd(Some(s.lost_value_usd)),
                        count(s.hold_days_total.round() as u64)
                    ),
                ),
            ));
            if let Some(g) = c.riskiest.first() {
                h.figures.push((
                    tr(lang, "Riskiest combination", "风险最高组合").into(),
                    percent(g.detention_rate_smoothed),
                    crate::charts::customs_label(g, lang),
                ));
            }
        }
        None => h.missing.push(
            tr(
                lang,
                "Add shipments with a customs outcome column, or tracking events, to see detentions and their cost.",
                "添加含清关结果列的运单或物流轨迹，即可查看扣关及其损失。",
            )
            .into(),
        ),
    }
    out.push(h);

    // Inventory: the next peak.
    let mut h = Headline {
        page: Page::Inventory,
        title: tr(lang, "Stock and the next peak", "库存与下一个旺季"),
        figures: Vec::new(),
        missing: Vec::new(),
        testid: "headline-inventory",
    };
    match &report.inventory {
        Some(i) => {
            if let Some(first) = i.skus.iter().filter_map(|s| s.ship_by).min() {
                let left = first.days_since(i.as_of);
                h.figures.push((
                    tr(lang, "Ship for the peak by", "旺季最晚发货日").into(),
                    first.to_string(),
                    trs(
                        lang,
                        format!("{left} days after {}; in stock by {}", i.as_of, i.peak_date),
                        format!("距 {} 还有 {left} 天；{} 前到仓", i.as_of, i.peak_date),
                    ),
                ));
            }
            if has(report, DatasetKind::Inventory) {
                let high = i.skus.iter().filter(|s| s.risk == Risk::High).count();
                let worst = i.skus.iter().filter_map(|s| s.stockout_probability_with_plan).fold(0.0, f64::max);
                h.figures.push((
                    tr(lang, "SKUs at high risk", "高风险 SKU").into(),
                    high.to_string(),
                    trs(
                        lang,
                        format!("worst peak stockout risk with the plan: {}", percent(Some(worst))),
                        format!("按计划备货后最高断货概率：{}", percent(Some(worst))),
                    ),
                ));
            } else {
                h.missing.push(
                    tr(
                        lang,
                        "Add an inventory file to see stockout risk and days of cover.",
                        "添加库存文件即可查看断货风险和可售天数。",
                    )
                    .into(),
                );
            }
            if has(report, DatasetKind::Capacity) {
                let over: Vec<&str> =
                    i.warehouses.iter().filter(|w| w.over_capacity_weeks > 0).map(|w| w.warehouse.as_str()).collect();
                h.figures.push((
                    tr(lang, "Warehouses over capacity", "爆仓仓库").into(),
                    over.len().to_string(),
                    if over.is_empty() {
                        tr(lang, "none with the planned peak shipments", "按计划备货不会爆仓").into()
                    } else {
                        over.join(", ")
                    },
                ));
            } else {
                h.missing.push(
                    tr(
                        lang,
                        "Add a warehouse capacity file to see over-capacity weeks.",
                        "添加仓库库容文件即可查看爆仓周。",
                    )
                    .into(),
                );
            }
        }
        None => h.missing.push(
            tr(
                lang,
                "Add an orders or sales export to forecast demand and plan the peak.",
                "添加订单或销售导出即可预测需求、规划旺季。",
            )
            .into(),
        ),
    }
    out.push(h);

    // Homogeneity: crowded niches and price wars.
    let mut h = Headline {
        page: Page::Data,
        title: tr(lang, "Look-alikes and price wars", "同质化与价格战"),
        figures: Vec::new(),
        missing: Vec::new(),
        testid: "headline-homogeneity",
    };
    h.page = Page::Products;
    if let Some(hm) = &report.homogeneity {
        if let Some(c) = hm
            .categories
            .iter()
            .filter(|c| c.listings >= 10)
            .max_by(|a, b| a.share_in_multi_seller_clusters.total_cmp(&b.share_in_multi_seller_clusters))
        {
            h.figures.push((
                tr(lang, "Most crowded niche", "最拥挤的细分类目").into(),
                percent(Some(c.share_in_multi_seller_clusters)),
                trs(
                    lang,
                    format!("{} — listings in groups several sellers offer", c.category.clone().unwrap_or_default()),
                    format!("{} — 处于多卖家同款组的链接占比", c.category.clone().unwrap_or_default()),
                ),
            ));
        }
        h.figures.push((
            tr(lang, "Price wars", "价格战").into(),
            hm.price_war_clusters.to_string(),
            trs(
                lang,
                format!("of {} look-alike groups", count(hm.multi_listing_clusters as u64)),
                format!("共 {} 个同款组", count(hm.multi_listing_clusters as u64)),
            ),
        ));
    } else if !has(report, DatasetKind::Listings) {
        h.missing.push(
            tr(
                lang,
                "Add product listings (yours and competitors') to find look-alikes and price wars.",
                "添加商品链接数据（自己和竞品的），即可找出同款和价格战。",
            )
            .into(),
        );
    }
    out.push(h);
    out
}

/// The overview page.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let items = move || state.report.with(|r| r.as_ref().map(|r| headlines(r, lang())).unwrap_or_default());
    let kinds = move || {
        state.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    let mut k: Vec<DatasetKind> = r.datasets.iter().map(|d| d.kind).collect();
                    k.sort_by_key(|k| DatasetKind::ALL.iter().position(|x| x == k));
                    k.dedup();
                    k
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div data-testid="overview">
            <Show
                when=move || state.report.with(Option::is_some)
                fallback=move || view! {
                    <section class="card empty">
                        <h2>{move || tr(lang(), "Where does your business bleed?", "您的生意在哪里失血？")}</h2>
                        <p>{move || tr(lang(),
                            "Drop your platform and forwarder exports (shipments, tracking events, orders, inventory, warehouse capacity, listings) or try the demo data. Everything is computed in this browser; nothing is uploaded.",
                            "拖入平台和货代导出的表格（运单、物流轨迹、订单、库存、仓库库容、商品链接），或试用演示数据。所有计算都在本浏览器内完成，不上传任何数据。")}</p>
                    </section>
                }
            >
                <section class="card loaded-kinds">
                    <span class="muted">{move || tr(lang(), "Loaded:", "已加载：")}</span>
                    {move || kinds().into_iter().map(|k| view! { <span class="chip">{kind_name(lang(), k)}</span> }).collect_view()}
                </section>
                <div class="headlines">
                    {move || items().into_iter().map(|h| {
                        let page = h.page;
                        let go = move |_| state.page.set(page);
                        let can_open = !h.figures.is_empty();
                        view! {
                            <section class="card headline" data-testid=h.testid>
                                <header class="card-header"><h2>{h.title}</h2></header>
                                <dl class="headline-figures">
                                    {h.figures.into_iter().map(|(label, value, note)| view! {
                                        <div class="headline-figure">
                                            <dt>{label}</dt>
                                            <dd><span class="headline-value">{value}</span><span class="muted">{note}</span></dd>
                                        </div>
                                    }).collect_view()}
                                </dl>
                                {h.missing.into_iter().map(|m| view! { <p class="missing">{m}</p> }).collect_view()}
                                <Show when=move || can_open>
                                    <button class="btn btn-small" on:click=go>{move || tr(lang(), "Open →", "查看 →")}</button>
                                </Show>
                            </section>
                        }
                    }).collect_view()}
                </div>
            </Show>
        </div>
    }
}
