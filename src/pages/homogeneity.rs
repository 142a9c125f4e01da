//! The product page: which listings are the same product, how crowded each niche is, where
//! prices collapse, and where there is room to differentiate.

use crate::charts;
use crate::components::echart::EChart;
use crate::components::table::{headings, CellView, DataTable};
use crate::i18n::{count, percent, tr, trs, usd, Lang};
use crate::state::AppState;
use borderlens_core::analysis::homogeneity::{HomogeneityReport, Signal as WarSignal};
use leptos::prelude::*;

fn signal_name(lang: Lang, s: WarSignal) -> &'static str {
    match s {
        WarSignal::ManySellers => tr(lang, "many sellers", "卖家多"),
        WarSignal::LowPriceDispersion => tr(lang, "prices converged", "价格趋同"),
        WarSignal::DeepDiscounts => tr(lang, "deep discounts", "大幅折扣"),
        WarSignal::FallingPrices => tr(lang, "falling prices", "价格下跌"),
        WarSignal::ConcentratedReviews => tr(lang, "reviews with 1–2 winners", "评论集中于 1–2 家"),
    }
}

fn category_label(lang: Lang, c: &Option<String>) -> String {
    c.clone().unwrap_or_else(|| tr(lang, "(no category)", "（无类目）").to_owned())
}

/// The homogeneity page.
#[component]
pub fn HomogeneityPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let report = Memo::new(move |_| state.report.with(|r| r.as_ref().and_then(|r| r.homogeneity.clone())));
    let open = RwSignal::new(None::<u32>);
    view! {
        <Show
            when=move || report.with(Option::is_some)
            fallback=move || view! {
                <section class="card empty">
                    <h2>{move || tr(lang(), "No product listings yet", "还没有商品链接数据")}</h2>
                    <p>{move || tr(lang(),
                        "Add a listings export (yours and competitors': title, price, seller or brand, sales, category — a Jungle Scout / Helium 10 style table or a marketplace dataset), or try the demo data.",
                        "添加商品链接导出（自己和竞品的：标题、价格、卖家或品牌、销量、类目——类似 Jungle Scout / Helium 10 的表格或平台数据集），或试用演示数据。")}</p>
                </section>
            }
        >
            <SeveralFiles />
            <ThresholdCard report=report />
            <HomogeneityKpis report=report />
            <CategoriesCard report=report />
            <ClustersCard report=report open=open />
            <ChartsCard report=report />
            <OpportunitiesCard report=report />
            <OwnListingsCard report=report />
        </Show>
    }
}

/// Says plainly that only one listings file is analysed when several are loaded.
#[component]
fn SeveralFiles() -> impl IntoView {
    let state = expect_context::<AppState>();
    let files = move || {
        state.report.with(|r| {
            let mut l: Vec<(String, u64)> = r
                .as_ref()
                .map(|r| {
                    r.datasets
                        .iter()
                        .filter(|d| d.kind == borderlens_core::mapping::DatasetKind::Listings)
                        .map(|d| (d.file.clone(), d.rows_used))
                        .collect()
                })
                .unwrap_or_default();
            l.sort_by_key(|f| std::cmp::Reverse(f.1));
            l
        })
    };
    view! {
        <Show when=move || { files().len() > 1 }>
            <section class="card notice-card" data-testid="listings-several">
                {move || {
                    let f = files();
                    trs(state.lang.get(),
                        format!("{} listings files are loaded; the largest, {}, is the one analysed. To compare your own listings with competitors', put them in one file (with an own-listing column).", f.len(), f[0].0),
                        format!("已加载 {} 个商品链接文件；分析的是最大的 {}。如需把自己的链接与竞品对比，请合并到一个文件（加一列“是否自营”）。", f.len(), f[0].0))
                }}
            </section>
        </Show>
    }
}

