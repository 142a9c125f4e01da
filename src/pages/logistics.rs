//! The logistics page: how long routes really take, how much they swing, which carrier
//! keeps its promise, which parcels are stuck.

use crate::charts;
use crate::components::echart::EChart;
use crate::components::table::{CellView, DataTable};
use crate::i18n::{count, country, days, figure_name, missing_fields, percent, tr, trs, usd, Lang};
use crate::state::AppState;
use borderlens_core::analysis::logistics::{DateRange, GroupField, GroupStats, LogisticsReport};
use borderlens_core::mapping::requirements::{Figure, FigureStatus};
use borderlens_core::mapping::{DatasetKind, Field};
use borderlens_core::model::Date;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn group_field_name(lang: Lang, f: GroupField) -> &'static str {
    match f {
        GroupField::Origin => tr(lang, "Origin", "始发国"),
        GroupField::Destination => tr(lang, "Destination", "目的国"),
        GroupField::Carrier => tr(lang, "Carrier", "物流商"),
        GroupField::Service => tr(lang, "Service", "渠道"),
    }
}

fn group_field_value(f: GroupField) -> &'static str {
    match f {
        GroupField::Origin => "origin",
        GroupField::Destination => "destination",
        GroupField::Carrier => "carrier",
        GroupField::Service => "service",
    }
}

fn parse_group_field(v: &str) -> Option<GroupField> {
    GroupField::ALL.into_iter().find(|f| group_field_value(*f) == v)
}

/// A group's name with country names in the user's language.
fn group_cells(g: &GroupStats, lang: Lang) -> Vec<CellView> {
    let text = |v: &Option<String>| CellView::text(v.clone().unwrap_or_else(|| tr(lang, "all", "全部").to_owned()));
    vec![
        CellView::text(if g.origin.is_some() {
            country(lang, g.origin.as_deref())
        } else {
            tr(lang, "all", "全部").into()
        }),
        CellView::text(if g.destination.is_some() {
            country(lang, g.destination.as_deref())
        } else {
            tr(lang, "all", "全部").into()
        }),
        text(&g.carrier),
        text(&g.service),
    ]
}

fn stats_cells(g: &GroupStats, lang: Lang) -> Vec<CellView> {
    let small = if g.small_sample { tr(lang, " ⚠ small sample", " ⚠ 样本少") } else { "" };
    vec![
        CellView::int(g.shipments),
        CellView::num(Some(g.delivered as f64), format!("{}{small}", count(g.delivered))),
        CellView::int(g.in_transit),
        CellView::num(g.p50_days, days(g.p50_days)),
        CellView::num(g.p90_days, days(g.p90_days)),
        CellView::num(g.p95_days, days(g.p95_days)),
        CellView::num(g.max_days.map(f64::from), days(g.max_days.map(f64::from))),
        CellView::num(g.mean_days, days(g.mean_days)),
        CellView::num(g.std_days, days(g.std_days)),
        CellView::num(g.cv, g.cv.map_or("–".into(), |c| format!("{c:.2}"))),
        CellView::num(
            g.on_time_rate,
            match (g.on_time_rate, g.on_time_low, g.on_time_high) {
                (Some(r), Some(lo), Some(hi)) => {
                    format!("{} ({}–{})", percent(Some(r)), percent(Some(lo)), percent(Some(hi)))
                }
                _ => "–".into(),
            },
        ),
        CellView::num(g.mean_days_late, days(g.mean_days_late)),
        CellView::num(g.promise_days_p90.map(f64::from), days(g.promise_days_p90.map(f64::from))),
        CellView::num(g.promise_days_p95.map(f64::from), days(g.promise_days_p95.map(f64::from))),
        CellView::num(g.cost_per_parcel_usd, usd(g.cost_per_parcel_usd)),
        CellView::num(g.cost_per_kg_usd, usd(g.cost_per_kg_usd)),
        CellView::int(g.stuck),
    ]
}

