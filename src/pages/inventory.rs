//! The inventory page: how much will sell, when to ship for the peak, how much safety stock,
//! and whether the warehouse overflows.

use crate::charts;
use crate::components::echart::EChart;
use crate::components::table::{headings, CellView, DataTable};
use crate::i18n::{count, days, event_name, inventory_note, model_name, percent, risk_name, tr, trs, usd, Lang};
use crate::state::AppState;
use borderlens_core::analysis::inventory::lead::LeadSource;
use borderlens_core::analysis::inventory::{InventoryReport, Risk};
use borderlens_core::model::orders::LineKind;
use borderlens_core::model::Date;
use leptos::prelude::*;

fn units(v: f64) -> String {
    count(v.max(0.0).round() as u64)
}

fn opt_units(v: Option<f64>) -> String {
    v.map_or("–".into(), units)
}

fn date(d: Option<Date>) -> String {
    d.map_or("–".into(), |d| d.to_string())
}

/// The inventory page.
#[component]
pub fn InventoryPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let report = Memo::new(move |_| state.report.with(|r| r.as_ref().and_then(|r| r.inventory.clone())));
    view! {
        <Show
            when=move || report.with(Option::is_some)
            fallback=move || view! {
                <section class="card empty">
                    <h2>{move || tr(lang(), "No sales history yet", "还没有销售数据")}</h2>
                    <p>{move || tr(lang(),
                        "Add an orders or sales export (Amazon All Orders, an ERP export, invoice lines) — and, for stock figures, an inventory snapshot and warehouse capacity — or try the demo data.",
                        "添加订单或销售导出（亚马逊 All Orders、ERP 导出、发票明细），如需库存数据再添加库存快照和仓库库容，或试用演示数据。")}</p>
                </section>
            }
        >
            <InventoryControls report=report />
            <Notes report=report />
            <InventoryKpis report=report />
            <ForecastCard report=report />
            <ReplenishmentCard report=report />
            <ShipByCard report=report />
            <WarehouseCard report=report />
            <BacktestCard report=report />
            <LinesCard report=report />
        </Show>
    }
}

