//! Loaded datasets: the always-visible strip of row counts, file errors, and the detailed
//! data-quality report (rejected rows, warnings, how values were read, unknown countries).

use crate::components::table::{CellView, DataTable};
use crate::i18n::{
    count, field_name, figure_name, kind_name, missing_fields, problem_message, tr, trs, warning_name, Lang,
};
use crate::state::AppState;
use borderlens_core::ingest::parse::date::{DayMonthOrder, OrderBasis};
use borderlens_core::ingest::quality::{Convention, WarningKind};
use borderlens_core::model::country::{all_countries, CountryCode};
use borderlens_core::report::labels::reject_reason;
use borderlens_core::report::DatasetSummary;
use leptos::prelude::*;

/// One chip per loaded dataset: rows read, used, rejected. Always visible.
#[component]
pub fn DatasetStrip() -> impl IntoView {
    let state = expect_context::<AppState>();
    let datasets = move || state.report.with(|r| r.as_ref().map(|r| r.datasets.clone()).unwrap_or_default());
    view! {
        <div class="dataset-strip" aria-live="polite">
            <For each=datasets key=|d| (d.id, d.rows_read, d.rows_rejected) let:d>
                <DatasetChip d=d />
            </For>
        </div>
    }
}

#[component]
fn DatasetChip(d: DatasetSummary) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let id = d.id;
    let name = match &d.sheet {
        Some(s) => format!("{} [{s}]", d.file),
        None => d.file.clone(),
    };
    let (read, used, rejected, blank) = (d.rows_read, d.rows_used, d.rows_rejected, d.rows_blank);
    let is_demo = d.is_demo;
    let kind = d.kind;
    view! {
        <div
            class="dataset-chip"
            data-testid="dataset-summary"
            data-rows-read=read.to_string()
            data-rows-used=used.to_string()
            data-rows-rejected=rejected.to_string()
            data-rows-blank=blank.to_string()
            data-kind=kind.as_str()
        >
            <span class="chip-name" title=name.clone()>
                {move || if is_demo { format!("{} · ", tr(lang(), "Demo", "演示")) } else { String::new() }}
                {name.clone()}
            </span>
            <span class="chip-kind">{move || kind_name(lang(), kind)}</span>
            <span class="chip-counts">
                {move || trs(lang(),
                    format!("{} rows read · {} used · {} rejected", count(read), count(used), count(rejected)),
                    format!("读取 {} 行 · 使用 {} · 拒绝 {}", count(read), count(used), count(rejected)))}
            </span>
            <button class="chip-remove" aria-label=move || tr(lang(), "Remove this dataset", "移除此数据集")
                on:click=move |_| state.remove(id)>"×"</button>
        </div>
    }
}

/// Files that could not be used, each with a clear message.
#[component]
pub fn FileErrors() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="errors" aria-live="assertive">
            <For each=move || state.errors.get() key=|e| e.key let:e>
                {
                    let key = e.key;
                    let error = e.error.clone();
                    view! {
                        <div class="file-error" role="alert" data-testid="file-error">
                            <span>{move || problem_message(state.lang.get(), &error)}</span>
                            <button class="chip-remove" aria-label="×"
                                on:click=move |_| state.errors.update(|v| v.retain(|x| x.key != key))>"×"</button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}

fn unit_name(unit: borderlens_core::mapping::WeightUnit) -> &'static str {
    match unit {
        borderlens_core::mapping::WeightUnit::Kg => "kg",
        borderlens_core::mapping::WeightUnit::G => "g",
        borderlens_core::mapping::WeightUnit::Lb => "lb",
    }
}