#[component]
fn ThresholdCard(report: Memo<Option<HomogeneityReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let shown = RwSignal::new(state.settings.with_untracked(|s| s.homogeneity.threshold));
    Effect::new(move |_| shown.set(state.settings.with(|s| s.homogeneity.threshold)));
    let apply = move |v: f64| {
        let mut settings = state.settings.get_untracked();
        settings.homogeneity.threshold = v;
        state.apply_settings(settings);
    };
    let pairs = move || report.with(|r| r.as_ref().map(|r| r.example_pairs.clone()).unwrap_or_default());
    view! {
        <section class="card controls">
            <div class="control grow">
                <label for="similarity-threshold">{move || trs(lang(),
                    format!("Same product from title similarity {:.0}%", shown.get() * 100.0),
                    format!("标题相似度 ≥ {:.0}% 视为同款", shown.get() * 100.0))}</label>
                <input id="similarity-threshold" type="range" min="0.5" max="0.95" step="0.05" data-testid="similarity-threshold"
                    prop:value=move || shown.get().to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            shown.set(v);
                        }
                    }
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                            apply(v);
                        }
                    } />
                <small class="muted">{move || tr(lang(),
                    "Jaccard similarity of normalised title words and Chinese character pairs (units like 64G/64 GB and filler such as \"2024 new\" or 包邮 removed).",
                    "标题归一化后（统一 64G/64 GB 等单位，去掉“2024新款”“包邮”等营销词）的词与汉字二元组的 Jaccard 相似度。")}</small>
            </div>
            <div class="control grow" data-testid="example-pairs">
                <span class="label">{move || tr(lang(), "What this threshold means — pairs nearest to it:", "此阈值的含义——最接近阈值的标题对：")}</span>
                <ul class="plain pairs">
                    {move || pairs().into_iter().map(|p| view! {
                        <li class=if p.same_product { "pair same" } else { "pair different" }>
                            <span class="pair-score">{format!("{:.1}%", p.jaccard * 100.0)}</span>
                            <span class="pair-verdict">{if p.same_product { tr(lang(), "same", "同款") } else { tr(lang(), "different", "不同") }}</span>
                            <span class="pair-titles">{p.title_a.clone()}<br />{p.title_b.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </div>
        </section>
    }
}

#[component]
fn HomogeneityKpis(report: Memo<Option<HomogeneityReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let r = move || report.get();
    let n = move || r().map(|r| r.listings.len()).unwrap_or(0);
    let multi = move || r().map(|r| r.multi_listing_clusters).unwrap_or(0);
    let wars = move || r().map(|r| r.price_war_clusters).unwrap_or(0);
    let crowded = move || {
        r().map(|r| {
            let in_multi: usize = r
                .categories
                .iter()
                .map(|c| (c.share_in_multi_seller_clusters * c.listings as f64).round() as usize)
                .sum();
            in_multi as f64 / r.listings.len().max(1) as f64
        })
    };
    view! {
        <section class="kpis">
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Listings", "商品链接")}</div>
                <div class="kpi-value">{move || count(n() as u64)}</div>
                <div class="kpi-note">{move || trs(lang(), format!("{} look-alike groups", count(multi() as u64)), format!("{} 个同款组", count(multi() as u64)))}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "In crowded groups", "处于拥挤同款组")}</div>
                <div class="kpi-value">{move || percent(crowded())}</div>
                <div class="kpi-note">{move || tr(lang(), "listings whose product several sellers offer", "多个卖家在卖同款的链接占比")}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Price wars", "价格战")}</div>
                <div class=move || { if wars() > 0 { "kpi-value bad" } else { "kpi-value" } }>{move || wars().to_string()}</div>
                <div class="kpi-note">{move || tr(lang(), "groups with many sellers, converged prices and a squeeze", "卖家多、价格趋同且受挤压的同款组")}</div>
            </div>
        </section>
    }
}

