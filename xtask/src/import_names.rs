//! Short names for what crosses between a program's WebAssembly and its glue, in both at once.
//!
//! wasm-bindgen names every import after what it calls plus a hash
//! (`__wbg_addEventListener_f2d27251d333a631`), every import comes from a module named after
//! the glue (`./lianluo_reader_bg.js`), and its closure shims are exported under names of a
//! hundred characters. Both files carry each name: the module in its import and export
//! sections, the glue as a key of its import object or a property of the module's exports. No
//! minifier can shorten them, since they cross the boundary between the two; the hashes hardly
//! compress. Renamed `a`, `b`, …, they cost the reader's glue about 2 KB gzip less and its
//! module about 1.3 KB.

use anyhow::{bail, Context, Result};
use std::convert::Infallible;
use wasm_encoder::reencode::{self, Reencode};

/// How the glue names the module's exports: as properties of this object.
const EXPORTS_OBJECT: &str = "wasm.";

/// wasm-bindgen's runtime exports (`__wbindgen_malloc`, `__externref_table_alloc`, …) keep
/// their names, which tools and the crash test reach them by; the glue repeats them, so they
/// compress well anyway.
const RUNTIME_PREFIX: &str = "__";

/// Renames every import of `wasm`, the modules they come from, and every export the glue only
/// reaches as `wasm.<name>` (not the program's public functions, which the glue exports under
/// their own names, nor wasm-bindgen's runtime), with the matching names in `glue`; returns both anew. Fails, changing
/// nothing, when an import's name is not in the glue exactly once as a whole word, or a
/// module's name not once as a string.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let (imports, modules, exports) = boundary_names(wasm)?;
    let mut shortened = glue.to_owned();
    let imports = short_names(imports);
    for (old, new) in &imports {
        let places = word_places(&shortened, old);
        let [place] = places[..] else {
            bail!(
                "the import {old} is named {} times in the glue, not once",
                places.len()
            );
        };
        shortened.replace_range(place..place + old.len(), new);
    }
    let modules = short_names(modules);
    for (old, new) in &modules {
        let (quoted, short) = (format!("\"{old}\""), format!("\"{new}\""));
        let count = shortened.matches(&quoted).count();
        if count != 1 {
            bail!("the import module {old} is named {count} times in the glue, not once");
        }
        shortened = shortened.replace(&quoted, &short);
    }
    let (renamed, kept): (Vec<String>, Vec<String>) = exports.into_iter().partition(|name| {
        let places = word_places(&shortened, name);
        !name.starts_with(RUNTIME_PREFIX)
            && name != "memory"
            && !places.is_empty()
            && places
                .iter()
                .all(|&place| shortened[..place].ends_with(EXPORTS_OBJECT))
    });
    let exports: Vec<(String, String)> = short_names(renamed)
        .into_iter()
        .map(|(old, new)| {
            let new = if kept.contains(&new) {
                old.clone()
            } else {
                new
            };
            (old, new)
        })
        .collect();
    for (old, new) in &exports {
        for place in word_places(&shortened, old).into_iter().rev() {
            shortened.replace_range(place..place + old.len(), new);
        }
    }
    let mut module = wasm_encoder::Module::new();
    Renamer {
        imports: &imports,
        modules: &modules,
        exports: &exports,
    }
    .parse_core_module(&mut module, wasmparser::Parser::new(0), wasm)
    .map_err(|error| anyhow::anyhow!("{error:?}"))
    .context("rewriting the WebAssembly's imports and exports")?;
    Ok((module.finish(), shortened))
}

/// Each of `names` with its short name, by position.
fn short_names(names: Vec<String>) -> Vec<(String, String)> {
    names
        .into_iter()
        .enumerate()
        .map(|(index, old)| (old, short_name(index)))
        .collect()
}

/// The names of `wasm`'s imports in order, the distinct modules they come from, and the
/// names of its exports.
fn boundary_names(wasm: &[u8]) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
    let (mut imports, mut modules, mut exports) = (Vec::new(), Vec::<String>::new(), Vec::new());
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        match payload? {
            wasmparser::Payload::ImportSection(section) => {
                for import in section.into_imports() {
                    let import = import?;
                    imports.push(import.name.to_owned());
                    if !modules.iter().any(|module| module == import.module) {
                        modules.push(import.module.to_owned());
                    }
                }
            }
            wasmparser::Payload::ExportSection(section) => {
                for export in section {
                    exports.push(export?.name.to_owned());
                }
            }
            _ => {}
        }
    }
    Ok((imports, modules, exports))
}

/// The names of `wasm`'s imports, in order.
#[cfg(test)]
fn import_names(wasm: &[u8]) -> Result<Vec<String>> {
    Ok(boundary_names(wasm)?.0)
}

/// The `index`-th short name: `a`–`z`, `A`–`Z`, then two letters and so on.
fn short_name(mut index: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[index % LETTERS.len()]);
        index /= LETTERS.len();
        if index == 0 {
            break;
        }
        index -= 1;
    }
    String::from_utf8(name).expect("ASCII letters")
}

/// Where `word` stands in `text` as a whole JavaScript identifier.
fn word_places(text: &str, word: &str) -> Vec<usize> {
    let is_identifier = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word)
        .map(|(place, _)| place)
        .filter(|&place| {
            !text[..place].ends_with(is_identifier)
                && !text[place + word.len()..].starts_with(is_identifier)
        })
        .collect()
}

/// Copies a module with its imports, their modules and its exports renamed.
struct Renamer<'a> {
    imports: &'a [(String, String)],
    modules: &'a [(String, String)],
    exports: &'a [(String, String)],
}

