//! Finding where a value lives in JSON text, given its path (`articles[1].blocks[3].text`),
//! so semantic problems can be reported with a line and column like syntax errors.

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// Parses `a.b[2].c` into steps; `None` for a malformed path.
fn steps(path: &str) -> Option<Vec<Step>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            out.push(Step::Index(inner[..end].parse().ok()?));
            rest = &inner[end + 1..];
        }
    }
    Some(out)
}

/// A minimal JSON walker over already-valid JSON, recording the deepest position on the way
/// to the target path.
struct Walker<'t> {
    text: &'t [u8],
    at: usize,
    target: Vec<Step>,
    best: (usize, usize),
}

impl Walker<'_> {
    fn skip_space(&mut self) {
        while self
            .text
            .get(self.at)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.at += 1;
        }
    }

    fn string(&mut self) -> String {
        let start = self.at + 1;
        self.at += 1;
        while let Some(&b) = self.text.get(self.at) {
            self.at += 1;
            match b {
                b'\\' => self.at += 1,
                b'"' => break,
                _ => {}
            }
        }
        let raw = &self.text[start..self.at.saturating_sub(1).max(start)];
        serde_json::from_slice::<String>(&[b"\"", raw, b"\""].concat())
            .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
    }

    /// Walks one value at `depth` steps along the path (`on_path`: every step so far matched).
    fn value(&mut self, depth: usize, on_path: bool) {
        self.skip_space();
        // A member's key was already recorded for it; keep that.
        if on_path && self.best.0 < depth {
            self.best = (depth, self.at);
        }
        match self.text.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                loop {
                    self.skip_space();
                    match self.text.get(self.at) {
                        Some(b'}') | None => break,
                        Some(b',') => self.at += 1,
                        Some(_) => {
                            let key_at = self.at;
                            let key = self.string();
                            self.skip_space();
                            self.at += 1; // the colon
                            let next = on_path && self.target.get(depth) == Some(&Step::Key(key));
                            if next && depth + 1 == self.target.len() {
                                self.best = (depth + 1, key_at);
                            }
                            self.value(depth + 1, next);
                        }
                    }
                }
                self.at += 1;
            }
            Some(b'[') => {
                self.at += 1;
                let mut index = 0;
                loop {
                    self.skip_space();
                    match self.text.get(self.at) {
                        Some(b']') | None => break,
                        Some(b',') => {
                            self.at += 1;
                            index += 1;
                        }
                        Some(_) => {
                            let next =
                                on_path && self.target.get(depth) == Some(&Step::Index(index));
                            self.value(depth + 1, next);
                        }
                    }
                }
                self.at += 1;
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while self
                    .text
                    .get(self.at)
                    .is_some_and(|b| !b",]} \t\r\n".contains(b))
                {
                    self.at += 1;
                }
            }
            None => {}
        }
    }
}

/// Line and column (characters, from 1) of the value at `path` in `json`; when the path does
/// not exist (a missing field), of its deepest existing ancestor. For an object member the
/// position is that of its key, where a reader looks for it.
pub fn locate(json: &str, path: &str) -> (usize, usize) {
    let target = steps(path).unwrap_or_default();
    let mut walker = Walker {
        text: json.as_bytes(),
        at: 0,
        target,
        best: (0, 0),
    };
    walker.value(0, true);
    let offset = walker.best.1.min(json.len());
    let before = json.get(..offset).unwrap_or(json);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::locate;

    const JSON: &str = "{\n  \"id\": \"2017-15\",\n  \"articles\": [\n    {\"id\": \"a\", \"blocks\": [{\"text\": \"x\"}, {\"text\": \"\"}]},\n    {\"id\": \"b\"}\n  ]\n}";

    #[test]
    fn paths_are_found_at_their_key() {
        assert_eq!(locate(JSON, "id"), (2, 3));
        assert_eq!(locate(JSON, "articles[0].blocks[1].text"), (4, 44));
        assert_eq!(locate(JSON, "articles[1].id"), (5, 6));
    }

    #[test]
    fn a_missing_path_points_at_its_deepest_ancestor() {
        assert_eq!(locate(JSON, "articles[1].title"), (5, 5));
        assert_eq!(locate(JSON, "nothing"), (1, 1));
    }
}
