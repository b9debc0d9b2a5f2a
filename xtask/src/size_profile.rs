//! Where the reader's WebAssembly bytes go, for `cargo xtask bench`: its function bodies summed
//! by crate, by module of the reader's own code (each view is a module of `components`), and
//! the largest functions, so that the next cut is obvious.
//!
//! It reads a copy built like the shipped file (wasm-bindgen, then `wasm-opt -Oz`) but with
//! the function names kept (`-g`). twiggy 0.7 would do this, but cannot read this module: it
//! rejects the bulk-memory instructions wasm-bindgen leaves and panics on wasm-opt's output.
//! Sizes are of the uncompressed bodies; gzip shrinks every part by about the same factor.

use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::HashMap;
use wasmparser::{Name, Parser, Payload};

/// How many of the largest functions the profile lists. Range 10–50.
pub const TOP_FUNCTIONS: usize = 20;

/// The reader's own crate, whose modules are listed apart.
const READER_CRATE: &str = "lianluo_reader";

/// The profile of one module.
#[derive(Debug, Serialize, PartialEq)]
pub struct Profile {
    /// Bytes of every function body together.
    pub code_bytes: u64,
    /// Bytes of the data segments (string literals, tables).
    pub data_bytes: u64,
    /// (crate, bytes), largest first.
    pub by_crate: Vec<(String, u64)>,
    /// (module of the reader, bytes), largest first: `components::issue_view`, `state`, ….
    pub by_reader_module: Vec<(String, u64)>,
    /// (function, bytes), the [`TOP_FUNCTIONS`] largest.
    pub top_functions: Vec<(String, u64)>,
}