#[component]
fn CategoriesCard(report: Memo<Option<HomogeneityReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let cols = headings(&[
        ("Category", "类目"),
        ("Listings", "链接数"),
        ("Distinct products", "不同产品"),
        ("In multi-seller groups", "多卖家同款占比"),
        ("Concentration (HHI)", "集中度（HHI）"),
        ("Effective products", "有效产品数"),
        ("Sellers per group", "每组卖家数"),
        ("In price wars", "价格战占比"),
    ]);
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.categories
                        .iter()
                        .map(|c| {
                            vec![
                                CellView::text(category_label(l, &c.category)),
                                CellView::int(c.listings as u64),
                                CellView::int(c.clusters as u64),
                                CellView::num(
                                    Some(c.share_in_multi_seller_clusters),
                                    percent(Some(c.share_in_multi_seller_clusters)),
                                ),
                                CellView::num(Some(c.hhi), format!("{:.3}", c.hhi)),
                                CellView::num(Some(c.effective_products), format!("{:.1}", c.effective_products)),
                                CellView::num(
                                    c.sellers_per_cluster,
                                    c.sellers_per_cluster.map_or("–".into(), |v| format!("{v:.1}")),
                                ),
                                CellView::num(Some(c.share_in_price_wars), percent(Some(c.share_in_price_wars))),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "How crowded each category is", "各类目的拥挤程度")}</h2>
                <p class="hint">{move || tr(lang(),
                    "HHI = Σ (share of the category's listings in each product group)²: 1 means one product, near 0 many distinct products; its inverse is the effective number of distinct products.",
                    "HHI = Σ（各同款组占该类目链接的份额）²：1 表示只有一种产品，接近 0 表示产品各不相同；其倒数为有效产品数。")}</p>
            </header>
            <DataTable columns=cols rows=rows testid="category-table"
                caption=Signal::derive(move || tr(lang(), "Homogeneity per category", "各类目同质化").to_owned()) />
        </section>
    }
}