fn group_columns(lang: Lang) -> Vec<String> {
    [
        ("Origin", "始发国"),
        ("Destination", "目的国"),
        ("Carrier", "物流商"),
        ("Service", "渠道"),
        ("Shipments", "票数"),
        ("Delivered", "已妥投"),
        ("In transit", "在途"),
        ("P50", "P50"),
        ("P90", "P90"),
        ("P95", "P95"),
        ("Max", "最长"),
        ("Mean", "平均"),
        ("Std dev", "标准差"),
        ("CV", "变异系数"),
        ("On time (95% CI)", "准时率（95% 区间）"),
        ("Days late (mean)", "平均延误天数"),
        ("Promise 90%", "可承诺 90%"),
        ("Promise 95%", "可承诺 95%"),
        ("Cost / parcel", "单票成本"),
        ("Cost / kg", "每公斤成本"),
        ("Stuck", "疑似滞留"),
    ]
    .iter()
    .map(|(en, zh)| tr(lang, en, zh).to_owned())
    .collect()
}

fn input_date(ev: &web_sys::Event) -> Option<Date> {
    Date::parse_iso(&event_target_value(ev))
}

/// The logistics page.
#[component]
pub fn LogisticsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let report = Memo::new(move |_| state.report.with(|r| r.as_ref().and_then(|r| r.logistics.clone())));
    let missing_figures = Memo::new(move |_| {
        state.report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            // A figure is missing if no shipments dataset can show it.
            let shipments: Vec<_> = r.datasets.iter().filter(|d| d.kind == DatasetKind::Shipments).collect();
            [Figure::OnTimeRate, Figure::CostPerParcel, Figure::CarrierScorecard, Figure::StuckParcels]
                .into_iter()
                .filter(|f| !shipments.iter().any(|d| d.figures.iter().any(|s| s.figure == *f && s.is_available())))
                .filter_map(|f| shipments.iter().flat_map(|d| d.figures.iter()).find(|s| s.figure == f).cloned())
                .collect::<Vec<_>>()
        })
    });

    view! {
        <Show
            when=move || report.with(Option::is_some)
            fallback=move || view! {
                <section class="card empty">
                    <h2>{move || tr(lang(), "No shipments yet", "还没有运单数据")}</h2>
                    <p>{move || tr(lang(), "Add a shipments file or try the demo data to see transit times.", "添加运单文件或试用演示数据，查看运输时效。")}</p>
                </section>
            }
        >
            <Controls report=report />
            <Notices missing=missing_figures />
            <Kpis report=report />
            <ChartsSection report=report />
            <GroupTable report=report />
            <Comparison report=report />
            <Scorecards report=report />
            <StuckParcels report=report />
        </Show>
    }
}

#[component]
fn Notices(missing: Memo<Vec<FigureStatus>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    view! {
        <Show when=move || missing.with(|m| !m.is_empty())>
            <aside class="notice" role="note">
                <ul class="plain">
                    {move || missing.get().into_iter().map(|status| {
                        let l = lang();
                        let fields = missing_fields(l, &status);
                        view! { <li>{trs(l,
                            format!("{} is not shown: the data has no {fields} column.", figure_name(l, status.figure)),
                            format!("未显示{}：数据中没有“{fields}”列。", figure_name(l, status.figure)))}</li> }
                    }).collect_view()}
                </ul>
            </aside>
        </Show>
    }
}

