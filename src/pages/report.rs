//! The consultant report: one document with the headline figures, tables and charts of every
//! analysis and a methods appendix in plain words, in English or Chinese. It prints to PDF
//! through the browser (the print stylesheet shows the document alone) and downloads as one
//! standalone HTML file whose charts are images.

use crate::charts;
use crate::components::echart::{chart_image, EChart};
use crate::download::save_bytes;
use crate::i18n::{count, days, percent, risk_name, tr, usd, Lang};
use crate::pages::overview::headlines;
use crate::state::AppState;
use borderlens_core::report::Report;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The report's own styles, inlined into the standalone HTML (and loaded by the app).
const REPORT_CSS: &str = include_str!("../../style/report.css");

/// The consultant report page.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let seller = RwSignal::new(String::new());
    let author = RwSignal::new(String::new());
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let download = move |_| {
        let Some(html) = standalone_html(lang(), &seller.get_untracked()) else { return };
        save_bytes("borderlens-report.html", "text/html;charset=utf-8", &js_sys::Uint8Array::from(html.as_bytes()));
    };
    view! {
        <section class="card controls no-print" aria-label=move || tr(lang(), "Report settings", "报告设置")>
            <div class="control">
                <label for="report-seller">{move || tr(lang(), "Seller (shown on the report)", "卖家名称（显示在报告上）")}</label>
                <input id="report-seller" type="text" data-testid="report-seller" maxlength="80"
                    prop:value=move || seller.get() on:input=move |ev| seller.set(event_target_value(&ev)) />
            </div>
            <div class="control">
                <label for="report-author">{move || tr(lang(), "Prepared by (your name or logo text)", "编制人（姓名或标识文字）")}</label>
                <input id="report-author" type="text" data-testid="report-author" maxlength="80"
                    prop:value=move || author.get() on:input=move |ev| author.set(event_target_value(&ev)) />
            </div>
            <div class="control">
                <span class="muted">{move || tr(lang(), "The report follows the page language.", "报告语言与页面语言一致。")}</span>
                <div class="inline">
                    <button class="btn" data-testid="report-print" on:click=print>{move || tr(lang(), "Print / save as PDF", "打印 / 存为 PDF")}</button>
                    <button class="btn" data-testid="report-html" on:click=download>{move || tr(lang(), "Download HTML", "下载 HTML")}</button>
                </div>
            </div>
        </section>
        {move || state.report.get().map(|r| view! { <ReportDocument report=r seller=seller author=author /> })}
    }
}