#[component]
fn ClustersCard(report: Memo<Option<HomogeneityReport>>, open: RwSignal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let clusters = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| r.clusters.iter().filter(|c| c.size > 1).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "Look-alike groups", "同款组")}</h2>
                <p class="hint">{move || tr(lang(),
                    "Largest first; a price war needs many sellers and converged prices, plus deep discounts, falling prices or reviews held by one or two winners.",
                    "按规模排序；价格战需要卖家多且价格趋同，并伴随大幅折扣、价格下跌或评论集中于一两家。")}</p>
            </header>
            <div class="table-wrap">
                <table class="data-table" data-testid="cluster-table">
                    <thead><tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{move || tr(lang(), "Product (first title)", "产品（首个标题）")}</th>
                        <th scope="col">{move || tr(lang(), "Listings", "链接")}</th>
                        <th scope="col">{move || tr(lang(), "Sellers", "卖家")}</th>
                        <th scope="col">{move || tr(lang(), "Median price", "价格中位数")}</th>
                        <th scope="col">{move || tr(lang(), "Price spread (CV)", "价格离散（CV）")}</th>
                        <th scope="col">{move || tr(lang(), "Discount", "折扣")}</th>
                        <th scope="col">{move || tr(lang(), "Price trend /30 d", "价格趋势/30天")}</th>
                        <th scope="col">{move || tr(lang(), "Price war", "价格战")}</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>
                        {move || clusters().into_iter().take(100).map(|c| {
                            let id = c.cluster_id;
                            let signals: Vec<&str> = c.signals.iter().map(|s| signal_name(lang(), *s)).collect();
                            view! {
                                <tr class:war=c.price_war data-cluster=id.to_string()>
                                    <td class="num">{id.to_string()}</td>
                                    <td class="title-cell" title=c.title.clone()>{c.title.clone()}</td>
                                    <td class="num">{count(c.size as u64)}</td>
                                    <td class="num">{c.sellers.map_or("–".into(), |s| s.to_string())}</td>
                                    <td class="num">{usd(c.median_price_usd)}</td>
                                    <td class="num">{c.price_cv.map_or("–".into(), |v| format!("{v:.2}"))}</td>
                                    <td class="num">{percent(c.median_discount)}</td>
                                    <td class="num">{c.price_trend_pct_per_30d.map_or("–".into(), |v| format!("{v:+.1}%"))}</td>
                                    <td>{if c.price_war { format!("⚠ {}", signals.join(", ")) } else { signals.join(", ") }}</td>
                                    <td><button class="btn btn-small" data-testid="cluster-open" on:click=move |_| open.set(Some(id))>
                                        {move || tr(lang(), "Open", "查看")}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <ClusterExplorer report=report open=open />
        </section>
    }
}

#[component]
fn ClusterExplorer(report: Memo<Option<HomogeneityReport>>, open: RwSignal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let members = move || {
        let Some(id) = open.get() else { return Vec::new() };
        report.with(|r| {
            r.as_ref().map(|r| r.members.iter().filter(|m| m.cluster_id == id).cloned().collect()).unwrap_or_default()
        })
    };
    view! {
        <Show when=move || open.get().is_some()>
            <div class="cluster-explorer" data-testid="cluster-members">
                <header class="explorer-header">
                    <h3>{move || trs(lang(),
                        format!("Group #{} side by side", open.get().unwrap_or(0)),
                        format!("同款组 #{} 对比", open.get().unwrap_or(0)))}</h3>
                    <button class="btn btn-small btn-ghost" on:click=move |_| open.set(None)>{move || tr(lang(), "Close", "关闭")}</button>
                </header>
                <div class="member-grid">
                    {move || members().into_iter().map(|m| view! {
                        <div class=if m.own { "member own" } else { "member" }>
                            <div class="member-title">{m.title.clone()}</div>
                            <div class="member-facts">
                                <span>{usd(m.price_usd)}</span>
                                <span>{m.rating.map_or("–".into(), |r| format!("★ {r:.1}"))}</span>
                                <span>{m.reviews.map_or("–".into(), |r| trs(lang(), format!("{} reviews", count(r as u64)), format!("{} 条评论", count(r as u64))))}</span>
                                <span>{m.units_sold.map_or("–".into(), |u| trs(lang(), format!("{} sold", count(u as u64)), format!("销量 {}", count(u as u64))))}</span>
                            </div>
                            <div class="muted">{m.seller.clone().unwrap_or_default()}{m.listing_id.clone().map(|id| format!(" · {id}")).unwrap_or_default()}
                                {m.own.then(|| view! { <span class="chip">{tr(lang(), "yours", "我的")}</span> })}</div>
                        </div>
                    }).collect_view()}
                </div>
            </div>
        </Show>
    }
}

#[component]
fn ChartsCard(report: Memo<Option<HomogeneityReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let scatter = Signal::derive(move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| serde_json::to_string(&charts::homogeneity::price_sales(r, lang())).unwrap_or_default())
                .unwrap_or_default()
        })
    });
    let bands = Signal::derive(move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| serde_json::to_string(&charts::homogeneity::price_bands(r, lang())).unwrap_or_default())
                .unwrap_or_default()
        })
    });
    let cols = headings(&[
        ("Category", "类目"),
        ("Price band (USD)", "价格带（美元）"),
        ("Listings", "链接数"),
        ("Sales per listing", "单链接销量"),
        ("Under-served", "供给不足"),
    ]);
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.price_bands
                        .iter()
                        .flat_map(|pb| {
                            pb.bands.iter().map(move |b| {
                                vec![
                                    CellView::text(category_label(l, &pb.category)),
                                    CellView::num(Some(b.from_usd), format!("{:.0}–{:.0}", b.from_usd, b.to_usd)),
                                    CellView::int(b.listings as u64),
                                    CellView::num(
                                        b.sales_per_listing,
                                        b.sales_per_listing.map_or("–".into(), |v| format!("{v:.0}")),
                                    ),
                                    CellView::text(if b.under_served { tr(l, "yes", "是") } else { "" }),
                                ]
                            })
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card">
            <header class="card-header"><h2>{move || tr(lang(), "Price against sales", "价格与销量")}</h2></header>
            <div class="chart-row">
                <div data-testid="price-sales-chart">
                    <EChart option=scatter name="borderlens-price-sales" height=360
                        label=Signal::derive(move || tr(lang(), "Price against units sold, coloured by look-alike group", "价格与销量散点，按同款组着色").to_owned()) />
                </div>
                <div data-testid="price-band-chart">
                    <EChart option=bands name="borderlens-price-bands" height=360
                        label=Signal::derive(move || tr(lang(), "Listings and sales per listing by price band", "各价格带的链接数与单链接销量").to_owned()) />
                </div>
            </div>
            <DataTable columns=cols rows=rows testid="price-band-table"
                caption=Signal::derive(move || tr(lang(), "Price bands per category", "各类目价格带").to_owned()) />
        </section>
    }
}

