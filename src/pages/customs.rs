//! The customs page: where parcels get stuck, what it costs, and the risk of the next one.

use crate::charts;
use crate::components::echart::EChart;
use crate::components::table::{CellView, DataTable};
use crate::i18n::{
    band_name, checkpoint_name, count, country, days, document_name, leg_name, outcome_name, percent, tr, trs, usd,
    Lang,
};
use crate::state::AppState;
use borderlens_core::analysis::customs::groups::{CustomsGroup, CustomsGroupField};
use borderlens_core::analysis::customs::risk::{Level, RiskEstimate};
use borderlens_core::analysis::customs::vocab::CustomsOutcome;
use borderlens_core::analysis::customs::CustomsReport;
use borderlens_core::ingest::parse::number::Currency;
use borderlens_core::model::planned::PlannedShipment;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn field_name(lang: Lang, f: CustomsGroupField) -> &'static str {
    match f {
        CustomsGroupField::Destination => tr(lang, "Destination", "目的国"),
        CustomsGroupField::HsChapter => tr(lang, "HS chapter (2 digits)", "HS 章（2 位）"),
        CustomsGroupField::HsHeading => tr(lang, "HS heading (4 digits)", "HS 品目（4 位）"),
        CustomsGroupField::ValueBand => tr(lang, "Declared value vs de minimis", "申报价值与免税额"),
        CustomsGroupField::Carrier => tr(lang, "Carrier", "物流商"),
        CustomsGroupField::Service => tr(lang, "Service", "渠道"),
        CustomsGroupField::Checkpoint => tr(lang, "Checkpoint (export / import)", "环节（出口 / 进口）"),
    }
}

fn field_value(f: CustomsGroupField) -> &'static str {
    match f {
        CustomsGroupField::Destination => "destination",
        CustomsGroupField::HsChapter => "hs_chapter",
        CustomsGroupField::HsHeading => "hs_heading",
        CustomsGroupField::ValueBand => "value_band",
        CustomsGroupField::Carrier => "carrier",
        CustomsGroupField::Service => "service",
        CustomsGroupField::Checkpoint => "checkpoint",
    }
}

fn rate_cell(g: &CustomsGroup) -> CellView {
    CellView::num(
        g.detention_rate_smoothed,
        match (g.detention_rate_smoothed, g.detention_rate_low, g.detention_rate_high) {
            (Some(r), Some(lo), Some(hi)) => {
                format!("{} ({}–{})", percent(Some(r)), percent(Some(lo)), percent(Some(hi)))
            }
            _ => "–".into(),
        },
    )
}

fn group_rows(groups: &[CustomsGroup], lang: Lang) -> Vec<Vec<CellView>> {
    groups
        .iter()
        .map(|g| {
            let small = if g.small_sample { " ⚠" } else { "" };
            vec![
                CellView::text(charts::customs_label(g, lang)),
                CellView::int(g.shipments),
                CellView::int(g.cleared),
                CellView::int(g.released_after_documents),
                CellView::int(g.released_after_payment),
                CellView::int(g.returned),
                CellView::int(g.confiscated),
                CellView::int(g.abandoned),
                CellView::int(g.pending),
                CellView::num(g.detention_rate, format!("{}{small}", percent(g.detention_rate))),
                rate_cell(g),
                CellView::num(g.mean_hold_days, days(g.mean_hold_days)),
                CellView::num(Some(g.extra_cost), usd(Some(g.extra_cost))),
                CellView::num(Some(g.lost_value_usd), usd(Some(g.lost_value_usd))),
            ]
        })
        .collect()
}

fn group_columns(lang: Lang) -> Vec<String> {
    [
        ("Group", "分组"),
        ("Parcels", "票数"),
        ("Cleared", "顺利清关"),
        ("After documents", "补资料放行"),
        ("After payment", "缴税放行"),
        ("Returned", "退运"),
        ("Confiscated", "没收"),
        ("Abandoned", "弃件"),
        ("Pending", "处理中"),
        ("Detention (raw)", "扣关率（原始）"),
        ("Detention, smoothed (95% CI)", "扣关率·平滑（95% 区间）"),
        ("Mean hold days", "平均扣关天数"),
        ("Extra costs", "额外费用"),
        ("Goods lost", "货物损失"),
    ]
    .iter()
    .map(|(en, zh)| tr(lang, en, zh).to_owned())
    .collect()
}

/// The customs page.
#[component]
pub fn CustomsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let report = Memo::new(move |_| state.report.with(|r| r.as_ref().and_then(|r| r.customs.clone())));
    view! {
        <Show
            when=move || report.with(Option::is_some)
            fallback=move || view! {
                <section class="card empty">
                    <h2>{move || tr(lang(), "No customs data yet", "还没有清关数据")}</h2>
                    <p>{move || tr(lang(),
                        "Add shipments with a customs outcome column (清关结果), or tracking events, or try the demo data.",
                        "添加带“清关结果”列的运单，或物流轨迹文件，或试用演示数据。")}</p>
                </section>
            }
        >
            <CustomsControls report=report />
            <Unclassified report=report />
            <CustomsKpis report=report />
            <CustomsCharts report=report />
            <RiskCalculator report=report />
            <PlannedList report=report />
            <GroupsTable report=report />
            <Documents report=report />
            <Legs report=report />
            <Reference report=report />
        </Show>
    }
}

