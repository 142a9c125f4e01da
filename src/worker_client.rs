//! Typed messages to the analysis worker and back. The worker is a module worker built by
//! trunk (`worker_loader.js`), so the strict CSP's `worker-src 'self'` is enough.

use borderlens_core::job::{Request, Response};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, File, MessageEvent, Worker, WorkerOptions, WorkerType};

/// A running worker and the closure that receives its messages.
pub struct WorkerHandle {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerHandle {
    /// Starts a worker; `on_response` gets each response with its extra payload (an
    /// export's `ArrayBuffer`) if any; `on_crash` is called if the worker dies (a damaged
    /// file can make a reader abort), with the error's text.
    pub fn spawn(
        mut on_response: impl FnMut(Response, JsValue) + 'static,
        mut on_crash: impl FnMut(String) + 'static,
    ) -> Result<WorkerHandle, JsValue> {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options("./worker_loader.js", &options)?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message: js_sys::Array = event.data().unchecked_into();
            let json = message.get(0).as_string().unwrap_or_default();
            match Response::from_json(&json) {
                Ok(response) => on_response(response, message.get(1)),
                Err(e) => {
                    web_sys::console::error_1(&JsValue::from_str(&format!("borderlens: bad worker message: {e}")))
                }
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            on_crash(event.message());
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerHandle { worker, _on_message: on_message, _on_error: on_error })
    }

    /// Sends a request, with a `File` beside it for `OpenFile`.
    pub fn send(&self, request: &Request, file: Option<&File>) {
        let message = js_sys::Array::new();
        message.push(&JsValue::from_str(&request.to_json()));
        if let Some(f) = file {
            message.push(f);
        }
        if let Err(e) = self.worker.post_message(&message) {
            web_sys::console::error_2(&JsValue::from_str("borderlens: could not post to the worker"), &e);
        }
    }

    /// Stops the worker at once (cancel).
    pub fn terminate(&self) {
        self.worker.terminate();
    }
}
