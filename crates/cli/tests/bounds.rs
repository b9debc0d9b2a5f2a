//! Every input within bounds: a Word document whose text unpacks past the limit (a zip bomb)
//! is refused as such while it unpacks, in little memory; so is a PDF whose page unpacks past
//! its bound or that shows millions of characters; a real issue's PDF converts within 100 MB;
//! a source file larger than any issue, or one that never ends, is refused before it fills
//! the memory.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The limits the tests expect, in MiB: a Word document's text, and a source file.
const TEXT_LIMIT_MB: u64 = 32;
const FILE_LIMIT_MB: u64 = 64;
const MIB: u64 = 1024 * 1024;

/// How the limits are said, in English.
fn text_too_large() -> String {
    format!("the Word document's text unpacks to more than {TEXT_LIMIT_MB} MB; a real issue's is under 1 MB, so the file is damaged or not an issue; expected a file saved by Word as .docx")
}
fn file_too_large() -> String {
    format!("the file is larger than {FILE_LIMIT_MB} MB; expected an issue's text, Word document or JSON, which are well under 1 MB")
}

/// The start of a valid `word/document.xml`; what follows it is padding.
const DOCUMENT_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>联络动态</w:t></w:r></w:p>"#;
const DOCUMENT_END: &str = "<w:sectPr/></w:body></w:document>";

/// Writes at `path` a .docx whose `word/document.xml` unpacks to `unpacked` bytes: a valid
/// start, spaces (between elements, where XML allows them) and a valid end. The spaces are
/// streamed through the compressor, never held whole; they compress about two hundredfold.
fn write_padded_docx(path: &Path, unpacked: u64) {
    let file = BufWriter::new(File::create(path).expect("creates"));
    let mut writer = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // The fastest level: the bomb's 2 GiB take half a minute in a debug build this way,
        // several times that at the default level, for a file five times smaller.
        .compression_level(Some(1))
        .large_file(unpacked >= u64::from(u32::MAX));
    writer
        .start_file("word/document.xml", options)
        .expect("starts the part");
    writer.write_all(DOCUMENT_START.as_bytes()).expect("writes");
    let padding = unpacked - (DOCUMENT_START.len() + DOCUMENT_END.len()) as u64;
    let chunk = vec![b' '; MIB as usize];
    let mut left = padding;
    while left > 0 {
        let now = left.min(MIB);
        writer.write_all(&chunk[..now as usize]).expect("writes");
        left -= now;
    }
    writer.write_all(DOCUMENT_END.as_bytes()).expect("writes");
    writer.finish().expect("finishes").flush().expect("flushes");
}

fn lianluo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temporary paths are UTF-8")
}

/// Asserts `out` failed with exactly `message` about `file`, then the summary.
fn refused_with(out: &Output, file: &Path, message: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    assert_eq!(
        stderr(out),
        format!(
            "{}:1:1: error: {message}\nlianluo: 1 error, 0 warnings\n",
            file.display()
        )
    );
}

#[test]
fn a_word_document_unpacking_past_the_limit_is_refused_as_such() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    let bomb = src.join("bomb.docx");
    write_padded_docx(&bomb, (TEXT_LIMIT_MB + 1) * MIB);
    assert!(fs::metadata(&bomb).expect("written").len() < MIB);

    let out = lianluo(&["convert", path_str(&bomb)]);
    refused_with(&out, &bomb, &text_too_large());
    assert!(out.stdout.is_empty());
    let zh = Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(["--lang", "zh", "convert", path_str(&bomb)])
        .output()
        .expect("the binary runs");
    assert!(
        stderr(&zh).starts_with(&format!(
            "{}:1:1: 错误: 这个 Word 文档的正文解压后超过 {TEXT_LIMIT_MB} MB；",
            bomb.display()
        )),
        "{}",
        stderr(&zh)
    );

    let data = dir.path().join("data");
    let built = lianluo(&["build", path_str(&src), "--out", path_str(&data)]);
    assert_eq!(built.status.code(), Some(1));
    assert!(
        stderr(&built).starts_with(&format!(
            "{}:1:1: error: {}",
            bomb.display(),
            text_too_large()
        )),
        "{}",
        stderr(&built)
    );
    assert!(!data.exists());
}