#[component]
fn CustomsControls(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let _ = report;
    let on_change = move |ev: web_sys::Event| {
        let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
        let options = select.selected_options();
        let fields: Vec<CustomsGroupField> = (0..options.length())
            .filter_map(|i| options.item(i))
            .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
            .filter_map(|o| CustomsGroupField::ALL.into_iter().find(|f| field_value(*f) == o.value()))
            .collect();
        let mut settings = state.settings.get_untracked();
        settings.customs.group_by = fields;
        state.apply_settings(settings);
    };
    let is_grouped = move |f: CustomsGroupField| state.settings.with(|s| s.customs.group_by.contains(&f));
    view! {
        <section class="card controls" aria-label=move || tr(lang(), "Customs settings", "清关设置")>
            <div class="control">
                <label for="customs-group-by">{move || tr(lang(), "Group outcome rates by", "扣关率分组依据")}</label>
                <select id="customs-group-by" multiple size="7" data-testid="customs-group-by" on:change=on_change>
                    {CustomsGroupField::ALL.into_iter().map(|f| view! {
                        <option value=field_value(f) prop:selected=move || is_grouped(f)>{move || field_name(lang(), f)}</option>
                    }).collect_view()}
                </select>
                <small class="muted">{move || tr(lang(), "Ctrl/⌘-click to pick several", "按住 Ctrl/⌘ 多选")}</small>
            </div>
            <div class="control explain">
                <p class="hint">{move || tr(lang(),
                    "Detention = not cleared on first presentation (released after documents or payment, returned, confiscated, abandoned) ÷ parcels with a known outcome; pending parcels are left out. Rates are shrunk toward the destination's overall rate (empirical Bayes), so a group of two parcels cannot show 50 % risk without a wide interval.",
                    "扣关率 = 未能首次放行的包裹（补资料或缴税后放行、退运、没收、弃件）÷ 结果已知的包裹；处理中的包裹不计入。各组比率向该目的国总体比率收缩（经验贝叶斯），因此只有两票的分组不会在没有宽区间的情况下显示 50% 的风险。")}</p>
                <p class="hint">{move || tr(lang(),
                    "borderlens reports what happened to your parcels. It never suggests declaring a lower value than the real one.",
                    "borderlens 只统计您包裹的实际情况，绝不建议低报申报价值。")}</p>
            </div>
        </section>
    }
}

