//! What the reader typed, as terms to find: `代表 工作室` needs both terms, `"60% 以上"` is one
//! term (its space removed by normalisation like any other), `-换届` excludes articles with the
//! term. Every string parses: stray quotes and minus signs, regex syntax or emoji are just
//! characters, and what normalises to nothing is dropped.

use super::normalize::fold_char;

/// A parsed query: terms in normalised form (see [`super::normalize`]), each non-empty and
/// listed once, in the order typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Terms an article must contain, each within one block or the title.
    pub required: Vec<String>,
    /// Terms an article must not contain anywhere.
    pub excluded: Vec<String>,
}

impl Query {
    /// True when nothing is required: such a query matches no article, whatever it excludes.
    pub fn is_empty(&self) -> bool {
        self.required.is_empty()
    }
}

/// Parses a query.
///
/// Outside quotes, whitespace (any width) separates terms, and a `-` that starts a term makes
/// it an exclusion. A `"` (either width) opens or closes a quoted stretch, inside which
/// whitespace is part of the term (and then removed by normalisation); a quote left open runs
/// to the end. Quote characters never belong to a term; `“”` are ordinary characters.
pub fn parse_query(input: &str) -> Query {
    let mut query = Query::default();
    let mut term = String::new();
    let mut excluded = false;
    let mut quoted = false;
    let mut term_started = false;
    for c in input.chars() {
        // Width-fold first so that full-width quotes, minus signs and spaces act like ASCII.
        let folded = fold_char(c);
        match folded {
            Some('"') => {
                quoted = !quoted;
                term_started = true;
            }
            None if !quoted => {
                push_term(&mut query, &term, excluded);
                term.clear();
                excluded = false;
                term_started = false;
            }
            None => {}
            Some('-') if !term_started => {
                excluded = true;
                term_started = true;
            }
            Some(c) => {
                term.push(c);
                term_started = true;
            }
        }
    }
    push_term(&mut query, &term, excluded);
    query
}

fn push_term(query: &mut Query, term: &str, excluded: bool) {
    if term.is_empty() {
        return;
    }
    let list = if excluded {
        &mut query.excluded
    } else {
        &mut query.required
    };
    if !list.iter().any(|t| t == term) {
        list.push(term.to_owned());
    }
}
