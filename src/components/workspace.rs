//! The header's workspace controls: keep my data in this browser (off by default), and erase
//! everything (with a confirm step); and the status bar's note about them.

use crate::i18n::{tr, trs};
use crate::state::{AppState, WorkspaceNote};
use leptos::prelude::*;

/// The switch and the erase button.
#[component]
pub fn WorkspaceControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let confirming = RwSignal::new(false);
    let keep_help = move || {
        tr(
            lang(),
            "Off: nothing is kept, closing the tab forgets everything. On: your files, column mappings and settings \
             are kept in this browser only (never uploaded), so you can come back later. Turning it off deletes what \
             was kept.",
            "关闭：不保存任何内容，关闭页面即全部清除。开启：您的文件、列映射和设置仅保存在此浏览器中（从不上传），方便下次继续。\
             关闭此开关会删除已保存的内容。",
        )
    };
    let erase = move |_| {
        confirming.set(false);
        state.erase_all();
    };
    view! {
        <div class="workspace-controls">
            <label class="switch" title=keep_help>
                <input
                    type="checkbox"
                    role="switch"
                    data-testid="workspace-toggle"
                    prop:checked=move || state.workspace_on.get()
                    on:change=move |ev| state.set_workspace(event_target_checked(&ev))
                />
                <span class="switch-track" aria-hidden="true"></span>
                <span class="switch-label">{move || tr(lang(), "Keep my data in this browser", "在此浏览器中保留我的数据")}</span>
            </label>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button
                        class="btn btn-ghost btn-small"
                        data-testid="erase-all"
                        title=move || tr(lang(),
                            "Erase all your data and settings from this browser (the app itself stays available offline)",
                            "从此浏览器中清除您的全部数据和设置（应用本身仍可离线使用）")
                        on:click=move |_| confirming.set(true)
                    >
                        {move || tr(lang(), "Erase everything", "全部清除")}
                    </button>
                }
            >
                <span class="erase-confirm" role="group" aria-label=move || tr(lang(), "Erase everything", "全部清除")>
                    <span>{move || tr(lang(), "Erase all data and settings?", "清除全部数据和设置？")}</span>
                    <button class="btn btn-small btn-danger" data-testid="erase-confirm" on:click=erase>
                        {move || tr(lang(), "Erase", "清除")}
                    </button>
                    <button class="btn btn-small btn-ghost" data-testid="erase-cancel" on:click=move |_| confirming.set(false)>
                        {move || tr(lang(), "Cancel", "取消")}
                    </button>
                </span>
            </Show>
        </div>
    }
}

/// What just happened to the kept workspace, until dismissed.
#[component]
pub fn WorkspaceStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = move || state.lang.get();
    let text = move || {
        let lang = lang();
        state.workspace_note.get().map(|note| match note {
            WorkspaceNote::Restored { files: 0, demo: false } => {
                tr(lang, "Workspace restored: your settings", "已恢复工作区：您的设置").to_owned()
            }
            WorkspaceNote::Restored { files, demo } => {
                let demo_en = if demo { " and the demo" } else { "" };
                let demo_zh = if demo { "和演示数据" } else { "" };
                trs(
                    lang,
                    format!("Workspace restored: {files} file{}{demo_en}", if files == 1 { "" } else { "s" }),
                    format!("已恢复工作区：{files} 个文件{demo_zh}"),
                )
            }
            WorkspaceNote::Keeping => {
                tr(lang, "Your data is now kept in this browser", "您的数据现保存在此浏览器中").to_owned()
            }
            WorkspaceNote::Forgotten => {
                tr(lang, "Data kept in this browser was deleted", "已删除此浏览器中保存的数据").to_owned()
            }
            WorkspaceNote::Erased => tr(lang, "Everything was erased", "已全部清除").to_owned(),
        })
    };
    view! {
        <Show when=move || state.workspace_note.with(Option::is_some)>
            <span class="workspace-note" data-testid="workspace-status" role="status">
                {text}
                <button
                    class="note-dismiss"
                    aria-label=move || tr(lang(), "Dismiss", "关闭")
                    on:click=move |_| state.workspace_note.set(None)
                >
                    "×"
                </button>
            </span>
        </Show>
    }
}