#[test]
fn a_word_document_just_under_the_limit_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let padded = dir.path().join("padded.docx");
    write_padded_docx(&padded, TEXT_LIMIT_MB * MIB);
    let out = lianluo(&["convert", path_str(&padded)]);
    // Read and parsed: what is wrong is the issue, not the size.
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!(
            "{}:1:1: error: paragraph 1: the masthead has no issue number",
            padded.display()
        )),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("unpacks to more than"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("damaged"), "{}", stderr(&out));
}

#[test]
fn a_source_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("src");
    fs::create_dir(&src).expect("mkdir");
    let size = FILE_LIMIT_MB * MIB + 1;
    let big: Vec<PathBuf> = ["big.txt", "big.docx", "big.json"]
        .iter()
        .map(|name| {
            let path = src.join(name);
            // Sparse: the length is there without the bytes being written.
            File::create(&path)
                .expect("creates")
                .set_len(size)
                .expect("sizes");
            path
        })
        .collect();
    for file in &big[..2] {
        refused_with(
            &lianluo(&["convert", path_str(file)]),
            file,
            &file_too_large(),
        );
    }
    refused_with(
        &lianluo(&["validate", path_str(&big[2])]),
        &big[2],
        &file_too_large(),
    );
    let data = dir.path().join("data");
    let built = lianluo(&["build", path_str(&src), "--out", path_str(&data)]);
    assert_eq!(built.status.code(), Some(1));
    for file in &big {
        assert!(
            stderr(&built).contains(&format!(
                "{}:1:1: error: {}\n",
                file.display(),
                file_too_large()
            )),
            "{}",
            stderr(&built)
        );
    }
    assert!(!data.exists());
}

#[cfg(unix)]
#[test]
fn a_file_that_never_ends_is_refused_at_the_limit() {
    // A device has no length to check first: the reading itself stops past the limit.
    let zero = Path::new("/dev/zero");
    refused_with(&lianluo(&["convert", "/dev/zero"]), zero, &file_too_large());
}

/// The most memory `lianluo convert` may take on a Word document unpacking to gigabytes.
#[cfg(unix)]
const BOMB_MEMORY_LIMIT_BYTES: u64 = 200 * MIB;

/// A .docx unpacking to 2 GiB, written once per target folder (it takes a while to compress)
/// and kept under the tests' temporary folder for the next runs.
#[cfg(unix)]
fn two_gigabyte_bomb() -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lianluo-bomb-2GiB.docx");
    if !path.is_file() {
        // Written beside and renamed, so that an interrupted run leaves no half bomb.
        let partial = path.with_extension(format!("partial-{}", std::process::id()));
        write_padded_docx(&partial, 2048 * MIB);
        fs::rename(&partial, &path).expect("renames");
    }
    path
}

/// Runs `lianluo ARGS` and waits for it with `wait4`, which gives that one child's peak
/// resident memory (`getrusage` would mix in the children of the other tests running
/// beside); its exit code, stderr and peak memory in bytes.
#[cfg(unix)]
// The child is reaped by `wait4` below, which clippy does not know of.
#[allow(clippy::zombie_processes)]
fn run_measured(args: &[&str]) -> (i32, String, u64) {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut text = String::new();
    child
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut text)
        .expect("reads stderr");
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    let mut status = 0;
    // SAFETY: `rusage` is plain data, for which all zeros is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is this process's own child, not yet waited for; the pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "{}", std::io::Error::last_os_error());
    assert!(libc::WIFEXITED(status));
    // Linux counts the peak in KiB, macOS in bytes.
    let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
    let peak = u64::try_from(usage.ru_maxrss).expect("a size") * unit;
    (libc::WEXITSTATUS(status), text, peak)
}

