//! The machine a benchmark ran on, so figures are never read without their context.

use crate::run::probe;
use serde::Serialize;
use std::process::Command;

/// CPU, cores, memory, OS and the time of the measurement.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    /// CPU model name from /proc/cpuinfo.
    pub cpu: String,
    /// Logical cores available to this process.
    pub cores: usize,
    /// Total memory in MiB, from /proc/meminfo.
    pub memory_mib: u64,
    /// PRETTY_NAME from /etc/os-release.
    pub os: String,
    /// When the report was made, UTC, ISO 8601.
    pub date: String,
}

/// Describes this machine, with "unknown" for what it does not say.
pub fn describe() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    Machine {
        cpu: field(&cpuinfo, "model name", ':').unwrap_or_else(|| "unknown".into()),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        memory_mib: field(&meminfo, "MemTotal", ':')
            .and_then(|kib| kib.trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kib| kib / 1024),
        os: field(&os_release, "PRETTY_NAME", '=')
            .map(|name| name.trim_matches('"').to_owned())
            .unwrap_or_else(|| "unknown".into()),
        date: probe(Command::new("date").args(["-u", "+%Y-%m-%dT%H:%M:%SZ"]))
            .map(|d| d.trim().to_owned())
            .unwrap_or_else(|| "unknown".into()),
    }
}

/// Free disk space in MiB on the file system holding `path`, from `df`; `None` when `df`
/// cannot tell. A build that runs out of disk dies in the linker with SIGBUS rather than a
/// message, so the test layers print this beside each layer.
pub fn free_disk_mib(path: &std::path::Path) -> Option<u64> {
    let report = probe(Command::new("df").args(["-P", "-k"]).arg(path))?;
    available_kib(&report).map(|kib| kib / 1024)
}

/// The "Available" column (KiB) of `df -P -k` output's one data line.
fn available_kib(report: &str) -> Option<u64> {
    report
        .lines()
        .nth(1)?
        .split_whitespace()
        .nth(3)?
        .parse()
        .ok()
}

/// The value of the first `key<separator>value` line, trimmed.
fn field(text: &str, key: &str, separator: char) -> Option<String> {
    text.lines()
        .filter_map(|line| line.split_once(separator))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_from_proc_and_os_release_formats() {
        let cpuinfo = "processor\t: 0\nmodel name\t: AMD EPYC 7B13\n";
        assert_eq!(
            field(cpuinfo, "model name", ':').as_deref(),
            Some("AMD EPYC 7B13")
        );
        let os = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n";
        assert_eq!(
            field(os, "PRETTY_NAME", '=').as_deref(),
            Some("\"Debian GNU/Linux 12 (bookworm)\"")
        );
        assert_eq!(field(os, "VERSION", '='), None);
    }

    #[test]
    fn available_space_is_the_fourth_column_of_dfs_data_line() {
        let report = "Filesystem 1024-blocks Used Available Capacity Mounted on\n\
                      /dev/vda 264140600 90177000 5662336 95% /\n";
        assert_eq!(available_kib(report), Some(5_662_336));
        assert_eq!(available_kib("Filesystem 1024-blocks Used\n"), None);
    }
}