/// Reads `wasm` (with a name section) and sums its function bodies.
pub fn profile(wasm: &[u8]) -> Result<Profile> {
    let mut imported_functions = 0u32;
    let mut body_sizes = Vec::new();
    let mut names = HashMap::new();
    let mut data_bytes = 0u64;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.context("reading the WebAssembly")? {
            Payload::ImportSection(imports) => {
                for import in imports.into_imports() {
                    if matches!(import?.ty, wasmparser::TypeRef::Func(_)) {
                        imported_functions += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => body_sizes.push(body.range().len() as u64),
            Payload::DataSection(data) => data_bytes += data.range().len() as u64,
            Payload::CustomSection(section) => {
                if let wasmparser::KnownCustom::Name(reader) = section.as_known() {
                    for name in reader {
                        if let Name::Function(map) = name? {
                            for naming in map {
                                let naming = naming?;
                                names.insert(naming.index, naming.name.to_owned());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut by_crate: HashMap<String, u64> = HashMap::new();
    let mut by_module: HashMap<String, u64> = HashMap::new();
    let mut functions = Vec::new();
    for (position, &bytes) in body_sizes.iter().enumerate() {
        let index = imported_functions + position as u32;
        let name = names
            .get(&index)
            .map(|raw| readable(raw))
            .unwrap_or_else(|| format!("function {index}"));
        *by_crate.entry(crate_of(&name)).or_default() += bytes;
        if let Some(module) = reader_module(&name) {
            *by_module.entry(module).or_default() += bytes;
        }
        functions.push((name, bytes));
    }
    functions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    functions.truncate(TOP_FUNCTIONS);
    Ok(Profile {
        code_bytes: body_sizes.iter().sum(),
        data_bytes,
        by_crate: largest_first(by_crate),
        by_reader_module: largest_first(by_module),
        top_functions: functions,
    })
}

fn largest_first(sums: HashMap<String, u64>) -> Vec<(String, u64)> {
    let mut sums: Vec<_> = sums.into_iter().collect();
    sums.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sums
}

/// A demangled name without its hash suffix (`::h60b16a4fbed4089f`) and the crates'
/// disambiguators (`core[c5930c85a12de822]::fmt` → `core::fmt`). The name section holds
/// names demangled already or mangled, depending on the tool that wrote it.
fn readable(raw: &str) -> String {
    let demangled = format!("{:#}", rustc_demangle::demangle(raw));
    let demangled = match demangled.rsplit_once("::h") {
        Some((name, hash)) if hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit()) => {
            name.to_owned()
        }
        _ => demangled,
    };
    let mut plain = String::with_capacity(demangled.len());
    let mut rest = demangled.as_str();
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find(']').map(|at| open + at);
        match close {
            Some(close) if rest[open + 1..close].chars().all(|c| c.is_ascii_hexdigit()) => {
                plain.push_str(&rest[..open]);
                rest = &rest[close + 1..];
            }
            _ => {
                plain.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    plain.push_str(rest);
    plain
}

/// The crate a function belongs to: the first path's crate, or for a trait implementation
/// (`<T as Trait>::f`) the implementing type's, or the trait's when the type is a primitive.
fn crate_of(name: &str) -> String {
    let first_path = |text: &str| -> Option<String> {
        let text = text.trim_start_matches(['<', '&', '*']);
        let text = text.strip_prefix("mut ").unwrap_or(text);
        let text = text.strip_prefix("dyn ").unwrap_or(text);
        let head: String = text
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let is_path = text[head.len()..].starts_with("::");
        (!head.is_empty() && is_path).then_some(head)
    };
    if let Some(found) = first_path(name) {
        return found;
    }
    // `<f64 as core::fmt::Display>::fmt`: the trait's crate.
    if let Some((_, trait_part)) = name.split_once(" as ") {
        if let Some(found) = first_path(trait_part) {
            return found;
        }
    }
    "(other)".to_owned()
}

/// `components::issue_view` for a function of the reader's `components::issue_view` module
/// (or anything monomorphised for one of its types), `state` for `lianluo_reader::state::…`.
fn reader_module(name: &str) -> Option<String> {
    let at = name.find(&format!("{READER_CRATE}::"))?;
    let mut segments = name[at + READER_CRATE.len() + 2..]
        .split("::")
        .map(|segment| {
            segment
                .split(['<', '>', ' ', '(', '{'])
                .next()
                .unwrap_or("")
        });
    let first = segments.next()?.to_owned();
    let is_module = |segment: &str| segment.chars().next().is_some_and(char::is_lowercase);
    match segments.next() {
        Some(second) if first == "components" && is_module(second) => {
            Some(format!("{first}::{second}"))
        }
        _ if is_module(&first) => Some(first),
        _ => Some("(crate root)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disambiguators_are_dropped_from_names() {
        assert_eq!(
            readable("core[c5930c85a12de822]::fmt::write"),
            "core::fmt::write"
        );
        assert_eq!(readable("a[x]::c"), "a[x]::c", "not a hash: kept");
        assert_eq!(
            readable("lianluo_reader::state::State::refresh::hb5b368d4b5d0082a"),
            "lianluo_reader::state::State::refresh"
        );
        assert_eq!(readable("yew::html::h"), "yew::html::h");
    }

    #[test]
    fn trait_implementations_belong_to_the_implementing_type_or_the_trait() {
        let yew = "<yew::html::component::lifecycle::CompStateInner<COMP> as yew::Stateful>::view";
        assert_eq!(crate_of(yew), "yew");
        assert_eq!(crate_of("<f64 as core::fmt::Display>::fmt"), "core");
        assert_eq!(
            crate_of("lianluo_core::search::plan::plan_term"),
            "lianluo_core"
        );
        assert_eq!(crate_of("&mut dyn serde::Foo"), "serde");
        assert_eq!(crate_of("mountReader"), "(other)");
    }

    #[test]
    fn the_readers_functions_are_grouped_by_module_and_view() {
        let view = "<lianluo_reader::components::issue_list::IssueList as yew::Fp>::run";
        assert_eq!(
            reader_module(view).as_deref(),
            Some("components::issue_list")
        );
        assert_eq!(
            reader_module("lianluo_reader::state::State::refresh").as_deref(),
            Some("state")
        );
        assert_eq!(reader_module("yew::scheduler::start"), None);
    }

    #[test]
    fn a_module_is_profiled_by_its_named_function_bodies() {
        // Two functions with names and bodies of 3 and 5 bytes, and one imported function
        // shifting their indexes.
        let wasm = handmade_module();
        let profile = profile(&wasm).unwrap();
        assert_eq!(profile.code_bytes, 8);
        assert_eq!(
            profile.top_functions,
            vec![
                ("lianluo_reader::state::big".to_owned(), 5),
                ("yew::small".to_owned(), 3),
            ]
        );
        assert_eq!(
            profile.by_crate,
            vec![("lianluo_reader".to_owned(), 5), ("yew".to_owned(), 3)]
        );
        assert_eq!(profile.by_reader_module, vec![("state".to_owned(), 5)]);
    }

    /// A module built by hand: type `() -> ()`, one imported function, two defined ones
    /// (bodies `[no locals, nop, end]` and `[no locals, nop, nop, nop, end]`) and their names.
    fn handmade_module() -> Vec<u8> {
        fn section(id: u8, body: &[u8]) -> Vec<u8> {
            let mut out = vec![id, body.len() as u8];
            out.extend_from_slice(body);
            out
        }
        fn name(text: &str) -> Vec<u8> {
            let mut out = vec![text.len() as u8];
            out.extend_from_slice(text.as_bytes());
            out
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend(section(1, &[1, 0x60, 0, 0]));
        let mut import = vec![1];
        import.extend(name("m"));
        import.extend(name("f"));
        import.extend([0, 0]);
        wasm.extend(section(2, &import));
        wasm.extend(section(3, &[2, 0, 0]));
        let small = [3, 0, 0x01, 0x0b];
        let big = [5, 0, 0x01, 0x01, 0x01, 0x0b];
        let mut code = vec![2];
        code.extend(small);
        code.extend(big);
        wasm.extend(section(10, &code));
        let mut map = vec![2, 1];
        map.extend(name("yew::small"));
        map.push(2);
        map.extend(name("lianluo_reader::state::big"));
        let mut names = name("name");
        names.extend(section(1, &map));
        wasm.extend(section(0, &names));
        wasm
    }
}