#[component]
fn Controls(report: Memo<Option<LogisticsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let compare_open = RwSignal::new(false);
    let cmp = RwSignal::new([None::<Date>; 4]);

    let on_group = move |ev: web_sys::Event| {
        let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
        let options = select.selected_options();
        let fields: Vec<GroupField> = (0..options.length())
            .filter_map(|i| options.item(i))
            .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
            .filter_map(|o| parse_group_field(&o.value()))
            .collect();
        let mut settings = state.settings.get_untracked();
        settings.logistics.group_by = fields;
        state.apply_settings(settings);
    };
    let set_range = move |from: Option<Option<Date>>, to: Option<Option<Date>>| {
        let mut settings = state.settings.get_untracked();
        if let Some(f) = from {
            settings.logistics.ship_dates.from = f;
        }
        if let Some(t) = to {
            settings.logistics.ship_dates.to = t;
        }
        state.apply_settings(settings);
    };
    let apply_compare = move |_| {
        let [a0, a1, b0, b1] = cmp.get_untracked();
        let mut settings = state.settings.get_untracked();
        settings.logistics.compare = Some((DateRange { from: a0, to: a1 }, DateRange { from: b0, to: b1 }))
            .filter(|(a, b)| !a.is_all() && !b.is_all());
        state.apply_settings(settings);
    };
    let clear_compare = move |_| {
        cmp.set([None; 4]);
        compare_open.set(false);
        let mut settings = state.settings.get_untracked();
        settings.logistics.compare = None;
        state.apply_settings(settings);
    };
    // `input` and `change` both land here (browsers and test drivers differ in which they
    // fire for date inputs); only a real change of a complete date triggers analysis.
    let set_reference = move |ev: web_sys::Event| {
        let value = input_date(&ev);
        let mut settings = state.settings.get_untracked();
        let current = report.with_untracked(|r| r.as_ref().and_then(|r| r.reference_date));
        if value.is_none() && !event_target_value(&ev).is_empty() || value == current && value.is_some() {
            return;
        }
        settings.logistics.reference_date = value;
        state.apply_settings(settings);
    };
    // Grouping by a field no loaded file has would only add an empty column.
    let is_in_data = move |f: GroupField| {
        let field = match f {
            GroupField::Origin => Field::Origin,
            GroupField::Destination => Field::Destination,
            GroupField::Carrier => Field::Carrier,
            GroupField::Service => Field::Service,
        };
        state.report.with(|r| r.as_ref().is_some_and(|r| r.datasets.iter().any(|d| d.mapping.has(field))))
    };
    let is_grouped = move |f: GroupField| state.settings.with(|s| s.logistics.group_by.contains(&f));
    let date_value = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let cmp_input = move |i: usize, label_en: &'static str, label_zh: &'static str| {
        view! {
            <label class="inline-field">
                <span>{move || tr(lang(), label_en, label_zh)}</span>
                <input type="date" prop:value=move || date_value(cmp.get()[i])
                    on:change=move |ev| cmp.update(|c| c[i] = input_date(&ev)) />
            </label>
        }
    };

    view! {
            <section class="card controls" aria-label=move || tr(lang(), "Settings", "设置")>
                <div class="control">
                    <label for="group-by">{move || tr(lang(), "Group by", "分组依据")}</label>
                    <select id="group-by" multiple size="4" data-testid="group-by" on:change=on_group>
    {GroupField::ALL.into_iter().map(|f| {
                            let in_data = move || is_in_data(f);
                            view! {
                                <option value=group_field_value(f) prop:selected=move || is_grouped(f) && in_data()>
                                    {move || group_field_name(lang(), f)}
                                    {move || if in_data() { "" } else { tr(lang(), " (not in the data)", "（数据中没有）") }}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <small class="muted">{move || tr(lang(), "Ctrl/⌘-click to pick several; none = all parcels together", "按住 Ctrl/⌘ 多选；不选 = 全部合并")}</small>
                </div>
                <div class="control">
                    <span class="control-label">{move || tr(lang(), "Ship dates", "发货日期范围")}</span>
                    <div class="row">
                        <input type="date" aria-label=move || tr(lang(), "Shipped from", "发货起始")
                            prop:value=move || state.settings.with(|s| date_value(s.logistics.ship_dates.from))
                            on:change=move |ev| set_range(Some(input_date(&ev)), None) />
                        <span>"–"</span>
                        <input type="date" aria-label=move || tr(lang(), "Shipped until", "发货截止")
                            prop:value=move || state.settings.with(|s| date_value(s.logistics.ship_dates.to))
                            on:change=move |ev| set_range(None, Some(input_date(&ev))) />
                    </div>
                    <button class="btn btn-small btn-ghost" on:click=move |_| compare_open.update(|o| *o = !*o)>
                        {move || tr(lang(), "Compare two periods", "对比两个时段")}
                    </button>
                </div>
                <div class="control">
                    <label for="reference-date">{move || tr(lang(), "As of (for stuck parcels)", "参考日期（用于判断滞留）")}</label>
                    <input id="reference-date" type="date" data-testid="reference-date"
                        prop:value=move || report.with(|r| r.as_ref().and_then(|r| r.reference_date).map(|d| d.to_string()).unwrap_or_default())
                        on:change=set_reference
                        on:input=set_reference />
                    <small class="muted">{move || if report.with(|r| r.as_ref().is_some_and(|r| r.reference_date_is_default)) {
                        tr(lang(), "Default: the latest date in the data that is not in the future", "默认：数据中不晚于今天的最新日期")
                    } else {
                        tr(lang(), "Set by you", "已手动设置")
                    }}</small>
                </div>
                <Show when=move || compare_open.get()>
                    <div class="control compare">
                        <div class="row">
                            {cmp_input(0, "Period A from", "时段 A 起")}
                            {cmp_input(1, "to", "至")}
                        </div>
                        <div class="row">
                            {cmp_input(2, "Period B from", "时段 B 起")}
                            {cmp_input(3, "to", "至")}
                        </div>
                        <div class="row">
                            <button class="btn btn-small btn-primary" on:click=apply_compare>{move || tr(lang(), "Compare", "对比")}</button>
                            <button class="btn btn-small btn-ghost" on:click=clear_compare>{move || tr(lang(), "Stop comparing", "取消对比")}</button>
                        </div>
                    </div>
                </Show>
            </section>
        }
}

#[component]
fn Kpis(report: Memo<Option<LogisticsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let overall = move || report.with(|r| r.as_ref().map(|r| r.overall.clone()).unwrap_or_default());
    let kpi = move |label: (&'static str, &'static str),
                    value: Box<dyn Fn() -> String + Send + Sync>,
                    note: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), label.0, label.1)}</div>
                <div class="kpi-value">{value}</div>
                <div class="kpi-note">{note}</div>
            </div>
        }
    };
    view! {
        <section class="kpis" aria-label=move || tr(lang(), "Key figures", "关键指标")>
            {kpi(("Shipments", "运单"), Box::new(move || count(overall().shipments)), Box::new(move || {
                let o = overall();
                trs(lang(), format!("{} delivered · {} in transit", count(o.delivered), count(o.in_transit)), format!("已妥投 {} · 在途 {}", count(o.delivered), count(o.in_transit)))
            }))}
            {kpi(("Median transit", "中位时效"), Box::new(move || format!("{} {}", days(overall().p50_days), tr(lang(), "days", "天"))), Box::new(move || {
                let o = overall();
                trs(lang(), format!("mean {} · std {}", days(o.mean_days), days(o.std_days)), format!("平均 {} · 标准差 {}", days(o.mean_days), days(o.std_days)))
            }))}
            {kpi(("P90 / P95", "P90 / P95"), Box::new(move || { let o = overall(); format!("{} / {}", days(o.p90_days), days(o.p95_days)) }), Box::new(move || {
                let o = overall();
                trs(lang(), format!("longest {} days", days(o.max_days.map(f64::from))), format!("最长 {} 天", days(o.max_days.map(f64::from))))
            }))}
            {kpi(("On time", "准时率"), Box::new(move || percent(overall().on_time_rate)), Box::new(move || {
                let o = overall();
                match (o.on_time_low, o.on_time_high) {
                    (Some(lo), Some(hi)) => trs(lang(), format!("95% CI {}–{} · {} with a promise", percent(Some(lo)), percent(Some(hi)), count(o.promise_known)), format!("95% 区间 {}–{} · {} 票有承诺", percent(Some(lo)), percent(Some(hi)), count(o.promise_known))),
                    _ => tr(lang(), "no promise in the data", "数据中没有承诺时效").to_owned(),
                }
            }))}
            {kpi(("Stuck parcels", "疑似滞留"), Box::new(move || count(report.with(|r| r.as_ref().map_or(0, |r| r.stuck_total)))), Box::new(move || {
                trs(lang(), "undelivered, older than their group's P95".into(), "未妥投且超过同组 P95".into())
            }))}
        </section>
    }
}