#[cfg(unix)]
#[test]
fn a_two_gigabyte_bomb_is_refused_in_little_memory() {
    let bomb = two_gigabyte_bomb();
    assert!(fs::metadata(&bomb).expect("written").len() < 16 * MIB);
    let (code, text, peak) = run_measured(&["--lang", "en", "convert", path_str(&bomb)]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.starts_with(&format!(
            "{}:1:1: error: {}",
            bomb.display(),
            text_too_large()
        )),
        "{text}"
    );
    assert!(
        peak <= BOMB_MEMORY_LIMIT_BYTES,
        "peak memory {} MiB",
        peak / MIB
    );
}

/// The most memory converting one issue's PDF may take (DESIGN.md's bar), and a PDF made to
/// take more (a bomb), in bytes.
const PDF_MEMORY_LIMIT_BYTES: u64 = 100 * MIB;
const PDF_BOMB_MEMORY_LIMIT_BYTES: u64 = 200 * MIB;

/// A one-page PDF whose page content, written by `content` into the compressor (so that the
/// tests never hold it whole: a large test process would count in its children's peak, which
/// share its pages until they start the binary), is stored deflated; with the font F1
/// (Helvetica), written by lopdf.
fn one_page_pdf(content: impl Fn(&mut dyn Write)) -> Vec<u8> {
    use lopdf::{dictionary, Document, Object, Stream};
    let mut packed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    content(&mut packed);
    let packed = packed.finish().expect("compresses");
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let stream =
        Stream::new(dictionary! { "Filter" => "FlateDecode" }, packed).with_compression(false);
    let contents = doc.add_object(stream);
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => contents,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("writes");
    bytes
}

#[cfg(unix)]
#[test]
fn each_producers_pdf_converts_within_a_hundred_megabytes() {
    for name in ["chromium.pdf", "libreoffice.pdf", "reportlab-stsong.pdf"] {
        let path = Path::new("tests/fixtures/pdf").join(name);
        let (code, text, peak) = run_measured(&["--lang", "en", "convert", path_str(&path)]);
        assert_eq!(code, 0, "{name}: {text}");
        assert!(
            peak <= PDF_MEMORY_LIMIT_BYTES,
            "{name}: peak memory {} MiB",
            peak / MIB
        );
    }
}

/// Writes the one-page PDF `content` makes, converts it, and checks that it is refused with a
/// message starting (after `FILE:1:1: error: `) with `expected`, within the bomb bound.
#[cfg(unix)]
fn assert_refused_in_little_memory(content: impl Fn(&mut dyn Write), expected: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("crafted.pdf");
    fs::write(&pdf, one_page_pdf(content)).expect("writes");
    let (code, text, peak) = run_measured(&["--lang", "en", "convert", path_str(&pdf)]);
    assert_eq!(code, 1, "{text}");
    let start = format!("{}:1:1: error: {expected}", pdf.display());
    assert!(text.starts_with(&start), "{text}");
    assert!(
        peak <= PDF_BOMB_MEMORY_LIMIT_BYTES,
        "peak memory {} MiB",
        peak / MIB
    );
}

#[cfg(unix)]
#[test]
fn a_pdf_page_that_unpacks_past_the_bound_is_refused_in_little_memory() {
    // 128 MiB of spaces, some hundred kilobytes packed.
    let spaces = |out: &mut dyn Write| {
        let chunk = vec![b' '; MIB as usize];
        for _ in 0..128 {
            out.write_all(&chunk).expect("compresses");
        }
    };
    assert_refused_in_little_memory(
        spaces,
        "page 1 unpacks to more than 64 MB, far more than any issue's page",
    );
}

#[cfg(unix)]
#[test]
fn a_pdf_showing_millions_of_characters_is_refused_in_little_memory() {
    // One string of 11,000,000 characters.
    let shown = |out: &mut dyn Write| {
        out.write_all(b"BT /F1 10 Tf 10 10 Td (")
            .expect("compresses");
        let chunk = vec![b'a'; 1_000_000];
        for _ in 0..11 {
            out.write_all(&chunk).expect("compresses");
        }
        out.write_all(b") Tj ET").expect("compresses");
    };
    assert_refused_in_little_memory(
        shown,
        "the PDF takes more than 10000000 characters and drawing operations",
    );
}
