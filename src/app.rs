//! `<App/>`: the frame (header, navigation, status) and the current page.

use crate::components::datasets::{DatasetStrip, FileErrors};
use crate::components::mapping_editor::MappingEditor;
use crate::components::progress::ProgressBar;
use crate::components::toolbar::{DataActions, ExportBar, LangSwitch};
use crate::components::workspace::{WorkspaceControls, WorkspaceStatus};
use crate::i18n::tr;
use crate::pages::customs::CustomsPage;
use crate::pages::data::DataPage;
use crate::pages::homogeneity::HomogeneityPage;
use crate::pages::inventory::InventoryPage;
use crate::pages::logistics::LogisticsPage;
use crate::pages::overview::OverviewPage;
use crate::pages::report::ReportPage;
use crate::state::{AppState, Page};
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    let lang = move || state.lang.get();
    // A new file to map brings the user to the data page.
    Effect::new(move |previous: Option<usize>| {
        let n = state.proposals.with(Vec::len);
        if n > previous.unwrap_or(0) {
            state.page.set(Page::Data);
        }
        n
    });
    let tab = move |page: Page, en: &'static str, zh: &'static str, testid: &'static str| {
        view! {
            <button
                class="tab"
                class:active=move || state.page.get() == page
                aria-current=move || if state.page.get() == page { "page" } else { "false" }
                data-testid=testid
                on:click=move |_| state.page.set(page)
            >
                {move || tr(lang(), en, zh)}
            </button>
        }
    };
    view! {
        <a class="skip-link" href="#main">{move || tr(lang(), "Skip to content", "跳到正文")}</a>
        <header class="app-header">
            <div class="brand">
                <img src="favicon.svg" alt="" width="28" height="28" />
                <span class="brand-name">"borderlens"</span>
                <span class="brand-tag">{move || tr(lang(), "cross-border seller analytics", "跨境卖家数据分析")}</span>
            </div>
            <nav class="tabs" aria-label=move || tr(lang(), "Pages", "页面")>
                {tab(Page::Overview, "Overview", "总览", "nav-overview")}
                {tab(Page::Data, "Data", "数据", "nav-data")}
                {tab(Page::Logistics, "Transit times", "物流时效", "nav-logistics")}
                {tab(Page::Customs, "Customs", "清关", "nav-customs")}
                {tab(Page::Inventory, "Stock & peak", "库存与旺季", "nav-inventory")}
                {tab(Page::Products, "Look-alikes", "同款与价格战", "nav-products")}
                {tab(Page::Report, "Report", "报告", "report-open")}
            </nav>
            <div class="header-actions">
                <DataActions />
                <WorkspaceControls />
                <LangSwitch />
            </div>
        </header>
        <div class="status-bar">
            <DatasetStrip />
            <div class="status-right">
                <WorkspaceStatus />
                <ProgressBar />
                <Show when=move || state.is_results_ready()>
                    <span class="ready" data-testid="results-ready" role="status">
                        {move || tr(lang(), "✓ Results ready", "✓ 结果已就绪")}
                    </span>
                </Show>
                <ExportBar />
            </div>
        </div>
        <FileErrors />
        <main id="main" tabindex="-1">
            <For each=move || state.proposals.get() key=|p| (p.dataset, p.preview.sheet.clone()) let:p>
                <MappingEditor proposal=p />
            </For>
            {move || match state.page.get() {
                Page::Data => view! { <DataPage /> }.into_any(),
                Page::Logistics => view! { <LogisticsPage /> }.into_any(),
                Page::Customs => view! { <CustomsPage /> }.into_any(),
                Page::Inventory => view! { <InventoryPage /> }.into_any(),
                Page::Overview => view! { <OverviewPage /> }.into_any(),
                Page::Report => view! { <ReportPage /> }.into_any(),
                Page::Products => view! { <HomogeneityPage /> }.into_any(),
            }}
        </main>
        <footer class="app-footer">
            {move || tr(lang(),
                "borderlens runs entirely in your browser. No data is uploaded, no cookies, no trackers. Nothing is kept unless you turn on \u{201c}Keep my data in this browser\u{201d}.",
                "borderlens 完全在您的浏览器中运行。不上传数据，没有 Cookie，没有跟踪。除非您开启\u{201c}在此浏览器中保留我的数据\u{201d}，否则不保存任何内容。")}
        </footer>
    }
}
