//! The mapping screen: for each field, the column chosen, sample values and a confidence,
//! all changeable, with what each figure still needs. One per file waiting to be read.

use crate::i18n::{field_name, figure_name, kind_name, missing_fields, tr, trs, Lang};
use crate::state::AppState;
use borderlens_core::ingest::parse::date::DayMonthOrder;
use borderlens_core::ingest::parse::number::{Currency, DecimalSeparator};
use borderlens_core::ingest::sniff::{FileFormat, TextEncoding};
use borderlens_core::mapping::requirements::{figure_status, is_usable};
use borderlens_core::mapping::{catalogue, propose, DatasetKind, Field, MatchBasis, ValueKind, WeightUnit};
use borderlens_core::session::MappingProposal;
use leptos::prelude::*;

/// Spreadsheet-style column letters: 0 → A, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn confidence_badge(lang: Lang, confidence: f32, basis: Option<MatchBasis>) -> (String, &'static str) {
    match basis {
        None => (tr(lang, "not found", "未找到").to_owned(), "badge badge-none"),
        Some(MatchBasis::User) => (tr(lang, "your choice", "手动选择").to_owned(), "badge badge-user"),
        Some(_) => {
            let pct = format!("{:.0}%", confidence * 100.0);
            let class = if confidence >= 0.85 {
                "badge badge-high"
            } else if confidence >= 0.6 {
                "badge badge-mid"
            } else {
                "badge badge-low"
            };
            (pct, class)
        }
    }
}

fn format_name(f: FileFormat) -> &'static str {
    match f {
        FileFormat::Delimited => "CSV / TXT",
        FileFormat::Xlsx => "XLSX",
        FileFormat::Xls => "XLS",
        FileFormat::Ods => "ODS",
    }
}

fn encoding_name(e: TextEncoding) -> &'static str {
    match e {
        TextEncoding::Utf8 => "UTF-8",
        TextEncoding::Utf8Bom => "UTF-8 (BOM)",
        TextEncoding::Utf16Le => "UTF-16 LE",
        TextEncoding::Utf16Be => "UTF-16 BE",
        TextEncoding::Gb18030 => "GB18030 / GBK",
        TextEncoding::Windows1252 => "Windows-1252",
    }
}

const CURRENCIES: &[&str] = &["USD", "CNY", "EUR", "GBP", "BRL", "RUB", "JPY", "INR", "MXN", "CAD", "AUD", "HKD"];