#[component]
fn ChartsSection(report: Memo<Option<LogisticsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    // Which group the histogram and trend show (None = all parcels).
    let focus = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        report.track();
        focus.set(None);
    });
    let groups = move || report.with(|r| r.as_ref().map(|r| r.groups.clone()).unwrap_or_default());
    let focus_label = move || {
        let l = lang();
        match focus.get() {
            None => tr(l, "all parcels", "全部包裹").to_owned(),
            Some(i) => groups().get(i).map(|g| charts::group_label(g, l)).unwrap_or_default(),
        }
    };

    let ranges = Memo::new(move |_| {
        let l = state.lang.get();
        report.with(|r| {
            r.as_ref()
                .map(|r| serde_json::to_string(&charts::percentile_ranges(&r.groups, l)).unwrap_or_default())
                .unwrap_or_default()
        })
    });
    let histogram_counts = Memo::new(move |_| {
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            match focus.get() {
                Some(i) => r.group_histograms.get(i).cloned().unwrap_or_default(),
                None => r.histogram.clone(),
            }
        })
    });
    let histogram = Memo::new(move |_| {
        let l = state.lang.get();
        let title = trs(
            l,
            format!("Parcels by transit days: {}", focus_label()),
            format!("各运输天数的包裹数：{}", focus_label()),
        );
        serde_json::to_string(&charts::histogram(&histogram_counts.get(), &title, l)).unwrap_or_default()
    });
    let trend_months = Memo::new(move |_| {
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            match focus.get() {
                None => r.trend.clone(),
                Some(i) => {
                    let g = &r.groups[i.min(r.groups.len().saturating_sub(1))];
                    r.group_trends
                        .iter()
                        .find(|t| {
                            t.origin == g.origin
                                && t.destination == g.destination
                                && t.carrier == g.carrier
                                && t.service == g.service
                        })
                        .map(|t| t.months.clone())
                        .unwrap_or_default()
                }
            }
        })
    });
    let trend = Memo::new(move |_| {
        let l = state.lang.get();
        let title = trs(
            l,
            format!("P50 and P90 transit days by ship month: {}", focus_label()),
            format!("按发货月份的 P50 与 P90：{}", focus_label()),
        );
        serde_json::to_string(&charts::trend(&trend_months.get(), &title)).unwrap_or_default()
    });
    let on_time = Memo::new(move |_| {
        let l = state.lang.get();
        report.with(|r| {
            r.as_ref()
                .map(|r| serde_json::to_string(&charts::on_time(&r.groups, l)).unwrap_or_default())
                .unwrap_or_default()
        })
    });

    // Few groups get a short chart, many a tall one.
    let ranges_height = Signal::derive(move || match groups().iter().filter(|g| g.delivered > 0).count() {
        0..=4 => 240,
        5..=9 => 320,
        _ => 440,
    });
    let ranges_table_cols = Signal::derive(move || {
        let l = lang();
        vec![
            tr(l, "Group", "分组").into(),
            "P50".into(),
            "P75".into(),
            "P90".into(),
            "P95".into(),
            tr(l, "Delivered", "已妥投").into(),
        ]
    });
    let ranges_table_rows = Signal::derive(move || {
        let l = lang();
        groups()
            .iter()
            .filter(|g| g.delivered > 0)
            .take(15)
            .map(|g| {
                vec![
                    CellView::text(charts::group_label(g, l)),
                    CellView::num(g.p50_days, days(g.p50_days)),
                    CellView::num(g.p75_days, days(g.p75_days)),
                    CellView::num(g.p90_days, days(g.p90_days)),
                    CellView::num(g.p95_days, days(g.p95_days)),
                    CellView::int(g.delivered),
                ]
            })
            .collect::<Vec<_>>()
    });
    let hist_cols = Signal::derive(move || {
        let l = lang();
        vec![tr(l, "Days", "天数").into(), tr(l, "Parcels", "包裹数").into()]
    });
    let hist_rows = Signal::derive(move || {
        charts::histogram_bins(&histogram_counts.get())
            .into_iter()
            .filter(|(_, c)| *c > 0)
            .map(|(d, c)| vec![CellView::num(d.trim_start_matches('≥').parse().ok(), d), CellView::int(c)])
            .collect::<Vec<_>>()
    });
    let trend_cols = Signal::derive(move || {
        let l = lang();
        vec![
            tr(l, "Month", "月份").into(),
            tr(l, "Shipped", "发货").into(),
            tr(l, "Delivered", "妥投").into(),
            "P50".into(),
            "P90".into(),
        ]
    });
    let trend_rows = Signal::derive(move || {
        trend_months
            .get()
            .iter()
            .map(|m| {
                vec![
                    CellView::text(if m.incomplete { format!("{}*", m.month) } else { m.month.clone() }),
                    CellView::int(m.shipments),
                    CellView::int(m.delivered),
                    CellView::num(m.p50_days, days(m.p50_days)),
                    CellView::num(m.p90_days, days(m.p90_days)),
                ]
            })
            .collect::<Vec<_>>()
    });
    let on_time_cols = Signal::derive(move || {
        let l = lang();
        vec![
            tr(l, "Group", "分组").into(),
            tr(l, "On time", "准时率").into(),
            tr(l, "95% interval", "95% 区间").into(),
            tr(l, "With promise", "有承诺").into(),
        ]
    });
    let on_time_rows = Signal::derive(move || {
        let l = lang();
        groups()
            .iter()
            .filter(|g| g.promise_known > 0)
            .take(15)
            .map(|g| {
                vec![
                    CellView::text(charts::group_label(g, l)),
                    CellView::num(g.on_time_rate, percent(g.on_time_rate)),
                    CellView::text(format!("{}–{}", percent(g.on_time_low), percent(g.on_time_high))),
                    CellView::int(g.promise_known),
                ]
            })
            .collect::<Vec<_>>()
    });
    let on_time_height = Signal::derive(move || match groups().iter().filter(|g| g.promise_known > 0).count() {
        0..=4 => 240,
        5..=9 => 320,
        _ => 440,
    });
    let has_on_time = move || report.with(|r| r.as_ref().is_some_and(|r| r.groups.iter().any(|g| g.promise_known > 0)));

    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "How long it really takes", "真实运输时效")}</h2>
                <label class="inline-field">
                    <span>{move || tr(lang(), "Histogram and trend for", "分布与趋势：")}</span>
                    <select data-testid="focus-group" on:change=move |ev| focus.set(event_target_value(&ev).parse::<usize>().ok())>
                        <option value="">{move || tr(lang(), "all parcels", "全部包裹")}</option>
                        {move || groups().iter().enumerate().take(50).map(|(i, g)| {
                            view! { <option value=i.to_string()>{charts::group_label(g, lang())}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </header>
            <div class="chart-row">
                <EChart option=ranges name="borderlens-percentile-ranges" height=ranges_height
                    label=Signal::derive(move || tr(lang(), "Transit-day percentile ranges per group", "各组运输天数分位区间").to_owned()) />
                <DataTable columns=ranges_table_cols rows=ranges_table_rows caption=Signal::derive(move || tr(lang(), "Percentiles (days)", "分位数（天）").to_owned()) />
            </div>
            <div class="chart-row">
                <EChart option=histogram name="borderlens-transit-histogram"
                    label=Signal::derive(move || tr(lang(), "Histogram of transit days", "运输天数直方图").to_owned()) />
                <DataTable columns=hist_cols rows=hist_rows caption=Signal::derive(move || tr(lang(), "Parcels per transit day", "每个天数的包裹数").to_owned()) />
            </div>
            <div class="chart-row">
                <EChart option=trend name="borderlens-monthly-trend"
                    label=Signal::derive(move || tr(lang(), "Monthly P50 and P90 transit days", "月度 P50 与 P90 运输天数").to_owned()) />
                <div>
                    <DataTable columns=trend_cols rows=trend_rows caption=Signal::derive(move || tr(lang(), "By ship month", "按发货月份").to_owned()) />
                    <p class="muted small">{move || tr(lang(), "* more than 5% of that month's parcels are still in transit, so its figures look faster than they will be.", "* 该月仍有超过 5% 的包裹在途，数值会偏快。")}</p>
                </div>
            </div>
            <Show when=has_on_time>
                <div class="chart-row">
                    <EChart option=on_time name="borderlens-on-time" height=on_time_height
                        label=Signal::derive(move || tr(lang(), "On-time rate per group", "各组准时率").to_owned()) />
                    <DataTable columns=on_time_cols rows=on_time_rows caption=Signal::derive(move || tr(lang(), "On-time rate with Wilson 95% interval", "准时率及 Wilson 95% 区间").to_owned()) />
                </div>
            </Show>
        </section>
    }
}

#[component]
fn GroupTable(report: Memo<Option<LogisticsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let columns = Signal::derive(move || group_columns(lang()));
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.groups
                        .iter()
                        .map(|g| {
                            let mut cells = group_cells(g, l);
                            cells.extend(stats_cells(g, l));
                            cells
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || tr(lang(), "Routes, carriers and services", "线路、物流商与渠道")}</h2>
            </header>
            <p class="hint">{move || tr(lang(),
                "“Promise 90%” is the smallest whole number of days within which 90% of delivered parcels arrived: a promise you can keep. Percentiles interpolate linearly between ranks (as pandas does). ⚠ marks groups with fewer than 30 delivered parcels.",
                "“可承诺 90%”指 90% 已妥投包裹在此天数内送达的最小整数天数，即可兑现的承诺时效。分位数按排名线性插值（与 pandas 相同）。⚠ 表示已妥投少于 30 票的分组。")}</p>
            <DataTable columns=columns rows=rows testid="group-table" />
        </section>
    }
}

#[component]
fn Comparison(report: Memo<Option<LogisticsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let comparison = move || report.with(|r| r.as_ref().and_then(|r| r.comparison.clone()));
    let columns = Signal::derive(move || {
        let l = lang();
        ["Group", "Shipments A", "Shipments B", "P50 A", "P50 B", "P90 A", "P90 B", "Δ P90", "On time A", "On time B"]
            .iter()
            .zip(["分组", "票数 A", "票数 B", "P50 A", "P50 B", "P90 A", "P90 B", "P90 变化", "准时率 A", "准时率 B"])
            .map(|(en, zh)| tr(l, en, zh).to_owned())
            .collect::<Vec<_>>()
    });
    let rows = Signal::derive(move || {
        let l = lang();
        comparison()
            .map(|c| {
                std::iter::once(&c.overall)
                    .chain(c.groups.iter())
                    .map(|g| {
                        let label = {
                            let s = GroupStats {
                                origin: g.origin.clone(),
                                destination: g.destination.clone(),
                                carrier: g.carrier.clone(),
                                service: g.service.clone(),
                                ..GroupStats::default()
                            };
                            charts::group_label(&s, l)
                        };
                        let delta = match (g.a.p90_days, g.b.p90_days) {
                            (Some(a), Some(b)) => Some(b - a),
                            _ => None,
                        };
                        vec![
                            CellView::text(label),
                            CellView::int(g.a.shipments),
                            CellView::int(g.b.shipments),
                            CellView::num(g.a.p50_days, days(g.a.p50_days)),
                            CellView::num(g.b.p50_days, days(g.b.p50_days)),
                            CellView::num(g.a.p90_days, days(g.a.p90_days)),
                            CellView::num(g.b.p90_days, days(g.b.p90_days)),
                            CellView::num(delta, delta.map_or("–".into(), |d| format!("{d:+.1}"))),
                            CellView::num(g.a.on_time_rate, percent(g.a.on_time_rate)),
                            CellView::num(g.b.on_time_rate, percent(g.b.on_time_rate)),
                        ]
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <Show when=move || comparison().is_some()>
            <section class="card">
                <header class="card-header">
                    <h2>{move || tr(lang(), "Period A vs period B", "时段 A 与时段 B 对比")}</h2>
                </header>
                <DataTable columns=columns rows=rows testid="comparison-table" />
            </section>
        </Show>
    }
}

#[component]
fn Scorecards(report: Memo<Option<LogisticsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let columns = Signal::derive(move || {
        let l = lang();
        ["Destination", "Rank", "Carrier", "Service", "Delivered", "P50", "P90", "On time (95% CI)"]
            .iter()
            .zip(["目的国", "排名", "物流商", "渠道", "已妥投", "P50", "P90", "准时率（95% 区间）"])
            .map(|(en, zh)| tr(l, en, zh).to_owned())
            .collect::<Vec<_>>()
    });
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.scorecards
                        .iter()
                        .flat_map(|card| {
                            card.carriers.iter().map(move |c| {
                                let small = if c.small_sample { tr(l, " ⚠", " ⚠") } else { "" };
                                vec![
                                    CellView::text(country(l, card.destination.as_deref())),
                                    CellView::int(c.rank as u64),
                                    CellView::text(c.carrier.clone().unwrap_or_else(|| "–".into())),
                                    CellView::text(c.service.clone().unwrap_or_else(|| "–".into())),
                                    CellView::num(Some(c.delivered as f64), format!("{}{small}", count(c.delivered))),
                                    CellView::num(c.p50_days, days(c.p50_days)),
                                    CellView::num(c.p90_days, days(c.p90_days)),
                                    CellView::num(
                                        c.on_time.map(|x| x.rate),
                                        c.on_time.map_or("–".into(), |x| {
                                            format!(
                                                "{} ({}–{})",
                                                percent(Some(x.rate)),
                                                percent(Some(x.low)),
                                                percent(Some(x.high))
                                            )
                                        }),
                                    ),
                                ]
                            })
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let has = move || report.with(|r| r.as_ref().is_some_and(|r| !r.scorecards.is_empty()));
    view! {
        <Show when=has>
            <section class="card">
                <header class="card-header">
                    <h2>{move || tr(lang(), "Carrier scorecard per destination", "各目的国物流商排名")}</h2>
                </header>
                <p class="hint">{move || tr(lang(), "Ranked by P90 transit days (the promise the carrier really keeps for 9 parcels in 10), then by on-time rate.", "按 P90 运输天数（十票中九票实际兑现的时效）排名，其次按准时率。")}</p>
                <DataTable columns=columns rows=rows testid="scorecard-table" />
            </section>
        </Show>
    }
}

#[component]
fn StuckParcels(report: Memo<Option<LogisticsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let columns = Signal::derive(move || {
        let l = lang();
        ["Row", "Tracking number", "Destination", "Carrier", "Service", "Shipped", "Days since", "Group P95"]
            .iter()
            .zip(["行号", "运单号", "目的国", "物流商", "渠道", "发货日期", "已发出天数", "同组 P95"])
            .map(|(en, zh)| tr(l, en, zh).to_owned())
            .collect::<Vec<_>>()
    });
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.stuck
                        .iter()
                        .map(|s| {
                            vec![
                                CellView::int(s.row),
                                CellView::text(s.tracking.clone()),
                                CellView::text(country(l, s.destination.as_deref())),
                                CellView::text(s.carrier.clone().unwrap_or_default()),
                                CellView::text(s.service.clone().unwrap_or_default()),
                                CellView::text(s.shipped_on.to_string()),
                                CellView::int(s.age_days as u64),
                                CellView::num(Some(s.group_p95_days), days(Some(s.group_p95_days))),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let total = move || report.with(|r| r.as_ref().map_or(0, |r| r.stuck_total));
    let as_of =
        move || report.with(|r| r.as_ref().and_then(|r| r.reference_date).map(|d| d.to_string()).unwrap_or_default());
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{move || trs(lang(), format!("Stuck parcels ({})", count(total())), format!("疑似滞留包裹（{}）", count(total())))}</h2>
            </header>
            <p class="hint">{move || trs(lang(),
                format!("Undelivered parcels older, as of {}, than 95% of delivered parcels in their group took. Chase these with the forwarder.", as_of()),
                format!("截至 {}，未妥投且已超过同组 95% 已妥投包裹用时的包裹。请联系货代跟进。", as_of()))}</p>
            <Show when=move || { total() > 0 } fallback=move || view! { <p class="muted">{move || tr(lang(), "None: every undelivered parcel is still within its group's usual time.", "没有：所有在途包裹都在同组正常时效内。")}</p> }>
                <DataTable columns=columns rows=rows testid="stuck-table" />
            </Show>
        </section>
    }
}