#[component]
fn ReportDocument(report: Report, seller: RwSignal<String>, author: RwSignal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let report = StoredValue::new(report);
    let today = crate::state::today();
    let title = move || {
        let s = seller.get();
        match (lang(), s.trim().is_empty()) {
            (Lang::En, true) => "Cross-border operations report".to_owned(),
            (Lang::En, false) => format!("Cross-border operations report for {}", s.trim()),
            (Lang::Zh, true) => "跨境运营分析报告".to_owned(),
            (Lang::Zh, false) => format!("{} 跨境运营分析报告", s.trim()),
        }
    };
    let heads = move || report.with_value(|r| headlines(r, lang()));
    view! {
        <article class="report-doc" data-testid="report-doc" lang=move || if lang() == Lang::Zh { "zh-CN" } else { "en" }>
            <header class="report-title">
                <h1>{title}</h1>
                <p class="muted">
                    {move || format!("{} {}", tr(lang(), "Date:", "日期："), today)}
                    {move || {
                        let a = author.get();
                        (!a.trim().is_empty()).then(|| format!(" · {} {}", tr(lang(), "Prepared by", "编制："), a.trim()))
                    }}
                </p>
                <p class="muted">{move || tr(lang(),
                    "Computed by borderlens in the browser from the seller's own exports; no data left the computer.",
                    "由 borderlens 在浏览器中根据卖家自己的导出数据计算，数据未离开本机。")}</p>
            </header>

            <section class="report-section">
                <h2>{move || tr(lang(), "Summary", "摘要")}</h2>
                {move || heads().into_iter().map(|h| view! {
                    <div class="report-headline">
                        <h3>{h.title}</h3>
                        <ul>
                            {h.figures.into_iter().map(|(l, v, n)| view! { <li><strong>{l}": "{v}</strong>" "<span class="muted">{n}</span></li> }).collect_view()}
                            {h.missing.into_iter().map(|m| view! { <li class="muted">{m}</li> }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
            </section>

            {move || report.with_value(|r| r.logistics.clone()).map(|l| {
                let groups = l.groups.clone();
                let option = Signal::derive(move || serde_json::to_string(&charts::percentile_ranges(&l.groups, lang())).unwrap_or_default());
                view! {
                    <section class="report-section">
                        <h2>{move || tr(lang(), "Transit times per route", "各线路运输时效")}</h2>
                        <EChart option=option name="borderlens-report-transit" height=360
                            label=Signal::derive(move || tr(lang(), "Transit-day percentiles per route", "各线路运输天数分位数").to_owned()) />
                        <table class="report-table">
                            <thead><tr>
                                <th>{move || tr(lang(), "Route", "线路")}</th>
                                <th>{move || tr(lang(), "Parcels", "票数")}</th>
                                <th>{move || tr(lang(), "Median days", "中位天数")}</th>
                                <th>{move || tr(lang(), "90 % within (days)", "90% 在此天数内")}</th>
                                <th>{move || tr(lang(), "On time", "准时率")}</th>
                            </tr></thead>
                            <tbody>
                                {move || groups.iter().take(12).map(|g| view! {
                                    <tr>
                                        <td>{charts::group_label(g, lang())}</td>
                                        <td class="num">{count(g.shipments)}</td>
                                        <td class="num">{days(g.p50_days)}</td>
                                        <td class="num">{days(g.p90_days)}</td>
                                        <td class="num">{percent(g.on_time_rate)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
            })}

            {move || report.with_value(|r| r.customs.clone()).map(|c| {
                let heat = c.heatmap.clone();
                let option = Signal::derive(move || serde_json::to_string(&charts::customs_heatmap(&heat, lang())).unwrap_or_default());
                let riskiest = c.riskiest.clone();
                view! {
                    <section class="report-section">
                        <h2>{move || tr(lang(), "Customs", "清关")}</h2>
                        <p>{move || format!("{} {} · {} {} · {} {}",
                            tr(lang(), "Detention rate", "扣关率"), percent(c.summary.detention_rate),
                            tr(lang(), "extra costs", "额外费用"), usd(Some(c.summary.extra_cost_usd)),
                            tr(lang(), "goods lost", "货物损失"), usd(Some(c.summary.lost_value_usd)))}</p>
                        <EChart option=option name="borderlens-report-customs" height=420
                            label=Signal::derive(move || tr(lang(), "Smoothed detention rate by destination and HS chapter", "按目的国与 HS 章的平滑扣关率").to_owned()) />
                        <table class="report-table">
                            <thead><tr>
                                <th>{move || tr(lang(), "Riskiest combinations", "风险最高的组合")}</th>
                                <th>{move || tr(lang(), "Parcels", "票数")}</th>
                                <th>{move || tr(lang(), "Detention (smoothed)", "扣关率（平滑）")}</th>
                                <th>{move || tr(lang(), "95 % interval", "95% 区间")}</th>
                            </tr></thead>
                            <tbody>
                                {move || riskiest.iter().take(10).map(|g| view! {
                                    <tr>
                                        <td>{charts::customs_label(g, lang())}</td>
                                        <td class="num">{count(g.shipments)}</td>
                                        <td class="num">{percent(g.detention_rate_smoothed)}</td>
                                        <td class="num">{format!("{} – {}", percent(g.detention_rate_low), percent(g.detention_rate_high))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </section>
                }
            })}

            {move || report.with_value(|r| r.inventory.clone()).map(|i| {
                let total = i.total.clone();
                let option = Signal::derive(move || serde_json::to_string(&charts::inventory::demand_forecast(&total, lang())).unwrap_or_default());
                let skus = i.skus.clone();
                let over: Vec<(String, usize)> = i.warehouses.iter().map(|w| (w.warehouse.clone(), w.over_capacity_weeks)).collect();
                view! {
                    <section class="report-section">
                        <h2>{move || tr(lang(), "Stock and the next peak", "库存与下一个旺季")}</h2>
                        <p>{move || format!("{} {} · {} {} – {}",
                            tr(lang(), "Data until", "数据截至"), i.as_of,
                            tr(lang(), "peak", "旺季"), i.peak_date, i.peak_end)}</p>
                        <EChart option=option name="borderlens-report-forecast" height=360
                            label=Signal::derive(move || tr(lang(), "Weekly units sold and forecast", "每周销量与预测").to_owned()) />
                        <table class="report-table">
                            <thead><tr>
                                <th>"SKU"</th>
                                <th>{move || tr(lang(), "On hand", "在库")}</th>
                                <th>{move || tr(lang(), "Next 28 days", "未来 28 天")}</th>
                                <th>{move || tr(lang(), "Ship by", "最晚发货")}</th>
                                <th>{move || tr(lang(), "Send for peak", "旺季备货")}</th>
                                <th>{move || tr(lang(), "Risk", "风险")}</th>
                            </tr></thead>
                            <tbody>
                                {move || skus.iter().take(20).map(|s| view! {
                                    <tr>
                                        <td>{s.sku.clone()}</td>
                                        <td class="num">{s.on_hand.map_or("–".into(), |v| count(v.round() as u64))}</td>
                                        <td class="num">{count(s.forecast_28d.round() as u64)}</td>
                                        <td>{s.ship_by.map_or("–".into(), |d| d.to_string())}</td>
                                        <td class="num">{count(s.peak_quantity.round() as u64)}</td>
                                        <td>{risk_name(lang(), s.risk)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <ul>
                            {move || over.iter().map(|(w, n)| view! {
                                <li>{format!("{w}: {n} {}", tr(lang(), "week(s) over capacity with the planned peak shipments", "周爆仓（按计划备货）"))}</li>
                            }).collect_view()}
                        </ul>
                    </section>
                }
            })}

            <section class="report-section methods">
                <h2>{move || tr(lang(), "Methods appendix", "方法说明")}</h2>
                {move || methods(lang()).into_iter().map(|(t, p)| view! { <h3>{t}</h3><p>{p}</p> }).collect_view()}
            </section>
        </article>
    }
}

/// Each figure explained in plain words.
fn methods(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vec![
        (tr(lang, "Transit time", "运输时效"), tr(lang,
            "Calendar days from handing a parcel to the carrier to its delivery. The median is the middle parcel; \"90 % within\" is the number of days within which nine parcels in ten arrived. Parcels still in transit are counted apart, never dropped.",
            "从交给承运商到签收的自然日。中位数是排在中间的包裹；“90% 在此天数内”表示十票中有九票在该天数内送达。仍在途的包裹单独统计，不会被丢弃。")),
        (tr(lang, "On-time rate", "准时率"), tr(lang,
            "Parcels delivered on or before the promised date, divided by delivered parcels with a known promise, with a 95 % Wilson interval: small groups get wide intervals.",
            "在承诺日期当天或之前送达的包裹，除以有承诺时效的已签收包裹，并给出 95% Wilson 区间：样本少的分组区间更宽。")),
        (tr(lang, "Customs detention", "扣关"), tr(lang,
            "A parcel counts as detained when it was not cleared on first presentation (released after documents or payment, returned, confiscated or abandoned). Rates per group are pulled toward the destination's overall rate in proportion to how little the group has seen (empirical Bayes), so two parcels cannot show a 50 % risk without a wide interval. borderlens reports what happened; it never suggests declaring a lower value.",
            "未能首次放行（补资料或缴税后放行、退运、没收、弃件）的包裹计为扣关。各分组的比率按样本量向目的国总体比率收缩（经验贝叶斯），因此两票包裹不会在没有宽区间的情况下显示 50% 风险。borderlens 只报告实际发生的情况，绝不建议低报货值。")),
        (tr(lang, "Demand forecast", "需求预测"), tr(lang,
            "Weekly units sold (cancellations, returns and postage left out) are forecast with exponential smoothing — with a yearly season when there are two years of history — and event uplifts for Black Friday, Cyber Monday, Christmas, 11.11 and Prime Day estimated from the seller's own past peaks. The method is checked by forecasting each of the last weeks from the weeks before it; if it does not beat a simple baseline (same week last year, or the mean of the last four weeks), the baseline is used.",
            "每周销量（不含取消、退货和运费行）用指数平滑预测——有两年历史时加入年度季节性——并用卖家自己历史旺季估计黑五、网一、圣诞、双十一和 Prime 会员日的加成。方法通过“用此前数据预测最近每一周”来检验；若不优于简单基准（去年同周或近四周均值），则采用基准。")),
        (tr(lang, "Safety stock, ship-by date and stockout risk", "安全库存、最晚发货日与断货风险"), tr(lang,
            "Safety stock covers both demand swings and lead-time swings: z·√(L·σd² + d²·σL²). The latest ship date is the peak's in-stock date minus the lead time that the chosen share of the seller's own parcels on that route did not exceed, plus check-in days. The stockout risk is the share of 2,000 simulated peak seasons (random demand and random lead times) in which some sales are lost.",
            "安全库存同时覆盖需求波动和时效波动：z·√(L·σd² + d²·σL²)。最晚发货日 = 旺季到仓日期 − 卖家自己该线路包裹在所选比例下不超过的时效 − 上架天数。断货概率为 2,000 次模拟旺季（随机需求与随机时效）中出现缺货的比例。")),
        (tr(lang, "Warehouse capacity", "仓库库容"), tr(lang,
            "Each week's stock at its high point (after arrivals, before sales) is compared with the warehouse's capacity in units or cubic metres; the suggested peak shipments are assumed to land the week before the peak. Storage fees use the monthly rates per cubic metre, higher from October to December.",
            "每周库存峰值（到货后、销售前）与仓库的件数或立方米库容比较；建议的旺季备货假定在旺季前一周到仓。仓储费按每立方米月费率计算，10–12 月按旺季费率。")),
    ]
}

/// The report as one HTML file: the document's markup with every chart replaced by its image
/// and the report styles inlined. `None` when the document is not on the page.
fn standalone_html(lang: Lang, seller: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let doc = document.query_selector(".report-doc").ok()??;
    let copy: web_sys::Element = doc.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let originals = doc.query_selector_all(".chart").ok()?;
    let copies = copy.query_selector_all(".chart").ok()?;
    for i in 0..originals.length() {
        let (Some(original), Some(target)) = (originals.item(i), copies.item(i)) else { continue };
        let Ok(original) = original.dyn_into::<web_sys::Element>() else { continue };
        let Ok(target) = target.dyn_into::<web_sys::Element>() else { continue };
        let label = original.get_attribute("aria-label").unwrap_or_default();
        let img = document.create_element("img").ok()?;
        if let Some(url) = chart_image(&original) {
            let _ = img.set_attribute("src", &url);
        }
        let _ = img.set_attribute("alt", &label);
        let _ = img.set_attribute("class", "report-chart");
        let _ = target.replace_with_with_node_1(&img);
    }
    if let Ok(actions) = copy.query_selector_all(".chart-actions") {
        for i in 0..actions.length() {
            if let Some(n) = actions.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                n.remove();
            }
        }
    }
    let html_lang = if lang == Lang::Zh { "zh-CN" } else { "en" };
    let title = if seller.trim().is_empty() {
        "borderlens report".to_owned()
    } else {
        format!("borderlens report: {}", seller.trim())
    };
    Some(format!(
        "<!doctype html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{REPORT_CSS}\n</style>\n</head>\n<body class=\"standalone\">\n{}\n</body>\n</html>\n",
        escape(&title),
        copy.outer_html()
    ))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