#[component]
fn OpportunitiesCard(report: Memo<Option<HomogeneityReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let cols = headings(&[
        ("Category", "类目"),
        ("Attribute / term", "属性 / 词"),
        ("Kind", "类型"),
        ("Listings", "链接数"),
        ("Sellers", "卖家数"),
        ("Sales per listing", "单链接销量"),
        ("Lift vs category", "相对类目倍数"),
    ]);
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.opportunities
                        .iter()
                        .take(60)
                        .map(|o| {
                            vec![
                                CellView::text(category_label(l, &o.category)),
                                CellView::text(o.term.clone()),
                                CellView::text(o.kind.clone()),
                                CellView::int(o.listings as u64),
                                CellView::num(
                                    o.sellers.map(|s| s as f64),
                                    o.sellers.map_or("–".into(), |s| s.to_string()),
                                ),
                                CellView::num(Some(o.sales_per_listing), format!("{:.0}", o.sales_per_listing)),
                                CellView::num(Some(o.lift), format!("×{:.1}", o.lift)),
                            ]
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "Where to differentiate", "差异化机会")}</h2>
                <p class="hint">{move || tr(lang(),
                    "Attributes and title terms that sell well per listing while few sellers use them.",
                    "单链接销量高而使用的卖家少的属性和标题词。")}</p>
            </header>
            <DataTable columns=cols rows=rows testid="opportunity-table"
                caption=Signal::derive(move || tr(lang(), "Opportunities", "机会").to_owned()) />
        </section>
    }
}

#[component]
fn OwnListingsCard(report: Memo<Option<HomogeneityReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let own = move || report.with(|r| r.as_ref().map(|r| r.own_listings.clone()).unwrap_or_default());
    view! {
        <Show when=move || !own().is_empty()>
            <section class="card" data-testid="own-listings">
                <header class="card-header"><h2>{move || tr(lang(), "Your listings against their look-alikes", "您的链接与同款对比")}</h2></header>
                <ul class="plain own-list">
                    {move || own().into_iter().map(|o| view! {
                        <li>
                            <strong>{o.title.clone()}</strong>
                            <div class="muted">{trs(lang(),
                                format!("group #{} with {} listings", o.cluster_id, o.cluster_size),
                                format!("同款组 #{}，共 {} 个链接", o.cluster_id, o.cluster_size))}</div>
                            <div>{if o.distinguishing_terms.is_empty() {
                                tr(lang(), "Nothing in the title sets it apart from its closest competitors.", "标题中没有与最接近的竞品区分开的词。").to_owned()
                            } else {
                                trs(lang(), format!("Sets it apart: {}", o.distinguishing_terms.join(", ")), format!("区别所在：{}", o.distinguishing_terms.join("、")))
                            }}</div>
                            <ul class="competitors">
                                {o.competitors.iter().map(|c| view! {
                                    <li>{format!("{:.0}% · {} · {}", c.jaccard * 100.0, usd(c.price_usd), c.title)}</li>
                                }).collect_view()}
                            </ul>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
