//! Which field of a data file a conversion error is about (`articles[1].title`), found by
//! converting again with parts of the value left out. It runs only when a file is already
//! known to be wrong, and costs far less WebAssembly than tracking the path through every
//! conversion.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// One step into a JSON value.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(u32),
}

/// The path, within `value`, of the part `convert` fails on; `None` when it cannot be told
/// (or `convert` succeeds). `convert` returns its error message, or `None` on success.
///
/// Conversion stops at the first wrong part, so the same error comes back as long as that
/// part is kept: in an array, the shortest prefix that still fails the same way ends with
/// it; in an object, it is the member whose removal changes the error. (Leaving out a sound
/// member that is required makes a "missing field" error, but only once the object is read
/// to its end, after the wrong part has already failed.)
pub fn locate(value: &JsValue, convert: &dyn Fn(&JsValue) -> Option<String>) -> Option<String> {
    let original = convert(value)?;
    let fails_the_same = |candidate: &JsValue| convert(candidate).as_deref() == Some(&original);
    let missing = original
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let mut path: Vec<Step> = Vec::new();
    loop {
        let node = at(value, &path);
        let next = if Array::is_array(&node) {
            let length = Array::from(&node).length();
            let kept = |n: u32| fails_the_same(&changed(value, &path, &|a| prefix(a, n)));
            // The shortest failing prefix, by bisection: prefixes too short to hold the wrong
            // element convert (or fail otherwise); longer ones fail the same way.
            let (mut low, mut high) = (0, length);
            while low < high {
                let middle = low + (high - low) / 2;
                if kept(middle) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            (low > 0 && kept(low)).then(|| Step::Index(low - 1))
        } else if node.is_object() {
            if missing.is_some_and(|field| !Reflect::has(&node, &field.into()).unwrap_or(true)) {
                break; // This object lacks the field.
            }
            Object::keys(&Object::from(node.clone()))
                .iter()
                .filter_map(|key| key.as_string())
                .find(|key| !fails_the_same(&changed(value, &path, &|o| without(o, key))))
                .map(Step::Key)
        } else {
            None
        };
        match next {
            Some(step) => path.push(step),
            None => break,
        }
    }
    (!path.is_empty()).then(|| written(&path))
}

fn key(step: &Step) -> JsValue {
    match step {
        Step::Key(key) => JsValue::from_str(key),
        Step::Index(index) => JsValue::from(*index),
    }
}

fn at(value: &JsValue, path: &[Step]) -> JsValue {
    path.iter().fold(value.clone(), |node, step| {
        Reflect::get(&node, &key(step)).unwrap_or(JsValue::UNDEFINED)
    })
}

/// A copy of `value` with the part at `path` replaced by `change` of it; only the objects and
/// arrays along the path are copied.
fn changed(value: &JsValue, path: &[Step], change: &dyn Fn(&JsValue) -> JsValue) -> JsValue {
    let Some((step, rest)) = path.split_first() else {
        return change(value);
    };
    let child = Reflect::get(value, &key(step)).unwrap_or(JsValue::UNDEFINED);
    let copy: JsValue = if Array::is_array(value) {
        Array::from(value).slice(0, u32::MAX).into()
    } else {
        Object::assign(&Object::new(), &Object::from(value.clone())).into()
    };
    Reflect::set(&copy, &key(step), &changed(&child, rest, change)).ok();
    copy
}

fn prefix(array: &JsValue, length: u32) -> JsValue {
    Array::from(array).slice(0, length).into()
}

fn without(object: &JsValue, member: &str) -> JsValue {
    let copy = Object::assign(&Object::new(), &Object::from(object.clone()));
    Reflect::delete_property(&copy, &member.into()).ok();
    copy.into()
}

/// `articles[1].title`.
fn written(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Key(key) if text.is_empty() => text.push_str(key),
            Step::Key(key) => {
                text.push('.');
                text.push_str(key);
            }
            Step::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}
