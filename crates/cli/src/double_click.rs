//! `lianluo.exe` double-clicked in Windows Explorer: instead of printing its usage into a
//! console window that closes at once, it says what it is and asks for the folder of
//! issues to preview (dragged into the window), then runs `lianluo serve` on it.

use std::io::BufRead;
use std::path::PathBuf;

use crate::i18n::t;
use crate::report::to_stdout;

/// Whether this run was started by a double click: no arguments, and this process alone on
/// its console (Explorer made the console for it; one started from a prompt shares the
/// prompt's). `console_processes` is `None` where it cannot be known (not Windows).
pub fn double_clicked(args_len: usize, console_processes: Option<u32>) -> bool {
    args_len <= 1 && console_processes == Some(1)
}

/// How many processes share this process's console; `None` without a console or off Windows.
pub fn console_processes() -> Option<u32> {
    #[cfg(windows)]
    {
        let mut ids = [0u32; 2];
        // SAFETY: the list is `ids`, valid for writing its length of u32s; the function
        // writes no more and returns how many processes there are (0 on failure).
        let count = unsafe {
            windows_sys::Win32::System::Console::GetConsoleProcessList(
                ids.as_mut_ptr(),
                ids.len() as u32,
            )
        };
        (count > 0).then_some(count)
    }
    #[cfg(not(windows))]
    {
        None
    }
}

/// The folder a typed or dropped line names: trimmed of whitespace and of the quotes Explorer
/// puts around a dropped path (`"D:\稿件"`); `None` for an empty line.
pub fn folder_from_line(line: &str) -> Option<PathBuf> {
    let trimmed = line.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|q| trimmed.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(trimmed)
        .trim();
    (!unquoted.is_empty()).then(|| PathBuf::from(unquoted))
}

/// Says what `lianluo` is and asks for a folder until one that exists is given; `None` when
/// the editor just presses Enter (or the input ends).
pub fn ask_for_folder() -> Option<PathBuf> {
    to_stdout(format_args!("{}", t("double-click-about", &[])));
    to_stdout(format_args!("{}", t("double-click-more", &[])));
    let mut lines = std::io::stdin().lock().lines();
    loop {
        to_stdout(format_args!("\n{}", t("double-click-prompt", &[])));
        let line = lines.next()?.ok()?;
        let folder = folder_from_line(&line)?;
        if folder.is_dir() {
            return Some(folder);
        }
        let text = folder.display().to_string();
        to_stdout(format_args!(
            "{}",
            t("double-click-not-folder", &[("text", text)])
        ));
    }
}

/// Keeps the window open on a problem until Enter, so that the editor can read it.
pub fn wait_before_closing() {
    to_stdout(format_args!("\n{}", t("double-click-press-enter", &[])));
    let _ = std::io::stdin().lock().lines().next();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_run_without_arguments_alone_on_its_console_is_a_double_click() {
        assert!(double_clicked(1, Some(1)));
        assert!(double_clicked(0, Some(1)));
        // Started from cmd or PowerShell: the prompt shares the console.
        assert!(!double_clicked(1, Some(2)));
        // With arguments, from a shortcut or a script.
        assert!(!double_clicked(2, Some(1)));
        // Not Windows, or no console at all.
        assert!(!double_clicked(1, None));
    }

    #[test]
    fn a_dropped_folder_loses_its_quotes_and_spaces() {
        assert_eq!(
            folder_from_line("\"D:\\稿件\"\r\n"),
            Some(PathBuf::from("D:\\稿件"))
        );
        assert_eq!(
            folder_from_line("  D:\\联络动态\\稿件 2017 \n"),
            Some(PathBuf::from("D:\\联络动态\\稿件 2017"))
        );
        assert_eq!(
            folder_from_line("'/home/编辑/稿件'"),
            Some(PathBuf::from("/home/编辑/稿件"))
        );
        assert_eq!(folder_from_line("\r\n"), None);
        assert_eq!(folder_from_line("  \"\"  "), None);
        // A lone quote is part of the name, not a pair to take off.
        assert_eq!(
            folder_from_line("\"D:\\稿件"),
            Some(PathBuf::from("\"D:\\稿件"))
        );
    }
}
