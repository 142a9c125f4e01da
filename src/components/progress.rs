//! The progress bar shown while the worker reads or analyses, with a cancel button.

use crate::i18n::{count, tr, trs};
use crate::state::AppState;
use leptos::prelude::*;

/// Present only while work runs.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let fraction = move || {
        state.activity.with(|a| {
            a.progress
                .filter(|p| p.bytes_total > 0)
                .map(|p| (p.bytes_done as f64 / p.bytes_total as f64).clamp(0.0, 1.0))
        })
    };
    let text = move || {
        let lang = state.lang.get();
        state.activity.with(|a| {
            let what = a.file.clone().unwrap_or_default();
            match a.progress {
                Some(p) => trs(
                    lang,
                    format!("Reading {what}: {} rows", count(p.rows)),
                    format!("正在读取 {what}：{} 行", count(p.rows)),
                ),
                None if !what.is_empty() => trs(lang, format!("Working on {what}…"), format!("正在处理 {what}…")),
                None => tr(lang, "Analysing…", "正在分析…").to_owned(),
            }
        })
    };
    view! {
        <Show when=move || state.is_busy()>
            <div class="progress" data-testid="progress" role="status" aria-live="polite">
                <div class="progress-text">{text}</div>
                <progress
                    max="1"
                    prop:value=move || fraction().unwrap_or(0.0)
                    class:indeterminate=move || fraction().is_none()
                    aria-label=move || tr(state.lang.get(), "Progress", "进度")
                ></progress>
                <button class="btn btn-small" data-testid="cancel" on:click=move |_| state.cancel()>
                    {move || tr(state.lang.get(), "Cancel", "取消")}
                </button>
            </div>
        </Show>
    }
}
