//! A sortable table: every chart has one beside it, and the group table is the heart of
//! the logistics page.

use crate::i18n::tr;
use crate::state::AppState;
use leptos::prelude::*;

/// A table cell: text, or a number with its display text (sorted by value).
#[derive(Clone, Debug, PartialEq)]
pub enum CellView {
    Text(String),
    Num(Option<f64>, String),
}

impl CellView {
    pub fn text(s: impl Into<String>) -> CellView {
        CellView::Text(s.into())
    }

    pub fn num(v: Option<f64>, shown: impl Into<String>) -> CellView {
        CellView::Num(v, shown.into())
    }

    pub fn int(v: u64) -> CellView {
        CellView::Num(Some(v as f64), crate::i18n::count(v))
    }

    fn shown(&self) -> &str {
        match self {
            CellView::Text(s) | CellView::Num(_, s) => s,
        }
    }

    fn cmp(&self, other: &CellView) -> std::cmp::Ordering {
        match (self, other) {
            (CellView::Num(a, _), CellView::Num(b, _)) => {
                a.unwrap_or(f64::NEG_INFINITY).total_cmp(&b.unwrap_or(f64::NEG_INFINITY))
            }
            _ => self.shown().cmp(other.shown()),
        }
    }
}

/// Column headings in the UI's language, from (English, Chinese) pairs.
pub fn headings(pairs: &'static [(&'static str, &'static str)]) -> Signal<Vec<String>> {
    let state = expect_context::<AppState>();
    Signal::derive(move || {
        let lang = state.lang.get();
        pairs.iter().map(|(en, zh)| tr(lang, en, zh).to_owned()).collect()
    })
}

/// How many rows a table shows before "show all".
const FIRST_ROWS: usize = 100;

/// A table whose columns sort on click.
#[component]
pub fn DataTable(
    /// Column headings.
    #[prop(into)]
    columns: Signal<Vec<String>>,
    /// Rows of cells, one per column.
    #[prop(into)]
    rows: Signal<Vec<Vec<CellView>>>,
    /// A caption read by screen readers and shown above the table.
    #[prop(into, optional)]
    caption: Signal<String>,
    /// `data-testid` of the table element.
    #[prop(optional)]
    testid: &'static str,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let sort = RwSignal::new(None::<(usize, bool)>);
    let show_all = RwSignal::new(false);
    let sorted = Memo::new(move |_| {
        let mut r = rows.get();
        if let Some((col, ascending)) = sort.get() {
            r.sort_by(|a, b| {
                let o = match (a.get(col), b.get(col)) {
                    (Some(x), Some(y)) => x.cmp(y),
                    _ => std::cmp::Ordering::Equal,
                };
                if ascending {
                    o
                } else {
                    o.reverse()
                }
            });
        }
        r
    });
    let header = move || {
        columns
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let arrow = move || match sort.get() {
                    Some((c, true)) if c == i => " ▲",
                    Some((c, false)) if c == i => " ▼",
                    _ => "",
                };
                let aria = move || match sort.get() {
                    Some((c, true)) if c == i => "ascending",
                    Some((c, false)) if c == i => "descending",
                    _ => "none",
                };
                view! {
                    <th scope="col" aria-sort=aria>
                        <button class="th-sort" on:click=move |_| sort.update(|s| {
                            *s = match *s {
                                Some((c, asc)) if c == i => Some((i, !asc)),
                                _ => Some((i, false)),
                            }
                        })>
                            {name}{arrow}
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let body = move || {
        let limit = if show_all.get() { usize::MAX } else { FIRST_ROWS };
        sorted
            .get()
            .into_iter()
            .take(limit)
            .map(|row| {
                row.into_iter()
                    .map(|cell| {
                        let class = if matches!(cell, CellView::Num(..)) { "num" } else { "" };
                        view! { <td class=class>{cell.shown().to_owned()}</td> }
                    })
                    .collect_view()
            })
            .map(|cells| view! { <tr>{cells}</tr> })
            .collect_view()
    };
    let hidden_rows = move || sorted.with(|r| r.len().saturating_sub(FIRST_ROWS));
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid=testid>
                <Show when=move || !caption.get().is_empty()>
                    <caption>{move || caption.get()}</caption>
                </Show>
                <thead><tr>{header}</tr></thead>
                <tbody>{body}</tbody>
            </table>
            <Show when=move || { !show_all.get() && hidden_rows() > 0 }>
                <button class="btn btn-small btn-ghost" on:click=move |_| show_all.set(true)>
                    {move || format!("{} ({})", tr(state.lang.get(), "Show all rows", "显示全部行"), hidden_rows())}
                </button>
            </Show>
        </div>
    }
}
