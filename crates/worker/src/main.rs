//! The borderlens web worker: receives jobs from the page, runs the core, posts progress
//! and results back. All parsing and analysis happen here, so the page never freezes.
//!
//! Messages are JS arrays `[json, extra]`: `json` is a [`Request`]/[`Response`] as JSON,
//! `extra` a `File` (with `OpenFile`) or an `ArrayBuffer` (with `Exported`, transferred).

mod file_source;

use borderlens_core::error::{FileError, FileProblem};
use borderlens_core::job::{Request, Response};
use borderlens_core::report::export::export;
use borderlens_core::session::{DatasetId, Workspace};
use file_source::FileSource;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, MessageEvent};

/// The worker's state: the user's workspace and the files it reads from.
#[derive(Default)]
struct State {
    workspace: Workspace,
    files: HashMap<DatasetId, File>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts a response, with an optional transferable buffer beside it.
fn post(response: &Response, buffer: Option<js_sys::ArrayBuffer>) {
    let message = js_sys::Array::new();
    message.push(&JsValue::from_str(&response.to_json()));
    let result = match buffer {
        Some(buf) => {
            message.push(&buf);
            let transfer = js_sys::Array::of1(&buf);
            scope().post_message_with_transfer(&message, &transfer)
        }
        None => scope().post_message(&message),
    };
    if let Err(e) = result {
        web_sys::console::error_2(&JsValue::from_str("borderlens worker: could not post"), &e);
    }
}

fn results(state: &State) {
    post(&Response::Results { report: Box::new(state.workspace.analyse()) }, None);
}

fn failed(dataset: Option<DatasetId>, error: FileError) {
    post(&Response::Failed { dataset, error }, None);
}

fn handle(request: Request, extra: JsValue) {
    STATE.with(|cell| {
        let mut state = cell.borrow_mut();
        let state = &mut *state;
        match request {
            Request::OpenFile { dataset, name } => {
                let Ok(file) = extra.dyn_into::<File>() else {
                    failed(
                        Some(dataset),
                        FileError {
                            file: name,
                            sheet: None,
                            problem: FileProblem::ReadFailed { detail: "no file".into() },
                        },
                    );
                    return;
                };
                let mut source = FileSource::new(file.clone());
                match state.workspace.open(dataset, &name, &mut source) {
                    Ok(proposal) => {
                        state.files.insert(dataset, file);
                        post(&Response::Proposal { proposal }, None);
                    }
                    Err(e) => failed(Some(dataset), e),
                }
            }
            Request::ChooseSheet { dataset, sheet } => match state.workspace.choose_sheet(dataset, &sheet) {
                Ok(proposal) => post(&Response::Proposal { proposal }, None),
                Err(e) => failed(Some(dataset), e),
            },
            Request::Load { dataset, mapping, today } => {
                let Some(file) = state.files.get(&dataset).cloned() else {
                    failed(
                        Some(dataset),
                        FileError { file: String::new(), sheet: None, problem: FileProblem::UnknownDataset },
                    );
                    return;
                };
                let mut source = FileSource::new(file);
                let mut progress = |p| post(&Response::Progress { dataset: Some(dataset), progress: p }, None);
                match state.workspace.load(dataset, mapping, &mut source, today, &mut progress) {
                    Ok(summary) => {
                        post(&Response::Loaded { summary }, None);
                        results(state);
                    }
                    Err(e) => failed(Some(dataset), e),
                }
            }
            Request::Remap { dataset } => {
                let Some(file) = state.files.get(&dataset).cloned() else {
                    failed(
                        Some(dataset),
                        FileError { file: String::new(), sheet: None, problem: FileProblem::UnknownDataset },
                    );
                    return;
                };
                match state.workspace.remap(dataset, &mut FileSource::new(file)) {
                    Ok(proposal) => post(&Response::Proposal { proposal }, None),
                    Err(e) => failed(Some(dataset), e),
                }
            }
            Request::LoadDemo { first_dataset, today } => match state.workspace.load_demo(first_dataset, today) {
                Ok(_) => results(state),
                Err(e) => failed(None, e),
            },
            Request::Remove { dataset } => {
                state.workspace.remove(dataset);
                state.files.remove(&dataset);
                results(state);
            }
            Request::Analyse { settings } => {
                state.workspace.settings = *settings;
                results(state);
            }
            Request::Assess { planned } => {
                post(&Response::Assessed { estimates: state.workspace.assess(&planned) }, None);
            }
            Request::Export { kind, lang } => {
                let report = state.workspace.analyse();
                let file = export(&state.workspace, &report, kind, lang);
                let bytes = js_sys::Uint8Array::from(file.bytes.as_slice());
                post(&Response::Exported { name: file.name, mime: file.mime.to_owned() }, Some(bytes.buffer()));
            }
        }
    });
}

fn on_message(event: MessageEvent) {
    let data = event.data();
    let message: js_sys::Array = data.unchecked_into();
    let json = message.get(0).as_string().unwrap_or_default();
    match Request::from_json(&json) {
        Ok(request) => handle(request, message.get(1)),
        Err(e) => {
            web_sys::console::error_1(&JsValue::from_str(&format!("borderlens worker: bad request: {e}")));
            post(&Response::Idle, None);
        }
    }
}

fn main() {
    console_error_panic_hook::set_once();
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(on_message);
    scope().set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&Response::Ready, None);
    warm_up();
}

/// Runs the whole pipeline twice on the built-in demo data, in a workspace of its own that
/// is then dropped. V8 starts WebAssembly in a baseline tier and switches a function to its
/// optimised code only on that function's next call, so without this the user's first file
/// ran its one-call passes over every row (building the shipments, the analysis)
/// unoptimised. Requests that arrive meanwhile wait (a few hundred milliseconds, off the
/// page's thread).
fn warm_up() {
    let Some(anchor) = borderlens_core::model::Date::from_ymd(2025, 1, 1) else { return };
    for _ in 0..2 {
        let mut workspace = Workspace::default();
        if workspace.load_demo(0, anchor).is_ok() {
            let _ = workspace.analyse();
        }
    }
}
