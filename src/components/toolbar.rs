//! The header's actions: add files (picker and drag & drop anywhere on the page), try the
//! demo, download templates, switch language, and export results.

use crate::i18n::{tr, Lang};
use crate::state::AppState;
use borderlens_core::report::export::ExportKind;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, FileList, HtmlInputElement};

/// The id of the one file input, so drop zones can be `<label for=…>` it.
pub const FILE_INPUT_ID: &str = "file-input";

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Add files, try the demo, templates.
#[component]
pub fn DataActions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let on_change = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        let files = files_of(input.files());
        // Clear, so choosing the same file again still fires `change`.
        input.set_value("");
        state.open_files(files);
    };
    // Drop files anywhere on the page.
    let _drop = window_event_listener(leptos::ev::drop, move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        let files = files_of(ev.data_transfer().and_then(|d| d.files()));
        if !files.is_empty() {
            state.open_files(files);
        }
    });
    let _over = window_event_listener(leptos::ev::dragover, move |ev: web_sys::DragEvent| ev.prevent_default());
    view! {
        <div class="actions">
            <label class="btn btn-primary file-label" for=FILE_INPUT_ID>
                {move || tr(lang(), "Add files", "添加文件")}
            </label>
            <input
                id=FILE_INPUT_ID
                class="visually-hidden"
                type="file"
                multiple
                accept=".csv,.tsv,.txt,.xlsx,.xls,.xlsm,.ods,text/csv,text/plain"
                data-testid="file-input"
                on:change=on_change
            />
            <button class="btn" data-testid="load-demo" on:click=move |_| state.load_demo()>
                {move || tr(lang(), "Try demo data", "试用演示数据")}
            </button>
            <details class="menu">
                <summary class="btn btn-ghost">{move || tr(lang(), "Templates", "模板")}</summary>
                <div class="menu-items">
                    <span class="menu-note">{move || tr(lang(), "Blank shipments templates", "空白运单模板")}</span>
                    <button class="btn btn-small btn-ghost" on:click=move |_| state.export_in(ExportKind::TemplateCsv, Lang::En)>
                        "CSV · English headers"
                    </button>
                    <button class="btn btn-small btn-ghost" on:click=move |_| state.export_in(ExportKind::TemplateCsv, Lang::Zh)>
                        "CSV · 中文表头"
                    </button>
                    <button class="btn btn-small btn-ghost" on:click=move |_| state.export_in(ExportKind::TemplateXlsx, Lang::En)>
                        "XLSX · English headers"
                    </button>
                    <button class="btn btn-small btn-ghost" on:click=move |_| state.export_in(ExportKind::TemplateXlsx, Lang::Zh)>
                        "XLSX · 中文表头"
                    </button>
                </div>
            </details>
        </div>
    }
}

/// The language switch.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let state = expect_context::<AppState>();
    Effect::new(move |_| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", state.lang.get().code());
        }
    });
    view! {
        <label class="lang">
            <span class="visually-hidden">"Language / 语言"</span>
            <select
                data-testid="lang-switch"
                prop:value=move || state.lang.get().code()
                on:change=move |ev| state.lang.set(Lang::from_code(&event_target_value(&ev)))
            >
                <option value="en">"English"</option>
                <option value="zh-CN">"简体中文"</option>
            </select>
        </label>
    }
}

/// Export buttons, shown once there are results.
#[component]
pub fn ExportBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let has_results = move || state.report.with(|r| r.as_ref().is_some_and(|r| !r.datasets.is_empty()));
    view! {
        <Show when=has_results>
            <div class="export-bar" role="group" aria-label=move || tr(lang(), "Export", "导出")>
                <span class="muted">{move || tr(lang(), "Export:", "导出：")}</span>
                <button class="btn btn-small" data-testid="export-json" disabled=move || state.is_busy() on:click=move |_| state.export(ExportKind::Json)>"JSON"</button>
                <button class="btn btn-small" data-testid="export-csv" disabled=move || state.is_busy() on:click=move |_| state.export(ExportKind::GroupsCsv)>
                    {move || tr(lang(), "Groups CSV", "分组 CSV")}
                </button>
                <button class="btn btn-small" data-testid="export-xlsx" disabled=move || state.is_busy() on:click=move |_| state.export(ExportKind::Xlsx)>"XLSX"</button>
                <button class="btn btn-small" data-testid="export-rejected" disabled=move || state.is_busy() on:click=move |_| state.export(ExportKind::RejectedCsv)>
                    {move || tr(lang(), "Rejected rows CSV", "被拒绝行 CSV")}
                </button>
            </div>
        </Show>
    }
}
