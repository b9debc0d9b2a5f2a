//! `lianluo serve` end to end: the real binary serving a copy of the sample issue on a free
//! port, rebuilt as the sources change, and ended by SIGINT.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

const SAMPLE: &str = include_str!("../../core/tests/fixtures/lianluo-2017-15.txt");
/// The sample's first article title.
const FIRST_TITLE: &str = "加强领导 上下协同 开辟县乡人大工作和建设新航程";
/// Longest a test waits for the preview to do something.
const PATIENCE: Duration = Duration::from_secs(10);

/// A running preview of its own sources folder, with its own temporary folder (TMPDIR).
struct Preview {
    child: Child,
    port: u16,
    /// The page the preview says to open (its address without the host).
    start: String,
    src: PathBuf,
    tmp: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `lianluo serve` on a folder holding `files`, and waits for its address.
fn preview(files: &[(&str, &[u8])]) -> Preview {
    let dir = tempfile::tempdir().expect("tempdir");
    let (src, tmp) = (dir.path().join("稿件"), dir.path().join("tmp"));
    fs::create_dir(&src).expect("mkdir");
    fs::create_dir(&tmp).expect("mkdir");
    for (name, bytes) in files {
        fs::write(src.join(name), bytes).expect("writes");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(["--lang", "en", "serve", "--no-open", "--port", "0"])
        .arg(&src)
        .env("TMPDIR", &tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let (lines, said) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let line = said
        .recv_timeout(PATIENCE)
        .expect("the preview says its address");
    let address = &line[line.find("http://127.0.0.1:").expect(&line) + 17..];
    let end = address.find(char::is_whitespace).unwrap_or(address.len());
    let (port, start) = address[..end].split_at(address.find('/').expect(&line));
    Preview {
        child,
        port: port.parse().expect("a port"),
        start: start.to_string(),
        src,
        tmp,
        _dir: dir,
    }
}

impl Preview {
    /// The status code and body of a GET of `path`.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("sends");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).expect("reads");
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let (head, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
        let code = head.split(' ').nth(1).and_then(|c| c.parse().ok());
        (code.expect("a status code"), body.to_string())
    }

    /// The builds' status now.
    fn status(&self) -> Value {
        let (code, body) = self.get("/__lianluo/status?since=0");
        assert_eq!(code, 200, "{body}");
        serde_json::from_str(&body).expect("status JSON")
    }

    /// The status once `done` holds of it; panics after [`PATIENCE`].
    fn status_when(&self, done: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let status = self.status();
            if done(&status) {
                return status;
            }
            assert!(Instant::now() < deadline, "still {status}");
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// The preview's temporary folders in its TMPDIR.
    fn work_dirs(&self) -> Vec<PathBuf> {
        fs::read_dir(&self.tmp)
            .expect("tmp")
            .flatten()
            .map(|e| e.path())
            .filter(|p| file_name(p).starts_with("lianluo-preview-"))
            .collect()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn sample_preview() -> Preview {
    preview(&[("第15期.txt", SAMPLE.as_bytes())])
}

#[test]
fn the_served_page_has_the_preview_script_and_the_first_build_is_good() {
    let preview = sample_preview();
    let (code, page) = preview.get(&preview.start);
    assert_eq!(code, 200, "{}: {page}", preview.start);
    let script = r#"<script src="/__lianluo/preview.js?served=1"></script>"#;
    assert_eq!(page.matches(script).count(), 1, "{page}");
    let (code, issue) = preview.get("/pages/2017-15.html");
    assert_eq!(code, 200);
    assert!(issue.contains(FIRST_TITLE), "{issue}");
    assert!(issue.contains(script), "{issue}");
    let status = preview.status();
    assert_eq!(status["build"], 1, "{status}");
    assert_eq!(status["ok"], true, "{status}");
    assert_eq!(status["served"], 1, "{status}");
    assert!(status["built_at"].as_u64().expect("a time") > 1_500_000_000_000);
    let (code, js) = preview.get("/__lianluo/preview.js");
    assert_eq!(code, 200);
    assert!(js.contains("\"hide\":\"Hide\""), "{js}");
    let (code, missing) = preview.get("/pages/no-such-page.html");
    assert_eq!(code, 404);
    assert!(
        missing.contains("No such page: /pages/no-such-page.html"),
        "{missing}"
    );
    assert_eq!(preview.get("/pages/../../etc/passwd").0, 400);
    assert_eq!(preview.work_dirs().len(), 1);
}

#[test]
fn saving_a_text_rebuilds_and_serves_the_new_title() {
    let preview = sample_preview();
    assert_eq!(preview.status()["build"], 1);
    let edited = SAMPLE.replacen(FIRST_TITLE, "预览中改过的标题", 1);
    fs::write(preview.src.join("第15期.txt"), edited).expect("writes");
    let status = preview.status_when(|s| s["build"].as_u64() >= Some(2));
    assert_eq!(status["ok"], true, "{status}");
    assert_eq!(status["served"], status["build"], "{status}");
    let (code, index) = preview.get("/index.json");
    assert_eq!(code, 200);
    assert!(index.contains("预览中改过的标题"), "{index}");
    assert!(!index.contains(FIRST_TITLE), "{index}");
}

#[test]
fn a_lock_file_is_ignored_and_a_broken_document_keeps_the_last_good_build() {
    let preview = sample_preview();
    fs::write(preview.src.join("~$第15期.docx"), b"\x0eowner\x00").expect("writes");
    // Three times the watcher's settling time: a build would have started by then.
    thread::sleep(Duration::from_millis(600));
    fs::write(preview.src.join("第16期.docx"), b"not a zip at all").expect("writes");
    let status = preview.status_when(|s| s["ok"] == false);
    assert_eq!(status["build"], 2, "the lock file built nothing: {status}");
    assert_eq!(status["served"], 1, "{status}");
    let problems: Vec<&str> = status["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(problems.len(), 1, "{status}");
    assert!(problems[0].contains("第16期.docx:1:1: error:"), "{status}");
    let (code, page) = preview.get(&preview.start);
    assert_eq!(code, 200);
    assert!(page.contains("preview.js?served=1"), "{page}");
}

#[test]
fn a_first_build_that_fails_serves_its_problems_until_one_succeeds() {
    let preview = preview(&[("第15期.docx", b"PK\x03\x04 half written")]);
    assert_eq!(preview.start, "/");
    let (code, page) = preview.get("/");
    assert_eq!(code, 503);
    assert!(page.contains("第15期.docx:1:1: error:"), "{page}");
    assert!(page.contains("preview.js?served=0"), "{page}");
    fs::remove_file(preview.src.join("第15期.docx")).expect("removes");
    fs::write(preview.src.join("第15期.txt"), SAMPLE).expect("writes");
    let status = preview.status_when(|s| s["ok"] == true);
    assert_eq!(status["served"], status["build"], "{status}");
    let (code, _) = preview.get("/pages/index.html");
    assert_eq!(code, 200);
}

#[cfg(unix)]
#[test]
fn sigint_ends_the_preview_and_removes_its_temporary_folder() {
    let mut preview = sample_preview();
    assert_eq!(preview.work_dirs().len(), 1);
    let pid = preview.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status();
    assert!(sent.expect("kill runs").success());
    let deadline = Instant::now() + PATIENCE;
    let exit = loop {
        if let Some(exit) = preview.child.try_wait().expect("waits") {
            break exit;
        }
        assert!(Instant::now() < deadline, "still running");
        thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(exit.code(), Some(0));
    assert_eq!(preview.work_dirs(), Vec::<PathBuf>::new());
    let left: Vec<String> = fs::read_dir(&preview.src)
        .expect("src")
        .flatten()
        .map(|e| file_name(&e.path()))
        .collect();
    assert_eq!(left, ["第15期.txt"]);
}