#[component]
fn Unclassified(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let values = move || report.with(|r| r.as_ref().map(|r| r.unclassified_outcomes.clone()).unwrap_or_default());
    let assign = move |value: String, outcome: Option<CustomsOutcome>| {
        let mut settings = state.settings.get_untracked();
        settings.customs.outcome_overrides.retain(|(v, _)| *v != value);
        if let Some(o) = outcome {
            settings.customs.outcome_overrides.push((value, o));
        }
        state.apply_settings(settings);
    };
    view! {
        <Show when=move || !values().is_empty()>
            <section class="card notice-card">
                <h2>{move || tr(lang(), "Outcome values borderlens could not classify", "无法识别的清关结果")}</h2>
                <p class="hint">{move || tr(lang(),
                    "These parcels are left out of the rates until you say what each value means.",
                    "在您指定含义之前，这些包裹不计入比率。")}</p>
                <ul class="plain">
                    {move || values().into_iter().map(|u| {
                        let value = u.value.clone();
                        view! {
                            <li class="assign-row">
                                <strong>{u.value.clone()}</strong>" "
                                <span class="muted">{trs(lang(), format!("({} parcels)", count(u.count)), format!("（{} 票）", count(u.count)))}</span>" "
                                <select data-testid="outcome-assign" data-value=u.value.clone()
                                    aria-label=move || tr(lang(), "What this value means", "此值的含义")
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev);
                                        assign(value.clone(), CustomsOutcome::ALL.into_iter().find(|o| o.as_str() == v));
                                    }>
                                    <option value="">{move || tr(lang(), "means…", "表示…")}</option>
                                    {CustomsOutcome::ALL.into_iter().map(|o| view! {
                                        <option value=o.as_str()>{move || outcome_name(lang(), o)}</option>
                                    }).collect_view()}
                                </select>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

#[component]
fn CustomsKpis(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let s = move || report.with(|r| r.as_ref().map(|r| r.summary.clone()).unwrap_or_default());
    view! {
        <section class="kpis">
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Detention rate", "扣关率")}</div>
                <div class="kpi-value">{move || percent(s().detention_rate)}</div>
                <div class="kpi-note">{move || trs(lang(),
                    format!("{} of {} parcels with an outcome", count(s().detained), count(s().with_outcome)),
                    format!("{} / {} 票有结果的包裹", count(s().detained), count(s().with_outcome)))}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Days lost in holds", "扣关损失天数")}</div>
                <div class="kpi-value">{move || count(s().hold_days_total.round() as u64)}</div>
                <div class="kpi-note">{move || tr(lang(), "parcel-days held by customs", "包裹被扣留的总天数")}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Extra costs", "额外费用")}</div>
                <div class="kpi-value">{move || usd(Some(s().extra_cost_usd))}</div>
                <div class="kpi-note">{move || trs(lang(),
                    format!("plus {} duties and taxes", usd(Some(s().duties_usd))),
                    format!("另有关税税费 {}", usd(Some(s().duties_usd))))}</div>
            </div>
            <div class="kpi">
                <div class="kpi-label">{move || tr(lang(), "Goods lost", "货物损失")}</div>
                <div class="kpi-value">{move || usd(Some(s().lost_value_usd))}</div>
                <div class="kpi-note">{move || trs(lang(),
                    format!("confiscated or abandoned; {} returned", usd(Some(s().returned_value_usd))),
                    format!("没收或弃件；退运货值 {}", usd(Some(s().returned_value_usd))))}</div>
            </div>
        </section>
    }
}

#[component]
fn CustomsCharts(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let json = |c: charming::Chart| serde_json::to_string(&c).unwrap_or_default();
    let mix = Memo::new(move |_| {
        let l = state.lang.get();
        report.with(|r| r.as_ref().map(|r| json(charts::outcome_mix(&r.outcome_mix, l))).unwrap_or_default())
    });
    let heatmap = Memo::new(move |_| {
        let l = state.lang.get();
        report.with(|r| r.as_ref().map(|r| json(charts::customs_heatmap(&r.heatmap, l))).unwrap_or_default())
    });
    let holds = Memo::new(move |_| {
        let l = state.lang.get();
        report.with(|r| r.as_ref().map(|r| json(charts::hold_times(&r.hold_times, l))).unwrap_or_default())
    });
    let costs = Memo::new(move |_| {
        let l = state.lang.get();
        report.with(|r| r.as_ref().map(|r| json(charts::costliest(&r.costliest, l))).unwrap_or_default())
    });
    let mix_cols = Signal::derive(move || {
        let l = lang();
        let mut c = vec![tr(l, "Destination", "目的国").to_owned()];
        c.extend(CustomsOutcome::ALL.iter().map(|o| outcome_name(l, *o).to_owned()));
        c
    });
    let mix_rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.outcome_mix
                        .iter()
                        .map(|m| {
                            let mut row = vec![CellView::text(country(l, m.destination.as_deref()))];
                            row.extend(m.counts.iter().map(|c| CellView::int(*c)));
                            row
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let heat_cols = Signal::derive(move || {
        let l = lang();
        ["Destination", "HS chapter", "Parcels", "Raw rate", "Smoothed (95% CI)"]
            .iter()
            .zip(["目的国", "HS 章", "票数", "原始比率", "平滑（95% 区间）"])
            .map(|(en, zh)| tr(l, en, zh).to_owned())
            .collect::<Vec<_>>()
    });
    let heat_rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.heatmap
                        .iter()
                        .map(|g| {
                            vec![
                                CellView::text(country(l, g.destination.as_deref())),
                                CellView::text(g.hs_chapter.clone().unwrap_or_else(|| "–".into())),
                                CellView::int(g.shipments),
                                CellView::num(g.detention_rate, percent(g.detention_rate)),
                                rate_cell(g),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let hold_cols = Signal::derive(move || {
        let l = lang();
        ["Checkpoint", "Holds", "P50 days", "P90 days", "Longest", "Mean"]
            .iter()
            .zip(["环节", "扣关次数", "P50 天数", "P90 天数", "最长", "平均"])
            .map(|(en, zh)| tr(l, en, zh).to_owned())
            .collect::<Vec<_>>()
    });
    let hold_rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.hold_times
                        .iter()
                        .map(|h| {
                            vec![
                                CellView::text(checkpoint_name(l, h.checkpoint)),
                                CellView::int(h.holds),
                                CellView::num(h.p50_days, days(h.p50_days)),
                                CellView::num(h.p90_days, days(h.p90_days)),
                                CellView::num(h.max_days.map(f64::from), days(h.max_days.map(f64::from))),
                                CellView::num(h.mean_days, days(h.mean_days)),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let cost_cols = Signal::derive(move || {
        let l = lang();
        ["Outcome", "Parcels", "Hold days", "Extra costs", "Duties", "Declared value"]
            .iter()
            .zip(["结果", "票数", "扣关天数", "额外费用", "关税", "申报货值"])
            .map(|(en, zh)| tr(l, en, zh).to_owned())
            .collect::<Vec<_>>()
    });
    let cost_rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.costs_by_outcome
                        .iter()
                        .map(|c| {
                            vec![
                                CellView::text(outcome_name(l, c.outcome)),
                                CellView::int(c.parcels),
                                CellView::num(Some(c.hold_days), days(Some(c.hold_days))),
                                CellView::num(Some(c.extra_cost_usd), usd(Some(c.extra_cost_usd))),
                                CellView::num(Some(c.duties_usd), usd(Some(c.duties_usd))),
                                CellView::num(Some(c.value_usd), usd(Some(c.value_usd))),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let label = |en: &'static str, zh: &'static str| Signal::derive(move || tr(state.lang.get(), en, zh).to_owned());
    view! {
        <section class="card">
            <header class="card-header"><h2>{move || tr(lang(), "Where parcels get stuck", "包裹卡在哪里")}</h2></header>
            <div class="chart-row">
                <div data-testid="customs-heatmap">
                    <EChart option=heatmap name="borderlens-customs-heatmap" height=420
                        label=label("Heatmap of smoothed detention rates by destination and HS chapter", "按目的国与 HS 章的平滑扣关率热力图") />
                </div>
                <DataTable columns=heat_cols rows=heat_rows caption=label("Destination × HS chapter", "目的国 × HS 章") />
            </div>
            <div class="chart-row">
                <EChart option=mix name="borderlens-customs-outcomes" height=320
                    label=label("Customs outcomes per destination", "各目的国清关结果") />
                <DataTable columns=mix_cols rows=mix_rows caption=label("Parcels per outcome", "各结果包裹数") />
            </div>
            <div class="chart-row">
                <EChart option=holds name="borderlens-customs-hold-days" height=280
                    label=label("Customs hold days at export and import", "出口与进口环节扣关天数") />
                <DataTable columns=hold_cols rows=hold_rows caption=label("Hold days per checkpoint", "各环节扣关天数") />
            </div>
            <div class="chart-row">
                <EChart option=costs name="borderlens-customs-costs" height=360
                    label=label("What customs problems cost, costliest groups first", "清关问题损失，按损失排序") />
                <DataTable columns=cost_cols rows=cost_rows caption=label("Cost per outcome (USD)", "各结果的损失（美元）") />
            </div>
        </section>
    }
}

/// The risk calculator: one planned shipment at a time.
#[component]
fn RiskCalculator(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let destination = RwSignal::new(String::new());
    let hs = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let currency = RwSignal::new("USD".to_string());
    let carrier = RwSignal::new(String::new());
    let destinations = move || {
        report.with(|r| {
            let mut d: Vec<String> =
                r.as_ref().map(|r| r.carriers.iter().filter_map(|c| c.0.clone()).collect()).unwrap_or_default();
            d.sort();
            d.dedup();
            d
        })
    };
    let carriers = move || {
        report.with(|r| {
            let mut c: Vec<String> =
                r.as_ref().map(|r| r.carriers.iter().filter_map(|c| c.1.clone()).collect()).unwrap_or_default();
            c.sort();
            c.dedup();
            c
        })
    };
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let parsed_value = borderlens_core::ingest::parse::number::read_money(
            &value.get_untracked(),
            borderlens_core::ingest::parse::number::DecimalSeparator::Dot,
        )
        .ok();
        let planned = PlannedShipment {
            reference: None,
            destination: destination.get_untracked(),
            hs_code: hs.get_untracked(),
            declared_value: parsed_value.map(|(v, _)| v),
            currency: parsed_value.and_then(|(_, c)| c).or_else(|| Currency::parse_code(&currency.get_untracked())),
            carrier: Some(carrier.get_untracked()).filter(|c| !c.trim().is_empty()),
            service: None,
        };
        state.assess(vec![planned]);
    };
    let result = move || state.assessment.get().and_then(|v| v.into_iter().next());
    view! {
        <section class="card" aria-labelledby="risk-title">
            <header class="card-header"><h2 id="risk-title">{move || tr(lang(), "Risk of a planned shipment", "计划发货的清关风险")}</h2></header>
            <p class="hint">{move || tr(lang(),
                "Estimated from your own history: the more parcels like this one you have sent, the narrower the interval.",
                "依据您自己的历史数据估计：同类包裹发得越多，区间越窄。")}</p>
            <form class="risk-form" on:submit=submit>
                <label class="field">
                    <span>{move || tr(lang(), "Destination", "目的国")}</span>
                    <input type="text" list="risk-destinations" data-testid="risk-destination" required
                        placeholder=move || tr(lang(), "BR or Brazil", "BR 或 巴西")
                        prop:value=move || destination.get() on:input=move |ev| destination.set(event_target_value(&ev)) />
                    <datalist id="risk-destinations">
                        {move || destinations().into_iter().map(|d| view! { <option value=d.clone()>{country(lang(), Some(&d))}</option> }).collect_view()}
                    </datalist>
                </label>
                <label class="field">
                    <span>{move || tr(lang(), "HS code", "海关编码")}</span>
                    <input type="text" inputmode="numeric" data-testid="risk-hs-code" required placeholder="851762"
                        prop:value=move || hs.get() on:input=move |ev| hs.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>{move || tr(lang(), "Declared value", "申报价值")}</span>
                    <span class="row">
                        <input type="text" inputmode="decimal" data-testid="risk-value" placeholder="25"
                            prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                        <select aria-label=move || tr(lang(), "Currency", "币种") prop:value=move || currency.get()
                            on:change=move |ev| currency.set(event_target_value(&ev))>
                            {["USD", "CNY", "EUR", "GBP", "BRL", "RUB", "MXN", "JPY"].iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                        </select>
                    </span>
                </label>
                <label class="field">
                    <span>{move || tr(lang(), "Carrier (optional)", "物流商（可选）")}</span>
                    <input type="text" list="risk-carriers" data-testid="risk-carrier"
                        prop:value=move || carrier.get() on:input=move |ev| carrier.set(event_target_value(&ev)) />
                    <datalist id="risk-carriers">
                        {move || carriers().into_iter().map(|c| view! { <option value=c.clone()></option> }).collect_view()}
                    </datalist>
                </label>
                <button type="submit" class="btn btn-primary" data-testid="risk-submit">
                    {move || tr(lang(), "Assess the risk", "评估风险")}
                </button>
            </form>
            {move || result().map(|estimate| view! { <RiskResult estimate=estimate /> })}
        </section>
    }
}

fn level_name(lang: Lang, l: Level) -> &'static str {
    match l {
        Level::AllParcels => tr(lang, "all parcels", "全部包裹"),
        Level::Destination => tr(lang, "destination", "目的国"),
        Level::HsChapter => tr(lang, "HS chapter", "HS 章"),
        Level::ValueBand => tr(lang, "declared value", "申报价值"),
        Level::Carrier => tr(lang, "carrier", "物流商"),
    }
}

#[component]
fn RiskResult(
    /// The worker's assessment of the planned shipment.
    estimate: RiskEstimate,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let estimate = StoredValue::new(estimate);
    let e = move || estimate.get_value();
    let outcomes_cols = Signal::derive(move || {
        let l = lang();
        vec![
            tr(l, "Outcome", "结果").to_owned(),
            tr(l, "Probability", "概率").to_owned(),
            tr(l, "95% interval", "95% 区间").to_owned(),
        ]
    });
    let outcome_rows = Signal::derive(move || {
        let l = lang();
        e().outcomes
            .iter()
            .map(|o| {
                vec![
                    CellView::text(outcome_name(l, o.outcome)),
                    CellView::num(Some(o.probability), percent(Some(o.probability))),
                    CellView::text(format!("{}–{}", percent(Some(o.low)), percent(Some(o.high)))),
                ]
            })
            .collect::<Vec<_>>()
    });
    let alt_cols = Signal::derive(move || {
        let l = lang();
        ["Carrier", "Service", "Parcels", "Detention (95% CI)", "Expected hold days", "Expected extra cost"]
            .iter()
            .zip(["物流商", "渠道", "票数", "扣关概率（95% 区间）", "预计扣关天数", "预计额外费用"])
            .map(|(en, zh)| tr(l, en, zh).to_owned())
            .collect::<Vec<_>>()
    });
    let alt_rows = Signal::derive(move || {
        e().alternatives
            .iter()
            .map(|a| {
                vec![
                    CellView::text(a.carrier.clone().unwrap_or_else(|| "–".into())),
                    CellView::text(a.service.clone().unwrap_or_else(|| "–".into())),
                    CellView::int(a.parcels),
                    CellView::num(
                        Some(a.detention),
                        format!(
                            "{} ({}–{})",
                            percent(Some(a.detention)),
                            percent(Some(a.detention_low)),
                            percent(Some(a.detention_high))
                        ),
                    ),
                    CellView::num(a.expected_hold_days, days(a.expected_hold_days)),
                    CellView::num(a.expected_cost_usd, usd(a.expected_cost_usd)),
                ]
            })
            .collect::<Vec<_>>()
    });
    let factors = move || {
        let l = lang();
        e().factors
            .iter()
            .map(|f| {
                let value = match f.level {
                    Level::Destination => country(l, Some(&f.value)),
                    Level::ValueBand => borderlens_core::analysis::customs::de_minimis::ValueBand::ALL
                        .into_iter()
                        .find(|b| b.as_str() == f.value)
                        .map_or(f.value.clone(), |b| band_name(l, b).to_owned()),
                    _ => f.value.clone(),
                };
                let raw = f.raw_rate.map_or(String::new(), |r| {
                    trs(l, format!(", raw {}", percent(Some(r))), format!("，原始 {}", percent(Some(r))))
                });
                trs(
                    l,
                    format!(
                        "{} {value}: {} → {} (×{:.2}; {} parcels{raw})",
                        level_name(l, f.level),
                        percent(Some(f.parent_detention)),
                        percent(Some(f.detention)),
                        f.ratio,
                        count(f.parcels)
                    ),
                    format!(
                        "{} {value}：{} → {}（×{:.2}；{} 票{raw}）",
                        level_name(l, f.level),
                        percent(Some(f.parent_detention)),
                        percent(Some(f.detention)),
                        f.ratio,
                        count(f.parcels)
                    ),
                )
            })
            .map(|t| view! { <li>{t}</li> })
            .collect_view()
    };
    view! {
        <div class="risk-result" data-testid="risk-result" role="status">
            <div class="kpis">
                <div class="kpi">
                    <div class="kpi-label">{move || tr(lang(), "Chance of a customs problem", "遇到清关问题的概率")}</div>
                    <div class="kpi-value">{move || percent(Some(e().detention.probability))}</div>
                    <div class="kpi-note">{move || trs(lang(),
                        format!("95% interval {}–{}", percent(Some(e().detention.low)), percent(Some(e().detention.high))),
                        format!("95% 区间 {}–{}", percent(Some(e().detention.low)), percent(Some(e().detention.high))))}</div>
                </div>
                <div class="kpi">
                    <div class="kpi-label">{move || tr(lang(), "Expected hold", "预计扣关")}</div>
                    <div class="kpi-value">{move || format!("{} {}", days(e().expected_hold_days), tr(lang(), "days", "天"))}</div>
                    <div class="kpi-note">{move || tr(lang(), "probability of a hold × typical hold", "扣关概率 × 典型扣关时长")}</div>
                </div>
                <div class="kpi">
                    <div class="kpi-label">{move || tr(lang(), "Expected extra cost", "预计额外费用")}</div>
                    <div class="kpi-value">{move || usd(e().expected_extra_cost_usd)}</div>
                    <div class="kpi-note">{move || trs(lang(),
                        format!("plus {} expected value of goods lost", usd(e().expected_value_lost_usd)),
                        format!("另有预计货物损失 {}", usd(e().expected_value_lost_usd)))}</div>
                </div>
            </div>
            <Show when=move || e().no_history_for_destination>
                <p class="notice">{move || tr(lang(),
                    "You have no history to this destination: this is your overall mix, with a wide interval.",
                    "您没有发往该目的国的历史：这是您的总体情况，区间较宽。")}</p>
            </Show>
            <div class="grid-2">
                <div>
                    <h3>{move || tr(lang(), "Outcome probabilities", "各结果概率")}</h3>
                    <DataTable columns=outcomes_cols rows=outcome_rows />
                </div>
                <div>
                    <h3>{move || tr(lang(), "What drives it", "影响因素")}</h3>
                    <ul class="plain factors">{factors}</ul>
                    <p class="muted small">{move || trs(lang(),
                        format!("Based on {} parcels at the most specific level.", count(e().evidence_parcels)),
                        format!("依据最细一级的 {} 票包裹。", count(e().evidence_parcels)))}</p>
                </div>
            </div>
            <h3>{move || tr(lang(), "Your other carriers to this destination", "您发往该目的国的其他物流商")}</h3>
            <DataTable columns=alt_cols rows=alt_rows testid="risk-alternatives" />
        </div>
    }
}

#[component]
fn PlannedList(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let has = move || report.with(|r| r.as_ref().is_some_and(|r| !r.planned.is_empty()));
    let cols = Signal::derive(move || {
        let l = lang();
        [
            "Reference",
            "Destination",
            "HS code",
            "Value (USD)",
            "Carrier",
            "Detention (95% CI)",
            "Expected hold days",
            "Expected extra cost",
            "Best carrier",
        ]
        .iter()
        .zip([
            "参考号",
            "目的国",
            "海关编码",
            "申报价值（美元）",
            "物流商",
            "扣关概率（95% 区间）",
            "预计扣关天数",
            "预计额外费用",
            "最稳妥物流商",
        ])
        .map(|(en, zh)| tr(l, en, zh).to_owned())
        .collect::<Vec<_>>()
    });
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.planned
                        .iter()
                        .map(|e| {
                            vec![
                                CellView::text(e.planned.reference.clone().unwrap_or_default()),
                                CellView::text(country(l, Some(&e.planned.destination))),
                                CellView::text(e.planned.hs_code.clone()),
                                CellView::num(e.declared_value_usd, usd(e.declared_value_usd)),
                                CellView::text(e.planned.carrier.clone().unwrap_or_default()),
                                CellView::num(
                                    Some(e.detention.probability),
                                    format!(
                                        "{} ({}–{})",
                                        percent(Some(e.detention.probability)),
                                        percent(Some(e.detention.low)),
                                        percent(Some(e.detention.high))
                                    ),
                                ),
                                CellView::num(e.expected_hold_days, days(e.expected_hold_days)),
                                CellView::num(e.expected_extra_cost_usd, usd(e.expected_extra_cost_usd)),
                                CellView::text(
                                    e.alternatives.first().and_then(|a| a.carrier.clone()).unwrap_or_default(),
                                ),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=has>
            <section class="card">
                <header class="card-header"><h2>{move || tr(lang(), "Your planned shipments", "您的计划发货")}</h2></header>
                <DataTable columns=cols rows=rows testid="planned-table" />
            </section>
        </Show>
    }
}

#[component]
fn GroupsTable(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let cols = Signal::derive(move || group_columns(lang()));
    let riskiest = Signal::derive(move || {
        report.with(|r| r.as_ref().map(|r| group_rows(&r.riskiest, lang())).unwrap_or_default())
    });
    let all =
        Signal::derive(move || report.with(|r| r.as_ref().map(|r| group_rows(&r.groups, lang())).unwrap_or_default()));
    view! {
        <section class="card">
            <header class="card-header"><h2>{move || tr(lang(), "Riskiest combinations", "风险最高的组合")}</h2></header>
            <p class="hint">{move || tr(lang(), "Groups with at least 5 parcels with a known outcome, by smoothed detention rate. ⚠ fewer than 30.", "至少 5 票结果已知的分组，按平滑扣关率排序。⚠ 表示少于 30 票。")}</p>
            <DataTable columns=cols rows=riskiest testid="riskiest-table" />
            <h3>{move || tr(lang(), "All groups", "全部分组")}</h3>
            <DataTable columns=cols rows=all testid="customs-table" />
        </section>
    }
}

#[component]
fn Documents(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let cols = Signal::derive(move || {
        let l = lang();
        vec![
            tr(l, "Destination", "目的国").to_owned(),
            tr(l, "Document", "资料").to_owned(),
            tr(l, "Times asked", "被要求次数").to_owned(),
        ]
    });
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.documents
                        .iter()
                        .map(|d| {
                            vec![
                                CellView::text(country(l, d.destination.as_deref())),
                                CellView::text(document_name(l, d.document)),
                                CellView::int(d.count),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let has = move || report.with(|r| r.as_ref().is_some_and(|r| !r.documents.is_empty()));
    view! {
        <Show when=has>
            <section class="card">
                <header class="card-header"><h2>{move || tr(lang(), "Documents customs asked for", "海关要求补充的资料")}</h2></header>
                <p class="hint">{move || tr(lang(), "Prepare these before shipping to these destinations.", "发往这些目的国前请提前准备。")}</p>
                <DataTable columns=cols rows=rows testid="documents-table" />
            </section>
        </Show>
    }
}

#[component]
fn Legs(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let chart = Memo::new(move |_| {
        let l = state.lang.get();
        report.with(|r| {
            r.as_ref().map(|r| serde_json::to_string(&charts::legs(&r.legs, l)).unwrap_or_default()).unwrap_or_default()
        })
    });
    let cols = Signal::derive(move || {
        let l = lang();
        let mut c = vec![
            tr(l, "Destination", "目的国").to_owned(),
            tr(l, "Parcels", "票数").to_owned(),
            "P50".into(),
            "P90".into(),
        ];
        for leg in borderlens_core::analysis::customs::legs::Leg::ALL {
            c.push(format!("{} P50/P90", leg_name(l, leg)));
        }
        c.push(tr(l, "Leg behind the long tail", "造成长尾的环节").to_owned());
        c
    });
    let rows = Signal::derive(move || {
        let l = lang();
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.legs
                        .iter()
                        .map(|route| {
                            let mut row = vec![
                                CellView::text(
                                    route
                                        .destination
                                        .as_deref()
                                        .map_or_else(|| tr(l, "All", "全部").to_owned(), |d| country(l, Some(d))),
                                ),
                                CellView::int(route.parcels),
                                CellView::num(route.total_p50_days, days(route.total_p50_days)),
                                CellView::num(route.total_p90_days, days(route.total_p90_days)),
                            ];
                            for s in &route.legs {
                                row.push(CellView::num(
                                    s.p50_days,
                                    format!("{} / {}", days(s.p50_days), days(s.p90_days)),
                                ));
                            }
                            row.push(CellView::text(route.tail_leg.map_or("–", |leg| leg_name(l, leg))));
                            row
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let unmatched = move || report.with(|r| r.as_ref().map(|r| r.unmatched_events.clone()).unwrap_or_default());
    let has = move || report.with(|r| r.as_ref().is_some_and(|r| !r.legs.is_empty() || !r.unmatched_events.is_empty()));
    view! {
        <Show when=has>
            <section class="card">
                <header class="card-header"><h2>{move || tr(lang(), "Transit legs from tracking events", "按物流轨迹拆分的各段时效")}</h2></header>
                <p class="hint">{move || tr(lang(),
                    "First mile: handed over → left the origin; line haul: → arrived in the destination; customs: → released; last mile: → delivered. The long-tail leg adds most days to the slowest tenth of parcels.",
                    "头程：交货 → 离开始发地；干线：→ 到达目的国；清关：→ 放行；尾程：→ 妥投。长尾环节指对最慢 10% 包裹增加天数最多的一段。")}</p>
                <div class="chart-row">
                    <EChart option=chart name="borderlens-transit-legs" height=360
                        label=Signal::derive(move || tr(state.lang.get(), "Median days of each leg per destination", "各目的国各段中位天数").to_owned()) />
                    <DataTable columns=cols rows=rows testid="legs-table" />
                </div>
                <Show when=move || !unmatched().is_empty()>
                    <details class="unmatched">
                        <summary>{move || trs(lang(),
                            format!("{} event texts borderlens did not recognise (not counted in legs)", unmatched().len()),
                            format!("{} 条未识别的轨迹描述（未计入分段）", unmatched().len()))}</summary>
                        <ul class="plain">
                            {move || unmatched().into_iter().take(100).map(|u| view! { <li>{u.text}" — "{count(u.count)}</li> }).collect_view()}
                        </ul>
                    </details>
                </Show>
            </section>
        </Show>
    }
}

/// The reference tables users may edit: de-minimis thresholds and exchange rates.
#[component]
fn Reference(report: Memo<Option<CustomsReport>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let _ = report;
    let set_threshold = move |country: borderlens_core::model::CountryCode, text: String| {
        let Ok(v) = text.trim().parse::<f64>() else { return };
        let mut settings = state.settings.get_untracked();
        if let Some(mut entry) = settings.customs.de_minimis.get(country).cloned() {
            entry.threshold = v.max(0.0);
            entry.source = "edited by you".into();
            settings.customs.de_minimis.set(entry);
            state.apply_settings(settings);
        }
    };
    let set_rate = move |currency: Currency, text: String| {
        let Ok(v) = text.trim().parse::<f64>() else { return };
        if v <= 0.0 {
            return;
        }
        let mut settings = state.settings.get_untracked();
        settings.logistics.fx.set(currency, 1.0 / v);
        state.apply_settings(settings);
    };
    view! {
        <section class="card">
            <details>
                <summary><h2 class="inline">{move || tr(lang(), "De-minimis thresholds and exchange rates", "免税额与汇率")}</h2></summary>
                <p class="hint">{move || tr(lang(),
                    "Built-in reference values with their dates and sources. These rules change often: check them and type your own; every figure updates.",
                    "内置参考值，附日期与来源。规则经常变化：请核对并填写您自己的数值，所有结果会随之更新。")}</p>
                <div class="grid-2">
                    <div class="table-wrap">
                        <table class="data-table">
                            <thead><tr>
                                <th>{move || tr(lang(), "Country", "国家")}</th>
                                <th>{move || tr(lang(), "Threshold", "免税额")}</th>
                                <th>{move || tr(lang(), "As of", "截至")}</th>
                                <th>{move || tr(lang(), "Source", "来源")}</th>
                            </tr></thead>
                            <tbody>
                                {move || state.settings.with(|s| s.customs.de_minimis.entries.clone()).into_iter().map(|e| {
                                    let country_code = e.country;
                                    view! {
                                        <tr title=e.note.clone()>
                                            <td>{country(lang(), Some(e.country.as_str()))}</td>
                                            <td class="num">
                                                <input class="cell-input" type="number" min="0" step="any" prop:value=e.threshold.to_string()
                                                    aria-label=format!("{} de minimis", e.country.as_str())
                                                    on:change=move |ev| set_threshold(country_code, event_target_value(&ev)) />
                                                " "{e.currency.as_str().to_owned()}
                                            </td>
                                            <td>{e.as_of.to_string()}</td>
                                            <td class="small">{e.source.clone()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <div class="table-wrap">
                        <table class="data-table">
                            <caption>{move || state.settings.with(|s| trs(lang(),
                                format!("Units per US dollar, as of {}", s.logistics.fx.as_of),
                                format!("每 1 美元兑换的单位数，截至 {}", s.logistics.fx.as_of)))}</caption>
                            <thead><tr><th>{move || tr(lang(), "Currency", "币种")}</th><th>{move || tr(lang(), "Per USD", "每美元")}</th></tr></thead>
                            <tbody>
                                {move || state.settings.with(|s| s.logistics.fx.rates.clone()).into_iter().map(|r| {
                                    let currency = r.currency;
                                    view! {
                                        <tr>
                                            <td>{r.currency.as_str().to_owned()}</td>
                                            <td class="num">
                                                <input class="cell-input" type="number" min="0" step="any"
                                                    prop:value=format!("{:.4}", 1.0 / r.usd_per_unit)
                                                    aria-label=format!("{} per USD", r.currency.as_str())
                                                    disabled=r.currency.as_str() == "USD"
                                                    on:change=move |ev| set_rate(currency, event_target_value(&ev)) />
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </div>
            </details>
        </section>
    }
}