#[component]
fn InventoryControls(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let update = move |f: &dyn Fn(&mut borderlens_core::analysis::inventory::InventorySettings)| {
        let mut settings = state.settings.get_untracked();
        f(&mut settings.inventory);
        state.apply_settings(settings);
    };
    let peak = move || report.with(|r| r.as_ref().map(|r| (r.peak_date, r.peak_end, r.as_of)));
    let routes =
        move || report.with(|r| r.as_ref().map(|r| (r.routes.clone(), r.route_used.clone())).unwrap_or_default());
    let uses_range = move || report.with(|r| r.as_ref().is_some_and(|r| r.lead_source == LeadSource::UserRange));
    let number = |ev: &web_sys::Event| event_target_value(ev).trim().parse::<f64>().ok();
    view! {
        <section class="card controls" aria-label=move || tr(lang(), "Inventory settings", "库存设置")>
            <div class="control">
                <label for="service-level">{move || tr(lang(), "Service level", "服务水平")}</label>
                <select id="service-level" data-testid="service-level"
                    on:change=move |ev| {
                        if let Some(v) = number(&ev) {
                            update(&|s| s.service_level = v);
                        }
                    }>
                    {[0.8, 0.9, 0.95, 0.975, 0.99].into_iter().map(|v| view! {
                        <option value=v.to_string()
                            prop:selected=move || (state.settings.with(|s| s.inventory.service_level) - v).abs() < 1e-9>
                            {format!("{:.1}%", v * 100.0)}
                        </option>
                    }).collect_view()}
                </select>
                <small class="muted">{move || tr(lang(), "the chance of not running out", "不断货的概率")}</small>
            </div>
            <div class="control">
                <label for="peak-date">{move || tr(lang(), "In stock by (peak date)", "旺季到仓日期")}</label>
                <input id="peak-date" type="date" data-testid="peak-date"
                    prop:value=move || peak().map(|p| p.0.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let d = Date::parse_iso(event_target_value(&ev).trim());
                        update(&|s| s.peak_date = d);
                    } />
                <small class="muted">{move || tr(lang(), "default: the Monday before Black Friday", "默认：黑五前的周一")}</small>
            </div>
            <div class="control">
                <label for="peak-end">{move || tr(lang(), "Peak lasts until", "旺季结束日期")}</label>
                <input id="peak-end" type="date" data-testid="peak-end"
                    prop:value=move || peak().map(|p| p.1.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let d = Date::parse_iso(event_target_value(&ev).trim());
                        update(&|s| s.peak_end = d);
                    } />
            </div>
            <div class="control">
                <label for="plan-route">{move || tr(lang(), "Route to plan with", "计划线路")}</label>
                <select id="plan-route" data-testid="plan-route"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        update(&|s| s.route = (!v.is_empty()).then(|| v.clone()));
                    }>
                    {move || {
                        let (list, used) = routes();
                        list.into_iter().map(|r| {
                            let selected = r.route == used;
                            let label = trs(lang(),
                                format!("{} (P50 {} d, P95 {} d)", r.route, r.p50_days, r.p95_days),
                                format!("{}（P50 {} 天，P95 {} 天）", r.route, r.p50_days, r.p95_days));
                            view! { <option value=r.route.clone() selected=selected>{label}</option> }
                        }).collect_view()
                    }}
                </select>
            </div>
            <div class="control">
                <label for="check-in-days">{move || tr(lang(), "Check-in days", "入仓上架天数")}</label>
                <input id="check-in-days" type="number" min="0" max="60" data-testid="check-in-days"
                    prop:value=move || state.settings.with(|s| s.inventory.check_in_days.to_string())
                    on:change=move |ev| {
                        if let Some(v) = number(&ev) {
                            update(&|s| s.check_in_days = v.clamp(0.0, 60.0) as u32);
                        }
                    } />
            </div>
            <div class="control">
                <label class="inline-field">
                    <input type="checkbox" data-testid="cny-closure"
                        prop:checked=move || state.settings.with(|s| s.inventory.chinese_new_year_closure)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update(&|s| s.chinese_new_year_closure = on);
                        } />
                    {move || tr(lang(), "Chinese New Year closure", "春节停工")}
                </label>
                <small class="muted">{move || tr(lang(), "no shipping from 7 days before to 14 days after", "春节前 7 天至后 14 天不发货")}</small>
            </div>
            <Show when=uses_range>
                <div class="control">
                    <label for="lead-min">{move || tr(lang(), "Lead time range (days)", "头程时效范围（天）")}</label>
                    <div class="inline">
                        <input id="lead-min" type="number" min="1" max="120" data-testid="lead-min"
                            prop:value=move || state.settings.with(|s| s.inventory.lead_min_days.to_string())
                            on:change=move |ev| {
                                if let Some(v) = number(&ev) {
                                    update(&|s| s.lead_min_days = v.clamp(1.0, 120.0) as u32);
                                }
                            } />
                        <span>"–"</span>
                        <input id="lead-max" type="number" min="1" max="120" data-testid="lead-max"
                            aria-label=move || tr(lang(), "longest lead time", "最长时效")
                            prop:value=move || state.settings.with(|s| s.inventory.lead_max_days.to_string())
                            on:change=move |ev| {
                                if let Some(v) = number(&ev) {
                                    update(&|s| s.lead_max_days = v.clamp(1.0, 120.0) as u32);
                                }
                            } />
                    </div>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn Notes(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let notes = move || report.with(|r| r.as_ref().map(|r| r.notes.clone()).unwrap_or_default());
    view! {
        <Show when=move || !notes().is_empty()>
            <section class="card notice-card" data-testid="inventory-notes">
                <ul class="plain">
                    {move || notes().iter().map(|n| view! { <li>{inventory_note(state.lang.get(), n)}</li> }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn InventoryKpis(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let r = move || report.get();
    let next_28 = move || r().map(|r| r.skus.iter().map(|s| s.forecast_28d).sum::<f64>()).unwrap_or(0.0);
    let first_ship_by = move || r().and_then(|r| r.skus.iter().filter_map(|s| s.ship_by).min());
    let high = move || r().map(|r| r.skus.iter().filter(|s| s.risk == Risk::High).count()).unwrap_or(0);
    let over = move || r().map(|r| r.warehouses.iter().filter(|w| w.over_capacity_weeks > 0).count()).unwrap_or(0);
    let as_of = move || r().map(|r| r.as_of);
    view! {
        <section class="kpis">
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Units in the next 28 days", "未来 28 天销量")}</div>
                <div class="kpi-value">{move || units(next_28())}</div>
                <div class="kpi-note">{move || trs(lang(),
                    format!("forecast after {}", date(as_of())),
                    format!("自 {} 起的预测", date(as_of())))}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Ship for the peak by", "旺季最晚发货日")}</div>
                <div class="kpi-value" data-testid="first-ship-by">{move || date(first_ship_by())}</div>
                <div class="kpi-note">{move || trs(lang(),
                    format!("to be in stock on {}", date(r().map(|r| r.peak_date))),
                    format!("以便在 {} 前到仓", date(r().map(|r| r.peak_date))))}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "SKUs at high risk", "高风险 SKU")}</div>
                <div class="kpi-value">{move || high().to_string()}</div>
                <div class="kpi-note">{move || tr(lang(), "likely to run out in the peak or before the next delivery", "旺季或下次到货前可能断货")}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Warehouses over capacity", "爆仓仓库")}</div>
                <div class=move || { if over() > 0 { "kpi-value bad" } else { "kpi-value" } }>{move || over().to_string()}</div>
                <div class="kpi-note">{move || tr(lang(), "if the peak shipments land as planned", "若旺季备货按计划到仓")}</div>
            </div>
        </section>
    }
}

#[component]
fn ForecastCard(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let option = Signal::derive(move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    serde_json::to_string(&charts::inventory::demand_forecast(&r.total, lang())).unwrap_or_default()
                })
                .unwrap_or_default()
        })
    });
    let cols = headings(&[("Week", "周"), ("Forecast", "预测"), ("Low", "下限"), ("High", "上限"), ("Event", "大促")]);
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let f = &r.total.forecast;
            (0..f.mean.len())
                .map(|i| {
                    let week = f.start.add_days(7 * i as i32);
                    let events: Vec<&str> =
                        r.total.events.iter().filter(|(_, m)| *m == week).map(|(e, _)| event_name(l, *e)).collect();
                    vec![
                        CellView::text(week.to_string()),
                        CellView::num(Some(f.mean[i]), units(f.mean[i])),
                        CellView::num(Some(f.low[i]), units(f.low[i])),
                        CellView::num(Some(f.high[i]), units(f.high[i])),
                        CellView::text(events.join(", ")),
                    ]
                })
                .collect()
        })
    });
    let model = move || report.with(|r| r.as_ref().map(|r| r.total.forecast.model));
    let uplifts = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.uplifts
                        .events
                        .iter()
                        .filter(|u| u.multiplier != 1.0)
                        .map(|u| format!("{} ×{:.2}", event_name(lang(), u.event), u.multiplier))
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .unwrap_or_default()
        })
    };
    let label = Signal::derive(move || {
        tr(lang(), "Weekly units sold and forecast with its band", "每周销量与预测及区间").to_owned()
    });
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "Demand and forecast", "需求与预测")}</h2>
                <p class="hint">{move || trs(lang(),
                    format!("All SKUs together, units sold per week (cancellations, returns and non-product lines left out). Method: {}. Event uplifts from your history: {}.",
                        model().map(|m| model_name(Lang::En, m)).unwrap_or("–"), if uplifts().is_empty() { "none".into() } else { uplifts() }),
                    format!("全部 SKU 合计，每周销量（不含取消、退货和非商品行）。方法：{}。历史估计的大促系数：{}。",
                        model().map(|m| model_name(Lang::Zh, m)).unwrap_or("–"), if uplifts().is_empty() { "无".into() } else { uplifts() }))}</p>
            </header>
            <div class="chart-row">
                <div data-testid="forecast-chart">
                    <EChart option=option name="borderlens-demand-forecast" height=360 label=label />
                </div>
                <DataTable columns=cols rows=rows
                    caption=Signal::derive(move || tr(lang(), "Weekly forecast, all SKUs", "每周预测（全部 SKU）").to_owned()) />
            </div>
        </section>
    }
}

