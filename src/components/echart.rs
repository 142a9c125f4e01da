//! The one component that draws ECharts: creates the chart, updates it when its option
//! changes, saves it as PNG, and disposes of it when it leaves the page.
//!
//! Options are built with charming (see `charts.rs`) and arrive as JSON. Tooltips are
//! switched to ECharts' rich-text mode, because its HTML tooltips carry inline `style`
//! attributes that the strict Content-Security-Policy drops.

use crate::download::save_url;
use crate::i18n::tr;
use crate::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance.
    type EchartsInstance;

    #[wasm_bindgen(js_namespace = echarts, js_name = init, catch)]
    fn echarts_init(
        element: &web_sys::HtmlElement,
        theme: &JsValue,
        options: &JsValue,
    ) -> Result<EchartsInstance, JsValue>;

    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &EchartsInstance, option: &JsValue, not_merge: bool);

    #[wasm_bindgen(method, js_name = getDataURL)]
    fn get_data_url(this: &EchartsInstance, options: &JsValue) -> String;

    #[wasm_bindgen(method)]
    fn resize(this: &EchartsInstance);

    #[wasm_bindgen(method)]
    fn dispose(this: &EchartsInstance);

    #[wasm_bindgen(js_namespace = echarts, js_name = getInstanceByDom)]
    fn echarts_instance_of(element: &web_sys::Element) -> Option<EchartsInstance>;
}

/// The chart drawn in `element` (a chart container) as a PNG data URL, for reports.
pub fn chart_image(element: &web_sys::Element) -> Option<String> {
    let chart = echarts_instance_of(element)?;
    let options = js_sys::Object::new();
    set(&options, "type", &JsValue::from_str("png"));
    set(&options, "pixelRatio", &JsValue::from_f64(2.0));
    set(&options, "backgroundColor", &JsValue::from_str("#ffffff"));
    Some(chart.get_data_url(&options))
}

fn set(object: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &JsValue::from_str(key), value);
}

/// Parses the option JSON and makes its tooltips CSP-safe.
fn to_js_option(json: &str) -> Option<JsValue> {
    let option = js_sys::JSON::parse(json).ok()?;
    let tooltip = js_sys::Reflect::get(&option, &JsValue::from_str("tooltip")).ok()?;
    if tooltip.is_object() {
        set(&tooltip, "renderMode", &JsValue::from_str("richText"));
    }
    set(&option, "animationDuration", &JsValue::from_f64(300.0));
    Some(option)
}

/// A chart with a "Save PNG" button.
#[component]
pub fn EChart(
    /// The chart's ECharts option as JSON (built with charming).
    #[prop(into)]
    option: Signal<String>,
    /// File name (without extension) for the PNG download.
    #[prop(into)]
    name: String,
    /// Height in CSS pixels (picked from a few sizes: short, normal, tall).
    #[prop(into, default = Signal::stored(320))]
    height: Signal<u32>,
    /// What the chart shows, for screen readers (the table beside it has the numbers).
    #[prop(into)]
    label: Signal<String>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let container = NodeRef::<leptos::html::Div>::new();
    let instance = StoredValue::new_local(None::<EchartsInstance>);

    Effect::new(move |_| {
        let json = option.get();
        height.track();
        let Some(element) = container.get() else { return };
        instance.update_value(|slot| {
            if slot.is_none() {
                let options = js_sys::Object::new();
                set(&options, "renderer", &JsValue::from_str("canvas"));
                match echarts_init(&element, &JsValue::NULL, &options) {
                    Ok(chart) => *slot = Some(chart),
                    Err(e) => web_sys::console::error_2(&JsValue::from_str("borderlens: echarts.init failed"), &e),
                }
            }
            if let (Some(chart), Some(js)) = (slot.as_ref(), to_js_option(&json)) {
                chart.set_option(&js, true);
                // The container's height class may have changed with the data.
                chart.resize();
            }
        });
    });

    let resize = window_event_listener(leptos::ev::resize, move |_| {
        instance.with_value(|slot| {
            if let Some(chart) = slot {
                chart.resize();
            }
        });
    });
    on_cleanup(move || {
        resize.remove();
        instance.update_value(|slot| {
            if let Some(chart) = slot.take() {
                chart.dispose();
            }
        });
    });

    let save_png = move |_| {
        instance.with_value(|slot| {
            if let Some(chart) = slot {
                let options = js_sys::Object::new();
                set(&options, "type", &JsValue::from_str("png"));
                set(&options, "pixelRatio", &JsValue::from_f64(2.0));
                set(&options, "backgroundColor", &JsValue::from_str("#ffffff"));
                let url = chart.get_data_url(&options);
                save_url(&format!("{name}.png"), &url);
            }
        });
    };

    let height_class = move || match height.get() {
        h if h >= 420 => "chart chart-tall",
        h if h <= 240 => "chart chart-short",
        _ => "chart",
    };
    view! {
        <figure class="chart-figure">
            <div class=height_class node_ref=container role="img" aria-label=move || label.get()></div>
            <figcaption class="chart-actions">
                <button class="btn btn-small btn-ghost" on:click=save_png data-testid="chart-png">
                    {move || tr(state.lang.get(), "Save PNG", "保存 PNG")}
                </button>
            </figcaption>
        </figure>
    }
}
