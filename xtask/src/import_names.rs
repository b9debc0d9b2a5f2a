//! Short names for a program's imports, in its WebAssembly and its glue at once.
//!
//! wasm-bindgen names every import after what it calls plus a hash
//! (`__wbg_addEventListener_f2d27251d333a631`), and both files carry each name: in the
//! module's import section and as a key of the glue's import object. No minifier can shorten
//! them, since they cross the boundary between the two; the hashes hardly compress. Renamed
//! `a`, `b`, …, they cost the reader's glue about 2 KB gzip less and its module about 1 KB.

use anyhow::{bail, Context, Result};
use std::convert::Infallible;
use wasm_encoder::reencode::{self, Reencode};

/// Renames every import of `wasm` and the matching key of `glue`; returns both anew. Fails,
/// changing nothing, when an import's name is not in the glue exactly once as a whole word.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String)> {
    let olds = import_names(wasm)?;
    let renames: Vec<(String, String)> = olds
        .into_iter()
        .enumerate()
        .map(|(index, old)| (old, short_name(index)))
        .collect();
    let mut shortened = glue.to_owned();
    for (old, new) in &renames {
        let places = word_places(&shortened, old);
        let [place] = places[..] else {
            bail!(
                "the import {old} is named {} times in the glue, not once",
                places.len()
            );
        };
        shortened.replace_range(place..place + old.len(), new);
    }
    let mut module = wasm_encoder::Module::new();
    Renamer { renames: &renames }
        .parse_core_module(&mut module, wasmparser::Parser::new(0), wasm)
        .map_err(|error| anyhow::anyhow!("{error:?}"))
        .context("rewriting the WebAssembly's imports")?;
    Ok((module.finish(), shortened))
}

/// The names of `wasm`'s imports, in order.
fn import_names(wasm: &[u8]) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let wasmparser::Payload::ImportSection(section) = payload? {
            for import in section.into_imports() {
                names.push(import?.name.to_owned());
            }
        }
    }
    Ok(names)
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

/// Copies a module with its imports renamed.
struct Renamer<'a> {
    renames: &'a [(String, String)],
}

impl Renamer<'_> {
    fn renamed<'n>(&'n self, name: &'n str) -> &'n str {
        self.renames
            .iter()
            .find(|(old, _)| old == name)
            .map_or(name, |(_, new)| new.as_str())
    }
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
            section.import(import.module, self.renamed(import.name), ty);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing `names` as functions of no arguments from `./x_bg.js`, and calling
    /// the first from an exported function.
    fn module(names: &[&str]) -> Vec<u8> {
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        let mut imports = wasm_encoder::ImportSection::new();
        for name in names {
            imports.import("./x_bg.js", name, wasm_encoder::EntityType::Function(0));
        }
        let mut functions = wasm_encoder::FunctionSection::new();
        functions.function(0);
        let mut exports = wasm_encoder::ExportSection::new();
        exports.export("run", wasm_encoder::ExportKind::Func, names.len() as u32);
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

    #[test]
    fn imports_are_renamed_in_both_files() {
        let wasm = module(&["__wbg_alert_0123456789abcdef", "__wbindgen_throw"]);
        let glue = "const imports = { __wbg_alert_0123456789abcdef: () => alert(), \
                    __wbindgen_throw: (m) => { throw m; } }; wasm.run();";
        let (wasm, glue) = shorten(&wasm, glue).unwrap();
        assert_eq!(import_names(&wasm).unwrap(), ["a", "b"]);
        assert_eq!(
            glue,
            "const imports = { a: () => alert(), b: (m) => { throw m; } }; wasm.run();"
        );
        wasmparser::Validator::new().validate_all(&wasm).unwrap();
    }

    #[test]
    fn a_name_not_in_the_glue_once_changes_nothing() {
        let wasm = module(&["__wbg_alert_0123456789abcdef"]);
        let twice = "x.__wbg_alert_0123456789abcdef; y.__wbg_alert_0123456789abcdef";
        let error = shorten(&wasm, twice).unwrap_err().to_string();
        assert!(error.contains("named 2 times"), "{error}");
        // A longer name that contains it is another name.
        let longer = "x.__wbg_alert_0123456789abcdef2";
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