/// `name`'s new name in `renames`, or `name` when it has none.
fn renamed<'n>(renames: &'n [(String, String)], name: &'n str) -> &'n str {
    renames
        .iter()
        .find(|(old, _)| old == name)
        .map_or(name, |(_, new)| new.as_str())
}

impl Reencode for Renamer<'_> {
    type Error = Infallible;

    fn parse_imports(
        &mut self,
        section: &mut wasm_encoder::ImportSection,
        imports: wasmparser::Imports<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        let mut singles = Vec::new();
        match imports {
            wasmparser::Imports::Single(_, import) => singles.push(import),
            wasmparser::Imports::Compact1 { module, items } => {
                for item in items {
                    let item = item?;
                    singles.push(wasmparser::Import {
                        module,
                        name: item.name,
                        ty: item.ty,
                    });
                }
            }
            wasmparser::Imports::Compact2 { module, ty, names } => {
                for name in names {
                    singles.push(wasmparser::Import {
                        module,
                        name: name?,
                        ty,
                    });
                }
            }
        }
        for import in singles {
            let ty = self.entity_type(import.ty)?;
            section.import(
                renamed(self.modules, import.module),
                renamed(self.imports, import.name),
                ty,
            );
        }
        Ok(())
    }

    fn parse_export(
        &mut self,
        exports: &mut wasm_encoder::ExportSection,
        export: wasmparser::Export<'_>,
    ) -> Result<(), reencode::Error<Self::Error>> {
        exports.export(
            renamed(self.exports, export.name),
            self.export_kind(export.kind)?,
            self.external_index(export.kind, export.index)?,
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing `names` as functions of no arguments from `./x_bg.js`, and calling
    /// the first from an exported function `run`.
    fn module(names: &[&str]) -> Vec<u8> {
        module_exporting(names, "run")
    }

    /// The same, its function exported as `export`.
    fn module_exporting(names: &[&str], export: &str) -> Vec<u8> {
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        let mut imports = wasm_encoder::ImportSection::new();
        for name in names {
            imports.import("./x_bg.js", name, wasm_encoder::EntityType::Function(0));
        }
        let mut functions = wasm_encoder::FunctionSection::new();
        functions.function(0);
        let mut exports = wasm_encoder::ExportSection::new();
        exports.export(export, wasm_encoder::ExportKind::Func, names.len() as u32);
        let mut code = wasm_encoder::CodeSection::new();
        let mut body = wasm_encoder::Function::new([]);
        body.instructions().call(0).end();
        code.function(&body);
        let mut module = wasm_encoder::Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&exports)
            .section(&code);
        module.finish()
    }

    /// The export names of `wasm`.
    fn export_names(wasm: &[u8]) -> Vec<String> {
        boundary_names(wasm).unwrap().2
    }

    #[test]
    fn imports_their_module_and_inner_exports_are_renamed_in_both_files() {
        let wasm = module(&["__wbg_alert_0123456789abcdef", "__wbindgen_throw"]);
        let glue =
            "const imports = { \"./x_bg.js\": { __wbg_alert_0123456789abcdef: () => alert(), \
                    __wbindgen_throw: (m) => { throw m; } } }; wasm.run();";
        let (wasm, glue) = shorten(&wasm, glue).unwrap();
        assert_eq!(import_names(&wasm).unwrap(), ["a", "b"]);
        assert_eq!(boundary_names(&wasm).unwrap().1, ["a"]);
        assert_eq!(export_names(&wasm), ["a"]);
        assert_eq!(
            glue,
            "const imports = { \"a\": { a: () => alert(), b: (m) => { throw m; } } }; wasm.a();"
        );
        wasmparser::Validator::new().validate_all(&wasm).unwrap();
    }

    #[test]
    fn an_export_the_glue_hands_on_keeps_its_name() {
        let wasm = module(&["__wbindgen_throw"]);
        let glue = "const imports = { \"./x_bg.js\": { __wbindgen_throw: (m) => { throw m; } } }; \
                    export function run() { wasm.run(); }";
        let (wasm, glue) = shorten(&wasm, glue).unwrap();
        assert_eq!(export_names(&wasm), ["run"]);
        assert!(
            glue.ends_with("export function run() { wasm.run(); }"),
            "{glue}"
        );
    }

    #[test]
    fn the_runtime_s_exports_keep_their_names() {
        let wasm = module_exporting(&["__wbindgen_throw"], "__wbindgen_malloc");
        let glue = "const imports = { \"./x_bg.js\": { __wbindgen_throw: (m) => { throw m; } } }; \
                    wasm.__wbindgen_malloc(8, 1);";
        let (wasm, glue) = shorten(&wasm, glue).unwrap();
        assert_eq!(export_names(&wasm), ["__wbindgen_malloc"]);
        assert!(glue.ends_with("wasm.__wbindgen_malloc(8, 1);"), "{glue}");
    }

    #[test]
    fn a_module_not_in_the_glue_once_changes_nothing() {
        let wasm = module(&["__wbindgen_throw"]);
        let error = shorten(&wasm, "{ __wbindgen_throw: 1 }")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("import module ./x_bg.js is named 0 times"),
            "{error}"
        );
    }

    #[test]
    fn a_name_not_in_the_glue_once_changes_nothing() {
        let wasm = module(&["__wbg_alert_0123456789abcdef"]);
        let twice = "\"./x_bg.js\" x.__wbg_alert_0123456789abcdef; y.__wbg_alert_0123456789abcdef";
        let error = shorten(&wasm, twice).unwrap_err().to_string();
        assert!(error.contains("named 2 times"), "{error}");
        // A longer name that contains it is another name.
        let longer = "\"./x_bg.js\" x.__wbg_alert_0123456789abcdef2";
        assert!(shorten(&wasm, longer).is_err());
    }

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "aa");
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert!(names
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_alphabetic())));
    }
}