#[component]
fn ReplenishmentCard(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let cols = headings(&[
        ("SKU", "SKU"),
        ("Product", "商品"),
        ("On hand", "在库"),
        ("Inbound", "在途"),
        ("Next 28 days", "未来 28 天"),
        ("Days of cover", "可售天数"),
        ("Safety stock", "安全库存"),
        ("Reorder point", "补货点"),
        ("Order now", "建议补货"),
        ("Ship by", "最晚发货"),
        ("Send for peak", "旺季备货"),
        ("Stockout risk", "断货概率"),
        ("…with the peak shipment", "按计划备货后"),
        ("Risk", "风险"),
    ]);
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            r.skus
                .iter()
                .map(|s| {
                    vec![
                        CellView::text(s.sku.clone()),
                        CellView::text(s.product.clone().unwrap_or_default()),
                        CellView::num(s.on_hand, opt_units(s.on_hand)),
                        CellView::num(Some(s.inbound), units(s.inbound)),
                        CellView::num(Some(s.forecast_28d), units(s.forecast_28d)),
                        CellView::num(s.days_of_cover, days(s.days_of_cover.map(f64::round))),
                        CellView::num(Some(s.safety_stock), units(s.safety_stock)),
                        CellView::num(Some(s.reorder_point), units(s.reorder_point)),
                        CellView::num(Some(s.order_quantity), units(s.order_quantity)),
                        CellView::text(date(s.ship_by)),
                        CellView::num(Some(s.peak_quantity), units(s.peak_quantity)),
                        CellView::num(s.stockout_probability, percent(s.stockout_probability)),
                        CellView::num(s.stockout_probability_with_plan, percent(s.stockout_probability_with_plan)),
                        CellView::num(
                            Some(match s.risk {
                                Risk::High => 3.0,
                                Risk::Medium => 2.0,
                                Risk::Low => 1.0,
                                Risk::Unknown => 0.0,
                            }),
                            risk_name(l, s.risk),
                        ),
                    ]
                })
                .collect()
        })
    });
    let explain = move || {
        report.with(|r| {
            let Some(r) = r else { return String::new() };
            trs(
                lang(),
                format!(
                    "At a {} service level, lead time on {} plus check-in. Safety stock = z·√(L·σd² + d²·σL²); \"order now\" restores the order-up-to level for a weekly review. \"Send for peak\" covers {} – {} at the service level; the stockout risk is the share of 2,000 simulated seasons that lose sales in the peak.",
                    percent(Some(r.service_level)), r.route_used, r.peak_date, r.peak_end
                ),
                format!(
                    "服务水平 {}，时效取 {} 加上架天数。安全库存 = z·√(L·σd² + d²·σL²)；“建议补货”按每周盘点补到目标库存。“旺季备货”按服务水平覆盖 {} 至 {}；断货概率为 2,000 次模拟中旺季缺货的比例。",
                    percent(Some(r.service_level)), r.route_used, r.peak_date, r.peak_end
                ),
            )
        })
    };
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "Replenishment per SKU", "各 SKU 补货计划")}</h2>
                <p class="hint">{explain}</p>
            </header>
            <DataTable columns=cols rows=rows testid="replenishment-table"
                caption=Signal::derive(move || tr(lang(), "Replenishment, riskiest first", "补货计划（风险高者在前）").to_owned()) />
        </section>
    }
}