/// One file's mapping, for the user to check and confirm.
#[component]
pub fn MappingEditor(
    /// The worker's proposal for this file.
    proposal: MappingProposal,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let id = proposal.dataset;
    let mapping = RwSignal::new(proposal.mapping.clone());
    let preview = proposal.preview.clone();
    let headers: Vec<String> = preview.headers();
    let placeholders: Vec<bool> = preview.columns.iter().map(|c| c.is_placeholder).collect();
    let samples = preview.samples.clone();
    let kind = move || mapping.with(|m| m.kind);
    let samples_for_kind = preview.samples.clone();
    let headers_for_kind = headers.clone();
    let change_kind = move |ev: web_sys::Event| {
        let Some(k) = DatasetKind::ALL.into_iter().find(|k| k.as_str() == event_target_value(&ev)) else { return };
        mapping.set(propose(k, &headers_for_kind, &samples_for_kind));
    };

    let column_label = {
        let headers = headers.clone();
        let placeholders = placeholders.clone();
        move |lang: Lang, col: usize| -> String {
            let name = if placeholders.get(col).copied().unwrap_or(false) {
                trs(lang, format!("(no header, column {})", col + 1), format!("（无表头，第 {} 列）", col + 1))
            } else {
                headers.get(col).cloned().unwrap_or_default()
            };
            format!("{} · {name}", column_letter(col))
        }
    };
    let sample_values = move |col: usize| -> String {
        let mut seen: Vec<&str> = Vec::new();
        for row in &samples {
            if let Some(v) = row.get(col).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                if !seen.contains(&v) {
                    seen.push(v);
                }
            }
            if seen.len() == 3 {
                break;
            }
        }
        seen.join(" · ")
    };

    let n_columns = headers.len();
    let rows = move || {
        let kind = mapping.with(|m| m.kind);
        catalogue(kind)
        .iter()
        .map(|spec| {
            let field = spec.field;
            let column_label = column_label.clone();
            let sample_values = sample_values.clone();
            let n = n_columns;
            let choice = move || mapping.with(|m| m.fields.iter().find(|c| c.field == field).cloned());
            let column = move || choice().and_then(|c| c.column);
            let options = move || {
                let lang = lang();
                let column_label = column_label.clone();
                (0..n)
                    .map(move |col| view! { <option value=col.to_string()>{column_label(lang, col)}</option> })
                    .collect_view()
            };
            let select_id = format!("map-{id}-{}", field.as_str());
            view! {
                <tr>
                    <th scope="row">
                        <label for=select_id.clone()>{move || field_name(lang(), field)}</label>
                    </th>
                    <td>
                        <select
                            id=select_id
                            data-testid="mapping-field"
                            data-field=field.as_str()
                            prop:value=move || column().map(|c| c.to_string()).unwrap_or_default()
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                mapping.update(|m| m.assign(field, v.parse::<usize>().ok()));
                            }
                        >
                            <option value="">{move || tr(lang(), "— not in this file —", "— 文件中没有 —")}</option>
                            {options}
                        </select>
                    </td>
                    <td class="samples">{move || column().map(&sample_values).unwrap_or_default()}</td>
                    <td>
                        {move || {
                            let c = choice();
                            let (text, class) = confidence_badge(lang(), c.as_ref().map_or(0.0, |c| c.confidence), c.and_then(|c| c.basis));
                            view! { <span class=class>{text}</span> }
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view()
    };

    let figures = move || {
        let lang = lang();
        figure_status(&mapping.get())
            .into_iter()
            .map(|s| {
                let (class, text) = if s.is_available() {
                    ("figure ok", format!("✓ {}", figure_name(lang, s.figure)))
                } else {
                    let joined = missing_fields(lang, &s);
                    (
                        "figure missing",
                        trs(
                            lang,
                            format!("✗ {} — needs {joined}", figure_name(lang, s.figure)),
                            format!("✗ {} — 需要 {joined}", figure_name(lang, s.figure)),
                        ),
                    )
                };
                view! { <li class=class>{text}</li> }
            })
            .collect_view()
    };
    let usable = move || is_usable(&mapping.get());
    let has_kind = move |k: ValueKind| {
        mapping.with(|m| {
            m.fields
                .iter()
                .any(|c| c.column.is_some() && catalogue(m.kind).iter().any(|s| s.field == c.field && s.kind == k))
        })
    };
    let has_weight = move || mapping.with(|m| m.has(Field::Weight));

    // Hidden sheets are old or helper data, not what users mean to analyse.
    let sheets: Vec<_> = preview.sheets.iter().filter(|s| !s.is_hidden).cloned().collect();
    let current_sheet = preview.sheet.clone().unwrap_or_default();
    let sheet_picker = (sheets.len() > 1).then(|| {
        let options = sheets
            .iter()
            .map(|s| {
                let label = if s.is_empty { format!("{} (empty)", s.name) } else { s.name.clone() };
                view! { <option value=s.name.clone() disabled=s.is_empty>{label}</option> }
            })
            .collect_view();
        view! {
            <label class="inline-field">
                <span>{move || tr(lang(), "Sheet", "工作表")}</span>
                <select data-testid="sheet-picker" prop:value=current_sheet.clone()
                    on:change=move |ev| state.choose_sheet(id, event_target_value(&ev))>
                    {options}
                </select>
            </label>
        }
    });
    let source_info = {
        let p = preview.clone();
        move || {
            let lang = lang();
            let mut parts = vec![format_name(p.format).to_owned()];
            if let Some(e) = p.encoding {
                parts.push(encoding_name(e).to_owned());
            }
            if let Some(d) = p.delimiter {
                let name = match d {
                    ',' => tr(lang, "comma", "逗号"),
                    ';' => tr(lang, "semicolon", "分号"),
                    '\t' => tr(lang, "tab", "制表符"),
                    '|' => tr(lang, "pipe", "竖线"),
                    _ => "?",
                };
                parts.push(trs(lang, format!("{name}-separated"), format!("{name}分隔")));
            }
            parts.push(trs(lang, format!("header on row {}", p.header_row), format!("表头在第 {} 行", p.header_row)));
            parts.join(" · ")
        }
    };
    let file = proposal.file.clone();
    let remembered = state.uses_remembered_mapping(id);
    let confirm = move |_| state.confirm_mapping(id, mapping.get_untracked());

    view! {
        <section class="card mapping" aria-labelledby=format!("mapping-title-{id}")>
            <header class="card-header">
                <div>
                    <h2 id=format!("mapping-title-{id}")>
                        {move || tr(lang(), "Check the columns of ", "核对列映射：")}<span class="file-name">{file.clone()}</span>
                    </h2>
                    <p class="muted">{source_info}</p>
                </div>
                <div class="header-fields">
                    <label class="inline-field">
                        <span>{move || tr(lang(), "This file holds", "文件内容")}</span>
                        <select data-testid="dataset-kind" prop:value=move || kind().as_str() on:change=change_kind>
                            {DatasetKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str()>{move || kind_name(lang(), k)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    {sheet_picker}
                </div>
            </header>
            <p class="hint">{move || tr(lang(),
                "borderlens matched these columns by their headers and values. Change any choice, then read the file. Nothing leaves your browser.",
                "borderlens 根据表头和内容自动匹配了这些列。可修改任何选择，然后读取文件。数据不会离开您的浏览器。")}</p>
            {remembered.then(|| view! {
                <p class="note-remembered" data-testid="mapping-remembered">
                    {move || tr(lang(),
                        "Using the column mapping you chose before for this layout.",
                        "已沿用您之前为此表格格式选择的列映射。")}
                </p>
            })}
            <div class="table-wrap table-wrap-full">
                <table class="mapping-table">
                    <thead><tr>
                        <th scope="col">{move || tr(lang(), "Field", "字段")}</th>
                        <th scope="col">{move || tr(lang(), "Column in your file", "文件中的列")}</th>
                        <th scope="col">{move || tr(lang(), "Sample values", "示例值")}</th>
                        <th scope="col">{move || tr(lang(), "Confidence", "置信度")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="options-row">
                <label class="inline-field">
                    <span>{move || tr(lang(), "Dates", "日期")}</span>
                    <select prop:value=move || mapping.with(|m| match m.options.date_order {
                        Some(DayMonthOrder::DayFirst) => "dmy",
                        Some(DayMonthOrder::MonthFirst) => "mdy",
                        _ => "auto",
                    }) on:change=move |ev| {
                        let v = event_target_value(&ev);
                        mapping.update(|m| m.options.date_order = match v.as_str() {
                            "dmy" => Some(DayMonthOrder::DayFirst),
                            "mdy" => Some(DayMonthOrder::MonthFirst),
                            _ => None,
                        });
                    }>
                        <option value="auto">{move || tr(lang(), "detect day/month order", "自动识别日/月顺序")}</option>
                        <option value="dmy">{move || tr(lang(), "day/month/year", "日/月/年")}</option>
                        <option value="mdy">{move || tr(lang(), "month/day/year", "月/日/年")}</option>
                    </select>
                </label>
                <label class="inline-field">
                    <span>{move || tr(lang(), "Decimals", "小数点")}</span>
                    <select prop:value=move || mapping.with(|m| match m.options.decimal {
                        Some(DecimalSeparator::Dot) => "dot",
                        Some(DecimalSeparator::Comma) => "comma",
                        _ => "auto",
                    }) on:change=move |ev| {
                        let v = event_target_value(&ev);
                        mapping.update(|m| m.options.decimal = match v.as_str() {
                            "dot" => Some(DecimalSeparator::Dot),
                            "comma" => Some(DecimalSeparator::Comma),
                            _ => None,
                        });
                    }>
                        <option value="auto">{move || tr(lang(), "detect", "自动识别")}</option>
                        <option value="dot">"1,234.5"</option>
                        <option value="comma">"1.234,5"</option>
                    </select>
                </label>
                <Show when=has_weight>
                    <label class="inline-field">
                        <span>{move || tr(lang(), "Weight unit", "重量单位")}</span>
                        <select prop:value=move || mapping.with(|m| format!("{:?}", m.options.weight_unit).to_lowercase())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                mapping.update(|m| m.options.weight_unit = match v.as_str() {
                                    "g" => WeightUnit::G,
                                    "lb" => WeightUnit::Lb,
                                    _ => WeightUnit::Kg,
                                });
                            }>
                            <option value="kg">"kg"</option>
                            <option value="g">"g"</option>
                            <option value="lb">"lb"</option>
                        </select>
                    </label>
                </Show>
                <Show when=move || has_kind(ValueKind::Money)>
                    <label class="inline-field">
                        <span>{move || tr(lang(), "Currency of amounts", "金额币种")}</span>
                        <select prop:value=move || mapping.with(|m| m.options.currency.map(|c| c.as_str().to_owned()).unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                mapping.update(|m| m.options.currency = Currency::parse_code(&v));
                            }>
                            <option value="">{move || tr(lang(), "as written (USD if none)", "按单元格（未注明则按 USD）")}</option>
                            {CURRENCIES.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                        </select>
                    </label>
                </Show>
            </div>
            <div class="figures">
                <h3>{move || tr(lang(), "What this file can show", "此文件可生成的分析")}</h3>
                <ul class="figure-list">{figures}</ul>
            </div>
            <div class="card-actions">
                <button class="btn btn-primary" data-testid="mapping-confirm" disabled=move || !usable() on:click=confirm>
                    {move || tr(lang(), "Read the file with this mapping", "按此映射读取文件")}
                </button>
                <button class="btn btn-ghost" on:click=move |_| state.discard(id)>
                    {move || tr(lang(), "Discard", "放弃")}
                </button>
                <Show when=move || !usable()>
                    <span class="warn-text">{move || match kind() {
                        DatasetKind::Shipments => tr(lang(),
                            "Choose the ship date (or transit days) column to continue.",
                            "请先选择发货日期（或运输天数）列。"),
                        DatasetKind::TrackingEvents => tr(lang(),
                            "Choose the tracking number, event time and event text columns to continue.",
                            "请先选择运单号、轨迹时间和轨迹描述列。"),
                        DatasetKind::PlannedShipments => tr(lang(),
                            "Choose the destination and HS code columns to continue.",
                            "请先选择目的国和海关编码列。"),
                        DatasetKind::Orders => tr(lang(),
                            "Choose the order date and quantity columns to continue.",
                            "请先选择下单日期和数量列。"),
                        DatasetKind::Inventory => tr(lang(),
                            "Choose the SKU and on-hand columns to continue.",
                            "请先选择 SKU 和可售库存列。"),
                        DatasetKind::Capacity => tr(lang(),
                            "Choose the warehouse and a capacity column to continue.",
                            "请先选择仓库和库容列。"),
                        DatasetKind::Inbound => tr(lang(),
                            "Choose the SKU, quantity and ETA (or ship date) columns to continue.",
                            "请先选择 SKU、数量和预计到仓（或发货）日期列。"),
                        DatasetKind::Listings => tr(lang(),
                            "Choose the title column to continue.",
                            "请先选择标题列。"),
                        DatasetKind::PriceHistory => tr(lang(),
                            "Choose the listing ID, date and price columns to continue.",
                            "请先选择链接 ID、日期和价格列。"),
                    }}</span>
                </Show>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::column_letter;

    #[test]
    fn letters_columns_like_spreadsheets() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
