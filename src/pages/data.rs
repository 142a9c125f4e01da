//! The data page: what borderlens is, where files go in, and the data-quality report of
//! everything loaded.

use crate::components::datasets::DatasetDetail;
use crate::components::toolbar::FILE_INPUT_ID;
use crate::i18n::tr;
use crate::state::AppState;
use leptos::prelude::*;

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let datasets = move || state.report.with(|r| r.as_ref().map(|r| r.datasets.clone()).unwrap_or_default());
    // Once data is loaded the introduction steps back and the quality reports lead.
    let has_data = move || {
        state.report.with(|r| r.as_ref().is_some_and(|r| !r.datasets.is_empty()))
            || state.proposals.with(|p| !p.is_empty())
    };
    view! {
        <section class="hero" class:compact=has_data>
            <h1>{move || tr(lang(), "See where your cross-border business bleeds", "看清跨境生意的每一处损耗")}</h1>
            <p class="lead">{move || tr(lang(),
                "Drop the spreadsheets you already have — platform and forwarder exports in any encoding, CSV or Excel — and borderlens shows how long each route really takes, how much it swings, which carrier keeps its promise and which parcels are stuck.",
                "拖入您已有的表格——平台和货代导出的 CSV 或 Excel，任何编码均可——borderlens 会告诉您每条线路的真实时效、波动有多大、哪家物流商守约、哪些包裹疑似滞留。")}</p>
            <label class="drop-zone" for=FILE_INPUT_ID>
                <span class="drop-title">{move || tr(lang(), "Drop files here, or click to choose", "把文件拖到这里，或点击选择")}</span>
                <span class="muted">"CSV · TSV · TXT · XLSX · XLS · ODS"</span>
            </label>
            <p class="privacy">
                <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                    <path fill="currentColor" d="M12 2a5 5 0 0 0-5 5v3H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2h-1V7a5 5 0 0 0-5-5zm-3 8V7a3 3 0 0 1 6 0v3z"/>
                </svg>" "
                {move || tr(lang(),
                    "Your files never leave this browser: everything is computed on your computer, nothing is uploaded, and nothing is stored unless you turn on keeping your data in this browser.",
                    "您的文件不会离开此浏览器：全部计算都在您的电脑上完成，不上传任何数据；除非您开启在此浏览器中保留数据，否则不保存任何内容。")}
            </p>
        </section>
        <For each=datasets key=|d| (d.id, d.rows_read, d.rows_rejected, d.unknown_countries.len()) let:d>
            <DatasetDetail d=d />
        </For>
    }
}
