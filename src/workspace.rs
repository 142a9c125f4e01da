//! The workspace the user may ask borderlens to keep in this browser (IndexedDB, through
//! `src/js/store.js`): files, their confirmed mappings, settings, language, the demo, and the
//! column mappings the user corrected per file layout. Off by default; while off nothing at
//! all is stored. Also "erase everything".

use borderlens_core::mapping::Mapping;
use borderlens_core::model::Date;
use borderlens_core::session::{DatasetId, MappingProposal, Settings};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

#[wasm_bindgen(module = "/src/js/store.js")]
extern "C" {
    #[wasm_bindgen(js_name = load)]
    fn js_load() -> js_sys::Promise;
    #[wasm_bindgen(js_name = save)]
    fn js_save(state: &str, files: &js_sys::Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = getLayout)]
    fn js_get_layout(key: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = putLayout)]
    fn js_put_layout(key: &str, mapping: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = forget)]
    fn js_forget() -> js_sys::Promise;
    #[wasm_bindgen(js_name = eraseAll)]
    fn js_erase_all() -> js_sys::Promise;
}

/// One kept file: its dataset id, name, chosen sheet and confirmed mapping (none while the
/// user has not confirmed one: it is proposed again).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct KeptFile {
    pub id: DatasetId,
    pub name: String,
    #[serde(default)]
    pub sheet: Option<String>,
    #[serde(default)]
    pub mapping: Option<Mapping>,
}

/// Everything kept but the files' bytes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub lang: String,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub files: Vec<KeptFile>,
    /// The demo's date, if the demo was loaded.
    #[serde(default)]
    pub demo: Option<Date>,
}

/// A kept workspace read back: the snapshot and the files, by dataset id.
pub struct Restored {
    pub snapshot: Snapshot,
    pub files: Vec<(DatasetId, File)>,
}

fn log(what: &str, e: &JsValue) {
    web_sys::console::warn_2(&JsValue::from_str(&format!("borderlens: workspace: {what}")), e);
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads the kept workspace; `None` when the workspace is off (or unreadable).
pub async fn load() -> Option<Restored> {
    let value = match JsFuture::from(js_load()).await {
        Ok(v) => v,
        Err(e) => {
            log("could not read", &e);
            return None;
        }
    };
    if value.is_null() || value.is_undefined() {
        return None;
    }
    let json = get(&value, "state").as_string()?;
    let snapshot: Snapshot = match serde_json::from_str(&json) {
        Ok(s) => s,
        Err(e) => {
            log("unreadable state", &JsValue::from_str(&e.to_string()));
            return None;
        }
    };
    let list: js_sys::Array = get(&value, "files").dyn_into().ok()?;
    let files = list
        .iter()
        .filter_map(|entry| {
            let id = get(&entry, "id").as_f64()? as DatasetId;
            let file = get(&entry, "file").dyn_into::<File>().ok()?;
            Some((id, file))
        })
        .collect();
    Some(Restored { snapshot, files })
}

/// Keeps the snapshot and exactly these files (those kept before are not written again).
pub fn save(snapshot: &Snapshot, files: &[(DatasetId, String, File)]) {
    let Ok(json) = serde_json::to_string(snapshot) else { return };
    let list = js_sys::Array::new();
    for (id, name, file) in files {
        let entry = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&entry, &JsValue::from_str("id"), &JsValue::from(*id));
        let _ = js_sys::Reflect::set(&entry, &JsValue::from_str("name"), &JsValue::from_str(name));
        let _ = js_sys::Reflect::set(&entry, &JsValue::from_str("file"), file);
        list.push(&entry);
    }
    let promise = js_save(&json, &list);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            log("could not save", &e);
        }
    });
}

/// Deletes everything kept (the workspace was turned off).
pub fn forget() {
    let promise = js_forget();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            log("could not delete", &e);
        }
    });
}

/// Erases all user data and settings of this site in the browser, but not the app's own
/// cached files (so it still works offline).
pub async fn erase_all() {
    if let Err(e) = JsFuture::from(js_erase_all()).await {
        log("could not erase", &e);
    }
}

/// The signature of a file layout: what the file holds (as first detected) and its headers.
pub fn layout_key(proposal: &MappingProposal) -> String {
    let mut key = proposal.mapping.kind.as_str().to_owned();
    for header in proposal.preview.headers() {
        key.push('\u{1f}');
        key.push_str(&header);
    }
    key
}

/// The mapping the user chose before for a layout, if any (and if it fits the file).
pub async fn remembered(key: &str, columns: usize) -> Option<Mapping> {
    let value = JsFuture::from(js_get_layout(key)).await.map_err(|e| log("could not read a layout", &e)).ok()?;
    let mapping: Mapping = serde_json::from_str(&value.as_string()?).ok()?;
    mapping.fields.iter().all(|c| c.column.is_none_or(|c| c < columns)).then_some(mapping)
}

/// Remembers the mapping the user chose for a layout.
pub fn remember(key: &str, mapping: &Mapping) {
    let Ok(json) = serde_json::to_string(mapping) else { return };
    let promise = js_put_layout(key, &json);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = JsFuture::from(promise).await {
            log("could not remember a layout", &e);
        }
    });
}

/// Whether the user changed a mapping: another kind, another column for a field, or other
/// reading options (confidence scores and match reasons aside).
pub fn differs(shown: &Mapping, chosen: &Mapping) -> bool {
    let columns = |m: &Mapping| m.fields.iter().map(|c| (c.field, c.column)).collect::<Vec<_>>();
    shown.kind != chosen.kind || columns(shown) != columns(chosen) || shown.options != chosen.options
}