#[component]
fn ShipByCard(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let option = Signal::derive(move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| serde_json::to_string(&charts::inventory::ship_by(&r.ship_by, lang())).unwrap_or_default())
                .unwrap_or_default()
        })
    });
    let cols = headings(&[
        ("Route", "线路"),
        ("Parcels", "票数"),
        ("Latest ship date", "最晚发货日"),
        ("Days left", "剩余天数"),
        ("P50 / P90 lead (days)", "P50 / P90 时效（天）"),
        ("On time if shipped today", "今天发货准时概率"),
    ]);
    let rows = Signal::derive(move || {
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            r.ship_by
                .iter()
                .map(|s| {
                    let parcels = r.routes.iter().find(|x| x.route == s.route).map_or(0, |x| x.parcels);
                    vec![
                        CellView::text(s.route.clone()),
                        CellView::int(parcels as u64),
                        CellView::text(s.latest_ship_date.to_string()),
                        CellView::num(Some(s.days_left as f64), s.days_left.to_string()),
                        CellView::text(format!("{} / {}", s.p50_lead_days, s.p90_lead_days)),
                        CellView::num(
                            Some(s.on_time_probability_if_shipped_today),
                            percent(Some(s.on_time_probability_if_shipped_today)),
                        ),
                    ]
                })
                .collect()
        })
    });
    let source = move || {
        report.with(|r| match r.as_ref().map(|r| r.lead_source) {
            Some(LeadSource::Shipments) => tr(lang(),
                "Lead times are your own delivered parcels' transit days per route (customs holds included) plus production and check-in days.",
                "时效取自您已签收包裹在各线路的实际运输天数（含清关滞留），再加生产和上架天数。"),
            _ => tr(lang(), "Lead times use your range (no shipments loaded).", "时效按您设定的范围（未加载运单）。"),
        })
    };
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "Ship-by timeline for the peak", "旺季发货时间线")}</h2>
                <p class="hint">{source}</p>
            </header>
            <div class="chart-row">
                <div data-testid="shipby-chart">
                    <EChart option=option name="borderlens-ship-by" height=320
                        label=Signal::derive(move || tr(lang(), "Days left to ship per route", "各线路剩余发货天数").to_owned()) />
                </div>
                <DataTable columns=cols rows=rows testid="shipby-table"
                    caption=Signal::derive(move || tr(lang(), "Latest ship date per route", "各线路最晚发货日").to_owned()) />
            </div>
        </section>
    }
}