fn convention_text(lang: Lang, c: &Convention) -> Option<String> {
    match c {
        Convention::DateOrder { column, conventions } => {
            let order = match conventions.order {
                DayMonthOrder::DayFirst => tr(lang, "day/month/year", "日/月/年"),
                DayMonthOrder::MonthFirst => tr(lang, "month/day/year", "月/日/年"),
            };
            let example = conventions.evidence_example.map(|e| e.to_string()).unwrap_or_default();
            let basis = match conventions.order_basis {
                OrderBasis::NotNeeded => {
                    return Some(trs(
                        lang,
                        format!("{column}: dates read unambiguously"),
                        format!("{column}：日期格式明确"),
                    ))
                }
                OrderBasis::Evidence => {
                    trs(lang, format!("decided from values such as {example}"), format!("依据 {example} 这类值判断"))
                }
                OrderBasis::Default => tr(
                    lang,
                    "no value decides it: default; change it in the mapping if wrong",
                    "无法从数据判断：使用默认值，如有误请在映射中修改",
                )
                .to_owned(),
                OrderBasis::User => tr(lang, "as you chose", "按您的选择").to_owned(),
            };
            let years = if conventions.two_digit_years.is_some() {
                tr(
                    lang,
                    "; two-digit years read as 19xx/20xx by the column's other dates (or 1970–2069)",
                    "；两位数年份按本列其他日期推断（否则按 1970–2069）",
                )
            } else {
                ""
            };
            Some(trs(
                lang,
                format!("{column}: {order} ({basis}){years}"),
                format!("{column}：{order}（{basis}）{years}"),
            ))
        }
        Convention::DecimalSeparator { .. } => None,
        Convention::WeightUnit { column, unit } => Some(trs(
            lang,
            format!("{column}: weight in {}", unit_name(*unit)),
            format!("{column}：重量单位 {}", unit_name(*unit)),
        )),
        Convention::Currency { column, currency } => Some(match currency {
            Some(c) => {
                trs(lang, format!("{column}: amounts in {}", c.as_str()), format!("{column}：金额币种 {}", c.as_str()))
            }
            None => trs(
                lang,
                format!("{column}: currency as written in cells, USD if none"),
                format!("{column}：按单元格中的币种，未注明按 USD"),
            ),
        }),
    }
}

/// The data-quality report of one dataset.
#[component]
pub fn DatasetDetail(d: DatasetSummary) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let title = match &d.sheet {
        Some(s) => format!("{} [{s}]", d.file),
        None => d.file.clone(),
    };
    let summary = d.clone();
    let counts = move || {
        let d = &summary;
        trs(
            lang(),
            format!(
                "{} rows read = {} used + {} rejected. {} blank rows skipped.",
                count(d.rows_read),
                count(d.rows_used),
                count(d.rows_rejected),
                count(d.rows_blank)
            ),
            format!(
                "读取 {} 行 = 使用 {} 行 + 拒绝 {} 行。跳过空行 {} 行。",
                count(d.rows_read),
                count(d.rows_used),
                count(d.rows_rejected),
                count(d.rows_blank)
            ),
        )
    };
    let mapping_list = {
        let d = d.clone();
        move || {
            let lang = lang();
            d.mapping
                .fields
                .iter()
                .filter_map(|c| {
                    let col = c.column?;
                    let header = d.preview.columns.get(col).map(|h| h.text.clone()).unwrap_or_default();
                    Some(view! { <li><strong>{field_name(lang, c.field)}</strong>" ← "{header}</li> })
                })
                .collect_view()
        }
    };
    let missing = {
        let d = d.clone();
        move || {
            let lang = lang();
            d.figures
                .iter()
                .filter(|f| !f.is_available())
                .map(|f| {
                    let fields = missing_fields(lang, f);
                    view! {
                        <li>{trs(lang,
                            format!("{}: add a column with {fields} to see it", figure_name(lang, f.figure)),
                            format!("{}：需要“{fields}”列", figure_name(lang, f.figure)))}</li>
                    }
                })
                .collect_view()
        }
    };
    let conventions = {
        let d = d.clone();
        move || {
            let lang = lang();
            let mut items: Vec<String> = d.conventions.iter().filter_map(|c| convention_text(lang, c)).collect();
            if d.malformed_bytes > 0 {
                items.push(trs(
                    lang,
                    format!("{} bytes were not valid in the detected encoding and show as �", d.malformed_bytes),
                    format!("有 {} 个字节不符合识别出的编码，显示为 �", d.malformed_bytes),
                ));
            }
            items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()
        }
    };
    let warnings = {
        let d = d.clone();
        move || {
            let lang = lang();
            d.warnings
                .iter()
                .map(|w| {
                    let examples: Vec<String> = w
                        .examples
                        .iter()
                        .take(5)
                        .map(|(row, v)| match w.kind {
                            WarningKind::FewerFields => trs(lang, format!("row {row} has {v} cells"), format!("第 {row} 行只有 {v} 个单元格")),
                            _ => trs(lang, format!("row {row}: “{v}”"), format!("第 {row} 行：“{v}”")),
                        })
                        .collect();
                    let column = w.column.clone().map(|c| format!(" [{c}]")).unwrap_or_default();
                    view! {
                        <li>
                            <strong>{warning_name(lang, w.kind)}{column}</strong>
                            " — "{count(w.count)}" "
                            <span class="muted">{trs(lang, format!("(e.g. {})", examples.join("; ")), format!("（例如 {}）", examples.join("；")))}</span>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let can_reload = state.has_file(d.id);
    let unknown = {
        let d = d.clone();
        move || {
            let lang = lang();
            d.unknown_countries
                .iter()
                .map(|u| {
                    let value = u.value.clone();
                    let mapping = d.mapping.clone();
                    let id = d.id;
                    let assign = move |ev: web_sys::Event| {
                        let Some(code) = CountryCode::from_alpha2(&event_target_value(&ev)) else { return };
                        let mut mapping = mapping.clone();
                        mapping.options.country_overrides.retain(|(v, _)| *v != value);
                        mapping.options.country_overrides.push((value.clone(), code));
                        state.reload(id, mapping);
                    };
                    let options = all_countries()
                        .map(|c| {
                            let name = if lang == Lang::Zh { c.name_zh() } else { c.name_en() };
                            view! { <option value=c.as_str()>{format!("{} · {name}", c.as_str())}</option> }
                        })
                        .collect_view();
                    view! {
                        <li class="assign-row">
                            <strong>{u.value.clone()}</strong>" ("{field_name(lang, u.field)}", "{count(u.count)}") "
                            <Show when=move || can_reload>
                                <select class="assign" data-testid="country-assign"
                                    aria-label=tr(lang, "Assign to a country", "指定为国家") on:change=assign.clone()>
                                    <option value="">{tr(lang, "assign to…", "指定为…")}</option>
                                    {options.clone()}
                                </select>
                            </Show>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    let has_unknown = !d.unknown_countries.is_empty();
    let has_missing = d.figures.iter().any(|f| !f.is_available());
    let has_warnings = !d.warnings.is_empty();
    let id = d.id;
    let rejections = d.rejections.clone();
    let rejected_count = d.rows_rejected;
    let reject_columns = Signal::derive(move || {
        let l = lang();
        vec![
            tr(l, "Row", "行号").to_owned(),
            tr(l, "Column", "列").to_owned(),
            tr(l, "Value", "值").to_owned(),
            tr(l, "Reason", "原因").to_owned(),
        ]
    });
    let reject_rows = Signal::derive(move || {
        let l = lang();
        rejections
            .iter()
            .map(|r| {
                vec![
                    CellView::int(r.row),
                    CellView::text(r.column.clone().unwrap_or_default()),
                    CellView::text(r.value.clone()),
                    CellView::text(reject_reason(l, &r.reason)),
                ]
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="card">
            <header class="card-header">
                <h2>{title}</h2>
                <Show when=move || can_reload>
                    <button class="btn btn-small" data-testid="edit-mapping" on:click=move |_| state.edit_mapping(id)>
                        {move || tr(lang(), "Change column mapping", "修改列映射")}
                    </button>
                </Show>
            </header>
            <p class="counts">{counts}</p>
            <div class="grid-2">
                <div>
                    <h3>{move || tr(lang(), "Columns used", "使用的列")}</h3>
                    <ul class="plain">{mapping_list}</ul>
                    <h3>{move || tr(lang(), "How values were read", "数值的读取方式")}</h3>
                    <ul class="plain">{conventions}</ul>
                </div>
                <div>
                    <Show when=move || has_missing>
                        <h3>{move || tr(lang(), "Not available from this file", "此文件无法生成")}</h3>
                        <ul class="plain">{missing.clone()}</ul>
                    </Show>
                    <Show when=move || has_warnings>
                        <h3>{move || tr(lang(), "Warnings (rows kept)", "警告（行已保留）")}</h3>
                        <ul class="plain">{warnings.clone()}</ul>
                    </Show>
                    <Show when=move || has_unknown>
                        <h3>{move || tr(lang(), "Unknown countries (kept as written)", "未识别的国家（按原文保留）")}</h3>
                        <ul class="plain">{unknown.clone()}</ul>
                    </Show>
                </div>
            </div>
            <Show when=move || { rejected_count > 0 }>
                <h3>{move || trs(lang(),
                    format!("Rejected rows ({}; download them all with “Rejected rows CSV”)", count(rejected_count)),
                    format!("被拒绝的行（{} 行；可用“被拒绝行 CSV”全部下载）", count(rejected_count)))}</h3>
                <DataTable columns=reject_columns rows=reject_rows testid="rejected-table" />
            </Show>
        </section>
    }
}