#[component]
fn WarehouseCard(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let warehouses = move || report.with(|r| r.as_ref().map(|r| r.warehouses.clone()).unwrap_or_default());
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "Warehouse capacity", "仓库库容")}</h2>
                <p class="hint">{move || tr(lang(),
                    "Projected stock per week: stock on hand, inbound on its date and the suggested peak shipments landing the week before the peak, minus the forecast (shared among warehouses by the stock each holds). Red weeks are over capacity.",
                    "每周库存预测：当前在库、按日期到达的在途和建议的旺季备货（旺季前一周到仓），减去预测销量（按各仓库存比例分摊）。红色为爆仓周。")}</p>
            </header>
            <Show when=move || warehouses().is_empty()>
                <p class="muted">{move || tr(lang(), "Add an inventory file with a warehouse column to see this.", "添加含仓库列的库存文件即可查看。")}</p>
            </Show>
            <div data-testid="capacity-chart">
                <For each=warehouses key=|w| w.warehouse.clone() let:w>
                    <WarehouseView warehouse=w />
                </For>
            </div>
        </section>
    }
}

#[component]
fn WarehouseView(warehouse: borderlens_core::analysis::inventory::WarehousePlan) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let w = StoredValue::new(warehouse);
    let option = Signal::derive(move || {
        w.with_value(|w| serde_json::to_string(&charts::inventory::capacity(w, lang())).unwrap_or_default())
    });
    let cols = headings(&[
        ("Week", "周"),
        ("Arriving", "到货"),
        ("Weekly high (units)", "周峰值（件）"),
        ("Weekly high (m³)", "周峰值（立方米）"),
        ("End of week (units)", "周末库存（件）"),
        ("Lost sales", "缺货损失"),
        ("Over capacity", "爆仓"),
    ]);
    let rows = Signal::derive(move || {
        let l = lang();
        w.with_value(|w| {
            w.weeks
                .iter()
                .map(|wk| {
                    vec![
                        CellView::text(wk.week_start.to_string()),
                        CellView::num(Some(wk.arriving_units), units(wk.arriving_units)),
                        CellView::num(Some(wk.peak_units), units(wk.peak_units)),
                        CellView::num(Some(wk.peak_volume_m3), format!("{:.2}", wk.peak_volume_m3)),
                        CellView::num(Some(wk.projected_units), units(wk.projected_units)),
                        CellView::num(Some(wk.lost_units), units(wk.lost_units)),
                        CellView::text(if wk.over_capacity { tr(l, "yes", "是") } else { "" }),
                    ]
                })
                .collect()
        })
    });
    let summary = move || {
        w.with_value(|w| {
            let cap = match (w.capacity_units, w.capacity_m3) {
                (Some(u), Some(m)) => format!("{} / {m} m³", units(u)),
                (Some(u), None) => units(u),
                (None, Some(m)) => format!("{m} m³"),
                (None, None) => "–".into(),
            };
            let fees = w.fees.as_ref().map(|f| usd(Some(f.total))).unwrap_or_else(|| "–".into());
            trs(
                lang(),
                format!(
                    "Capacity {cap} · {} week(s) over capacity · storage fees over the projection {fees}",
                    w.over_capacity_weeks
                ),
                format!("库容 {cap} · 爆仓 {} 周 · 预测期内仓储费 {fees}", w.over_capacity_weeks),
            )
        })
    };
    let moves = move || w.with_value(|w| (w.stagger.clone(), w.unresolved_weeks.clone()));
    let name = w.with_value(|w| format!("borderlens-capacity-{}", w.warehouse));
    view! {
        <div class="warehouse">
            <h3>{w.with_value(|w| w.warehouse.clone())}</h3>
            <p class="hint">{summary}</p>
            <div class="chart-row">
                <EChart option=option name=name height=300
                    label=Signal::derive(move || tr(lang(), "Weekly stock against capacity", "每周库存与库容").to_owned()) />
                <DataTable columns=cols rows=rows
                    caption=Signal::derive(move || tr(lang(), "Weekly projection", "每周预测").to_owned()) />
            </div>
            <Show when=move || !moves().0.is_empty() || !moves().1.is_empty()>
                <div class="stagger" data-testid="stagger">
                    <h4>{move || tr(lang(), "Stagger the inbound", "错峰入库建议")}</h4>
                    <ul class="plain">
                        {move || moves().0.into_iter().map(|m| view! {
                            <li>{trs(lang(),
                                format!("Move {} units of {} from the week of {} to the week of {}.", units(m.units), m.sku, m.from_week, m.to_week),
                                format!("将 {} 件 {} 从 {} 当周推迟到 {} 当周入库。", units(m.units), m.sku, m.from_week, m.to_week))}</li>
                        }).collect_view()}
                        {move || moves().1.into_iter().map(|d| view! {
                            <li class="bad">{trs(lang(),
                                format!("Week of {d}: still over capacity — delaying inbound would cause stockouts; book overflow space or send less."),
                                format!("{d} 当周：仍然爆仓——推迟入库会导致断货；请预订溢出仓位或减少发货。"))}</li>
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn BacktestCard(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let bt = move || report.with(|r| r.as_ref().and_then(|r| r.backtest.clone()));
    let option = Signal::derive(move || {
        bt().map(|b| serde_json::to_string(&charts::inventory::backtest(&b, lang())).unwrap_or_default())
            .unwrap_or_default()
    });
    let verdict = move || {
        bt().map(|b| {
            let (m, base) = (percent(b.wape), percent(b.wape_baseline));
            if b.model_beats_baseline {
                trs(lang(),
                    format!("The model ({}) missed {m} of units one week ahead, the baseline ({}) {base}: the model is used.", model_name(Lang::En, b.model), model_name(Lang::En, b.baseline)),
                    format!("提前一周预测，模型（{}）误差 {m}，基准（{}）误差 {base}：采用模型。", model_name(Lang::Zh, b.model), model_name(Lang::Zh, b.baseline)))
            } else {
                trs(lang(),
                    format!("The model ({}) missed {m} of units one week ahead, the baseline ({}) {base}: the model did not beat the baseline, so the baseline is used.", model_name(Lang::En, b.model), model_name(Lang::En, b.baseline)),
                    format!("提前一周预测，模型（{}）误差 {m}，基准（{}）误差 {base}：模型未胜过基准，因此采用基准。", model_name(Lang::Zh, b.model), model_name(Lang::Zh, b.baseline)))
            }
        })
    };
    let cols =
        headings(&[("SKU", "SKU"), ("Model WAPE", "模型 WAPE"), ("Baseline WAPE", "基准 WAPE"), ("Better", "更优")]);
    let rows = Signal::derive(move || {
        let l = lang();
        bt().map(|b| {
            b.skus
                .iter()
                .map(|s| {
                    vec![
                        CellView::text(s.sku.clone()),
                        CellView::num(s.wape, percent(s.wape)),
                        CellView::num(s.wape_baseline, percent(s.wape_baseline)),
                        CellView::text(if s.model_beats_baseline {
                            tr(l, "model", "模型")
                        } else {
                            tr(l, "baseline", "基准")
                        }),
                    ]
                })
                .collect()
        })
        .unwrap_or_default()
    });
    view! {
        <Show when=move || bt().is_some()>
            <section class="card" data-testid="backtest">
                <header class="card-header">
                    <h2>{move || tr(lang(), "How good is the forecast? (backtest)", "预测有多准？（回测）")}</h2>
                    <p class="hint">{move || tr(lang(),
                        "Each of the last weeks was forecast from the weeks before it only. WAPE = Σ|actual − forecast| ÷ Σ actual; bias = Σ(forecast − actual) ÷ Σ actual.",
                        "最近几周的每一周都只用此前的数据预测。WAPE = Σ|实际 − 预测| ÷ Σ实际；偏差 = Σ(预测 − 实际) ÷ Σ实际。")}</p>
                    <p data-testid="backtest-verdict">{verdict}</p>
                    <p class="muted">{move || bt().map(|b| trs(lang(),
                        format!("Bias: model {}, baseline {}. Per SKU the model beat the baseline for {} of {} SKUs.", percent(b.bias), percent(b.bias_baseline), b.skus_model_better, b.skus.len()),
                        format!("偏差：模型 {}，基准 {}。按 SKU，{} / {} 个 SKU 模型更优。", percent(b.bias), percent(b.bias_baseline), b.skus_model_better, b.skus.len())))}</p>
                </header>
                <div class="chart-row">
                    <EChart option=option name="borderlens-backtest" height=280
                        label=Signal::derive(move || tr(lang(), "Actual, model and baseline per week", "每周实际、模型与基准").to_owned()) />
                    <DataTable columns=cols rows=rows
                        caption=Signal::derive(move || tr(lang(), "Backtest per SKU", "各 SKU 回测").to_owned()) />
                </div>
            </section>
        </Show>
    }
}

#[component]
fn LinesCard(report: Memo<Option<InventoryReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let lines = move || report.with(|r| r.as_ref().map(|r| r.lines.clone()).unwrap_or_default());
    let name = move |k: LineKind| match k {
        LineKind::Sale => tr(lang(), "Sales (demand)", "销售（计入需求）"),
        LineKind::Return => tr(lang(), "Returns", "退货"),
        LineKind::Cancellation => tr(lang(), "Cancellations", "取消"),
        LineKind::NonProduct => {
            tr(lang(), "Non-product lines (postage, fees, adjustments)", "非商品行（运费、手续费、调整）")
        }
    };
    view! {
        <section class="card" data-testid="order-lines">
            <header class="card-header">
                <h2>{move || tr(lang(), "What the order lines were", "订单行构成")}</h2>
                <p class="hint">{move || tr(lang(),
                    "Only sales count as demand; the rest is reported here, not mixed in.",
                    "只有销售计入需求；其余单独列在这里，不混入需求。")}</p>
            </header>
            <table class="data-table compact">
                <thead><tr>
                    <th scope="col">{move || tr(lang(), "Kind", "类型")}</th>
                    <th scope="col">{move || tr(lang(), "Lines", "行数")}</th>
                    <th scope="col">{move || tr(lang(), "Units", "数量")}</th>
                </tr></thead>
                <tbody>
                    {move || lines().into_iter().map(|l| view! {
                        <tr><td>{name(l.kind)}</td><td class="num">{count(l.lines)}</td><td class="num">{format!("{:.0}", l.units)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
